import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../../credentials/HubSpotSyncApi.credentials';
import type { HubSpotSimulator } from '../../../simulators/hubspot';
import { createAdditionalData, createWorkflow } from '../../harness/engine';

/**
 * What n8n's server does when the editor opens a dropdown of the HubSpot Sync node: a LoadOptionsContext
 * (n8n-core) with the parameters currently in the editor, the node's method called on it, real HTTP to the simulator.
 */
export async function loadHubSpotOptions(
	sim: HubSpotSimulator,
	node: INodeType,
	method: string,
	parameters: IDataObject,
): Promise<INodePropertyOptions[]> {
	const fn = node.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`the node has no loadOptions method ${method}`);
	const under: INode = {
		id: 'under-test',
		name: 'HubSpot Sync',
		type: 'test.underTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { hubSpotSyncApi: { id: 'cred-hubSpotSyncApi', name: 'hubSpotSyncApi' } },
	};
	const workflow = createWorkflow([under], {}, { 'test.underTest': node });
	const additionalData = createAdditionalData(
		workflow,
		{ hubSpotSyncApi: new HubSpotSyncApi() },
		{
			hubSpotSyncApi: {
				accessToken: sim.token,
				baseUrl: sim.url,
				clientSecret: sim.clientSecret,
				appId: String(sim.appId),
			},
		},
		'load-options',
	);
	additionalData.currentNodeParameters = parameters as INode['parameters'];
	return await fn.call(new LoadOptionsContext(workflow, under, additionalData, 'parameters'));
}
