import { LoadOptionsContext } from 'n8n-core';
import { NodeHelpers, type IDataObject, type INode, type INodePropertyOptions, type INodeType } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../../credentials/HubSpotSyncApi.credentials';
import type { HubSpotSimulator } from '../../../simulators/hubspot';
import { createAdditionalData, createWorkflow } from '../../harness/engine';

/**
 * What n8n's server does when the editor opens a dropdown of the HubSpot Sync node: a LoadOptionsContext
 * (n8n-core) with the parameters currently in the editor (defaults filled in, as the editor sends them), the node's
 * method called on it, real HTTP to the simulator.
 */
export async function loadHubSpotOptions(
	sim: HubSpotSimulator,
	node: INodeType,
	method: string,
	parameters: IDataObject,
): Promise<INodePropertyOptions[]> {
	const fn = node.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`the node has no loadOptions method ${method}`);
	const inEditor =
		NodeHelpers.getNodeParameters(
			node.description.properties,
			parameters as INode['parameters'],
			true,
			false,
			null,
			node.description,
		) ?? {};
	const under: INode = {
		id: 'under-test',
		name: 'HubSpot Sync',
		type: 'test.underTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: inEditor,
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
	additionalData.currentNodeParameters = inEditor;
	return await fn.call(new LoadOptionsContext(workflow, under, additionalData, 'parameters'));
}
