import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeType,
	type IRun,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';

import { createAdditionalData, createWorkflow } from './engine';
import { CapturedResponse } from './trigger-context';

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
}

interface Route {
	active: ActiveWorkflow;
	trigger: INode;
	webhookData: IWebhookData;
}

/** One workflow made active in the in-process n8n: its Workflow object (and static data) lives across requests. */
export class ActiveWorkflow {
	readonly runs: IRun[] = [];
	/** Requests the trigger answered without starting a run (a duplicate, an echo, a forgery). */
	readonly dropped: number[] = [];

	constructor(
		readonly workflow: Workflow,
		private readonly host: InProcessN8n,
	) {}

	additionalData(executionId: string): IWorkflowExecuteAdditionalData {
		return this.host.additionalDataFor(this.workflow, executionId);
	}

	/** The JSON of the items `node` put out in run number `run` (empty when it did not run). */
	outputOf(run: number, node: string): IDataObject[] {
		return this.runs[run].data.resultData.runData[node]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [];
	}
}

/**
 * The part of n8n that turns an HTTP request into a workflow run, in this process: a real HTTP server at
 * `/webhook/<webhookId>/<path>` calling the trigger's webhook() through n8n-core's WebhookContext, answering as
 * n8n does (the trigger's own answer, or 200 once the run is created), then running the rest of the workflow
 * through n8n-core's WorkflowExecute, as n8n's webhook helpers do: the trigger's items start the execution stack.
 * Activation calls webhookMethods checkExists/create through HookContext, as n8n does on activation.
 */
export class InProcessN8n {
	private readonly routes = new Map<string, Route>();
	private readonly inFlight = new Set<Promise<unknown>>();

	private constructor(
		private readonly server: Server,
		readonly url: string,
		private readonly types: Record<string, INodeType>,
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {}

	static async start(
		types: Record<string, INodeType>,
		credentialTypes: Record<string, ICredentialType>,
		credentials: Record<string, ICredentialDataDecryptedObject>,
	): Promise<InProcessN8n> {
		// The server exists before the host that handles its requests (the host needs the server's port).
		const bound: { host?: InProcessN8n } = {};
		const server = createServer((req, res) => {
			void bound.host!.handle(req, res);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		bound.host = new InProcessN8n(server, `http://127.0.0.1:${port}`, types, credentialTypes, credentials);
		return bound.host;
	}

	additionalDataFor(workflow: Workflow, executionId: string): IWorkflowExecuteAdditionalData {
		return createAdditionalData(workflow, this.credentialTypes, this.credentials, executionId, this.url);
	}

	/** Registers the workflow's webhooks (running each trigger's checkExists → create) and keeps it for requests. */
	async activate(json: WorkflowJson): Promise<ActiveWorkflow> {
		const workflow = createWorkflow(json.nodes, json.connections, this.types);
		const active = new ActiveWorkflow(workflow, this);
		for (const node of json.nodes) {
			const type = this.types[node.type];
			if (!type) throw new Error(`no node type ${node.type} registered for ${node.name}`);
			for (const description of type.description.webhooks ?? []) {
				const webhookData = {
					httpMethod: description.httpMethod,
					node: node.name,
					path: `${node.webhookId}/${description.path as string}`,
					webhookDescription: description,
					workflowId: workflow.id,
					isTest: false,
					webhookId: node.webhookId,
				} as IWebhookData;
				this.routes.set(webhookData.path, { active, trigger: node, webhookData });
				const methods = type.webhookMethods?.[description.name];
				if (!methods) continue;
				const hook = new HookContext(
					workflow,
					node,
					active.additionalData('activation'),
					'trigger',
					'activate',
					webhookData,
				);
				if (!(await methods.checkExists.call(hook))) await methods.create.call(hook);
			}
		}
		return active;
	}

	/** Resolves once no request or run is in progress. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	async close(): Promise<void> {
		await this.idle();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const work = this.receive(req, Buffer.concat(chunks), res);
		this.inFlight.add(work);
		try {
			await work;
		} finally {
			this.inFlight.delete(work);
		}
	}

	private async receive(req: IncomingMessage, rawBody: Buffer, res: ServerResponse): Promise<void> {
		const route = this.routes.get((req.url ?? '').replace(/^\/webhook\//, '').split('?')[0]);
		if (!route || req.method !== route.webhookData.httpMethod) {
			res.writeHead(404).end();
			return;
		}
		const { active, trigger, webhookData } = route;
		const executionId = `exec-${++executionCount}`;
		const additionalData = active.additionalData(executionId) as IWorkflowExecuteAdditionalData &
			Record<string, unknown>;
		const captured = new CapturedResponse();
		additionalData.httpRequest = { headers: req.headers, rawBody, body: parseJson(rawBody), query: {}, params: {} };
		additionalData.httpResponse = captured;
		const ctx = new WebhookContext(active.workflow, trigger, additionalData, 'webhook', webhookData, [], null);
		let result;
		try {
			result = await this.types[trigger.type].webhook!.call(ctx);
		} catch (error) {
			res
				.writeHead(500, { 'content-type': 'application/json' })
				.end(JSON.stringify({ message: (error as Error).message }));
			return;
		}
		const status = result.noWebhookResponse ? captured.statusCode : 200;
		const body = result.noWebhookResponse
			? captured.body
			: (result.webhookResponse ?? { message: 'Workflow was started' });
		res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
		captured.finish(status);
		if (!result.workflowData) {
			active.dropped.push(status);
			return;
		}
		const runData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: trigger, data: { main: result.workflowData }, source: null }] },
		});
		const run = await new WorkflowExecute(
			active.additionalData(executionId),
			'webhook',
			runData,
		).processRunExecutionData(active.workflow);
		active.runs.push(run);
	}
}

/** Shared by every in-process n8n, so two of them (two "webhook processes") never reuse an execution id. */
let executionCount = 0;

function parseJson(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return {};
	}
}
