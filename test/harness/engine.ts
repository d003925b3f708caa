import { ExecutionLifecycleHooks } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';

export const WEBHOOK_BASE = 'http://127.0.0.1:5678';

export function nodeTypesOf(types: Record<string, INodeType | IVersionedNodeType>): INodeTypes {
	return {
		getByName: (name) => types[name],
		// As n8n's node-types service: a versioned type answers with the class of the node's typeVersion.
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	};
}

export function createWorkflow(
	nodes: INode[],
	connections: IConnections,
	types: Record<string, INodeType | IVersionedNodeType>,
	staticData?: IDataObject,
): Workflow {
	return new Workflow({
		id: 'wf-test',
		name: 'in-process test',
		nodes,
		connections,
		active: false,
		nodeTypes: nodeTypesOf(types),
		staticData,
		settings: { executionOrder: 'v1' },
	});
}

/** What n8n's server hands the engine, minus a database: credentials from the test, real URLs. */
export function createAdditionalData(
	workflow: Workflow,
	credentialTypes: Record<string, ICredentialType>,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	executionId: string,
	baseUrl: string = WEBHOOK_BASE,
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: workflow.id,
		name: workflow.name ?? 'test',
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	return {
		credentialsHelper: new TestCredentialsHelper(credentialTypes, credentials),
		hooks,
		executionId,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		variables: {},
		currentNodeExecutionIndex: 0,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}
