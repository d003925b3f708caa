import { WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type IRun,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData, createWorkflow } from './engine';

/** A test-only source node: outputs the items given in its `items` parameter, one run. */
class ItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items Source',
		name: 'itemsSource',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items (tests only)',
		defaults: { name: 'Items Source' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: import('n8n-workflow').IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		const items = JSON.parse(raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

export interface RunNodeOptions {
	node: INodeType;
	parameters: INodeParameters;
	typeVersion?: number;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: Record<string, ICredentialType>;
	input?: IDataObject[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
	executionId?: string;
	/** The source node's name and type as the workflow records them (the node itself stays the items source). */
	source?: { name: string; type: string };
	/** n8n's execution mode (default manual); 'webhook' runs as a production run a webhook trigger started. */
	mode?: WorkflowExecuteMode;
}

export interface NodeRunResult {
	items: INodeExecutionData[];
	/** All outputs of the node under test (multi-output nodes). */
	outputs: INodeExecutionData[][];
	error?: Error & { description?: string; httpCode?: string | null; context?: IDataObject };
	run: IRun;
}

const UNDER_TEST = 'Node Under Test';

/**
 * Runs `Items Source → node` through n8n-core's real WorkflowExecute (the engine n8n itself runs),
 * with real HTTP through n8n's request helpers and credentials applied as n8n applies them.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	const source = options.source ?? { name: 'Items Source', type: 'test.itemsSource' };
	const types: Record<string, INodeType> = { [source.type]: new ItemsSource(), 'test.underTest': options.node };
	const credentialRefs = Object.fromEntries(
		Object.keys(options.credentials ?? {}).map((type) => [type, { id: `cred-${type}`, name: type }]),
	);
	const nodes: INode[] = [
		{
			id: 'source',
			name: source.name,
			type: source.type,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.input ?? [{}]) },
		},
		{
			id: 'under-test',
			name: UNDER_TEST,
			type: 'test.underTest',
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: credentialRefs,
			continueOnFail: options.continueOnFail,
		},
	];
	const connections = {
		[source.name]: { main: [[{ node: UNDER_TEST, type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	const workflow = createWorkflow(nodes, connections, types, options.staticData);
	const additionalData = createAdditionalData(
		workflow,
		options.credentialTypes,
		options.credentials ?? {},
		options.executionId ?? 'exec-1',
	);
	const run = await new WorkflowExecute(additionalData, options.mode ?? 'manual').run({
		workflow,
		startNode: nodes[0],
	});
	const taskData = run.data.resultData.runData[UNDER_TEST]?.[0];
	const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
	return {
		items: outputs[0] ?? [],
		outputs,
		error: (run.data.resultData.error ?? taskData?.error) as NodeRunResult['error'],
		run,
	};
}
