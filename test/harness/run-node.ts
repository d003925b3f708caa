import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';

/** A test-only source node: outputs the items given in its `items` parameter, one run. */
class ItemsSource implements INodeType {
	description = {
		displayName: 'Items Source',
		name: 'itemsSource',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items (tests only)',
		defaults: { name: 'Items Source' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json' as const, default: '[]' }],
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
	const source = new ItemsSource();
	const types: Record<string, INodeType> = { 'test.itemsSource': source, 'test.underTest': options.node };
	const nodeTypes: INodeTypes = {
		getByName: (name) => types[name] as INodeType | IVersionedNodeType,
		getByNameAndVersion: (name) => types[name],
		getKnownTypes: () => ({}),
	};
	const credentialRefs = Object.fromEntries(
		Object.keys(options.credentials ?? {}).map((type) => [type, { id: `cred-${type}`, name: type }]),
	);
	const nodes: INode[] = [
		{
			id: 'source',
			name: 'Items Source',
			type: 'test.itemsSource',
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
		'Items Source': { main: [[{ node: UNDER_TEST, type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'in-process test',
		nodes,
		connections,
		active: false,
		nodeTypes,
		staticData: options.staticData,
		settings: { executionOrder: 'v1' },
	});
	const executionId = options.executionId ?? 'exec-1';
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: workflow.id,
		name: workflow.name ?? 'test',
		nodes,
		connections,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentialTypes, options.credentials ?? {}),
		hooks,
		executionId,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		currentNodeExecutionIndex: 0,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	const run = await new WorkflowExecute(additionalData, 'manual').run({
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
