import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, INodeListSearchResult, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { KirimSyncApi } from '../../../credentials/KirimSyncApi.credentials';
import type { KirimSimulator } from '../../../simulators/kirim';
import { createAdditionalData, createWorkflow } from '../../harness/engine';

type PathStyle = 'phoneScoped' | 'orgLevel';

/**
 * What n8n's server does when the editor opens a dropdown or a resource locator's list: a LoadOptionsContext
 * (n8n-core) for the node with the parameters currently in the editor, and the node's method called on it.
 * Real HTTP through n8n's authenticated request helper to the simulator.
 */
function contextFor(
	sim: KirimSimulator,
	node: INodeType,
	parameters: IDataObject,
	pathStyle: PathStyle,
): LoadOptionsContext {
	const under: INode = {
		id: 'under-test',
		name: 'Kirim',
		type: 'test.underTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { kirimSyncApi: { id: 'cred-kirimSyncApi', name: 'kirimSyncApi' } },
	};
	const workflow = createWorkflow([under], {}, { 'test.underTest': node });
	const additionalData = createAdditionalData(
		workflow,
		{ kirimSyncApi: new KirimSyncApi() },
		{ kirimSyncApi: { apiKey: sim.apiKey, baseUrl: sim.url, pathStyle, phoneNumberId: sim.phoneNumberIds[0] } },
		'load-options',
	);
	additionalData.currentNodeParameters = parameters as INode['parameters'];
	return new LoadOptionsContext(workflow, under, additionalData, 'parameters');
}

export async function loadOptions(
	sim: KirimSimulator,
	node: INodeType,
	method: string,
	parameters: IDataObject,
	pathStyle: PathStyle = 'phoneScoped',
): Promise<INodePropertyOptions[]> {
	const fn = node.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`the node has no loadOptions method ${method}`);
	return await fn.call(contextFor(sim, node, parameters, pathStyle));
}

export async function listSearch(
	sim: KirimSimulator,
	node: INodeType,
	method: string,
	parameters: IDataObject,
	filter?: string,
	paginationToken?: string,
	pathStyle: PathStyle = 'phoneScoped',
): Promise<INodeListSearchResult> {
	const fn = node.methods?.listSearch?.[method];
	if (!fn) throw new Error(`the node has no listSearch method ${method}`);
	return await fn.call(contextFor(sim, node, parameters, pathStyle), filter, paginationToken);
}
