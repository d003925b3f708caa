import { EventEmitter } from 'node:events';

import { HookContext, WebhookContext } from 'n8n-core';
import {
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { createAdditionalData, createWorkflow } from './engine';

export interface TriggerSetup {
	trigger: INodeType;
	parameters: INodeParameters;
	credentialTypes: Record<string, ICredentialType>;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The node's static data; the same object persists across calls, as n8n keeps it per workflow. */
	staticData: IDataObject;
	webhookId?: string;
	/** The trigger node's name (static data is kept under `node:<name>`). */
	nodeName?: string;
	isTest?: boolean;
	/** Which of the node's webhooks receives the request (default: 'default'). */
	webhookName?: string;
	/** Keep the answer unsent after webhook() returned, as n8n does while it creates (or, after-run, runs) the run. */
	holdAnswer?: boolean;
}

/** What the trigger sent back through the express response, when it answered by itself. */
export class CapturedResponse extends EventEmitter {
	statusCode = 200;
	body: unknown;
	ended = false;
	readonly headers: Record<string, string> = {};

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		this.body = body;
		return this;
	}

	send(body: unknown): this {
		this.body = body;
		return this;
	}

	end(): this {
		this.ended = true;
		return this;
	}

	get headersSent(): boolean {
		return this.ended;
	}

	get writableEnded(): boolean {
		return this.ended;
	}

	readonly destroyed = false;

	/** Plays n8n's part when it answers (after the run exists, or after a `lastNode` run): status, then end(). */
	finish(status: number): void {
		this.statusCode = status;
		this.end();
		this.emit('finish');
	}

	/** The sender gives up before n8n answered (Kirim after 10 s): Node emits 'close' on the response. */
	hangUp(): void {
		this.emit('close');
	}
}

function build(setup: TriggerSetup) {
	const nodeName = setup.nodeName ?? 'Trigger Under Test';
	const node: INode = {
		id: 'trigger-node',
		name: nodeName,
		type: 'test.trigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: setup.webhookId ?? 'kirim-e2e',
		parameters: setup.parameters,
		credentials: Object.fromEntries(
			Object.keys(setup.credentials ?? {}).map((type) => [type, { id: `cred-${type}`, name: type }]),
		),
	};
	const workflow = createWorkflow(
		[node],
		{},
		{ 'test.trigger': setup.trigger },
		{ [`node:${nodeName}`]: setup.staticData },
	);
	// Workflow copies static data into its own object; point it back at the test's object.
	workflow.staticData[`node:${nodeName}`] = setup.staticData;
	const additionalData = createAdditionalData(workflow, setup.credentialTypes, setup.credentials ?? {}, 'exec-hook');
	const description = setup.trigger.description.webhooks!.find((w) => w.name === (setup.webhookName ?? 'default'))!;
	const webhookData = {
		httpMethod: 'POST',
		node: nodeName,
		path: `${node.webhookId}/${description.path as string}`,
		webhookDescription: description,
		workflowId: workflow.id,
		isTest: setup.isTest ?? false,
		webhookId: node.webhookId,
	} as IWebhookData;
	return { workflow, node, additionalData, webhookData };
}

export interface Delivery {
	headers: Record<string, string>;
	rawBody: Buffer;
	/** What n8n's body parser made of the bytes; JSON by default. */
	body?: unknown;
}

export interface DeliveryResult {
	result: IWebhookResponseData;
	response: CapturedResponse;
	/** The status Kirim sees, and the body, whichever way the trigger answered. */
	status: number;
	answer: unknown;
}

const open = new Set<CapturedResponse>();

/**
 * Answers every delivery a test left unanswered, as n8n always does in the end: an unanswered response to a delivery
 * answered after its run keeps the trigger's static-data marking loop alive (for up to 10 minutes), which would hold jest open. Call in afterEach.
 */
export function answerLeftovers(): void {
	for (const response of open) if (!response.ended) response.finish(200);
	open.clear();
}

/** Calls the trigger's webhook() through n8n-core's real WebhookContext. */
export async function deliver(setup: TriggerSetup, delivery: Delivery): Promise<DeliveryResult> {
	const { workflow, node, additionalData, webhookData } = build(setup);
	const response = new CapturedResponse();
	open.add(response);
	const request = {
		headers: Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k.toLowerCase(), v])),
		rawBody: delivery.rawBody,
		body: delivery.body !== undefined ? delivery.body : safeJson(delivery.rawBody),
		query: {},
		params: {},
	};
	(additionalData as IWorkflowExecuteAdditionalData & { httpRequest: unknown }).httpRequest = request;
	(additionalData as IWorkflowExecuteAdditionalData & { httpResponse: unknown }).httpResponse = response;
	const ctx = new WebhookContext(
		workflow,
		node,
		additionalData,
		setup.isTest ? 'manual' : 'webhook',
		webhookData,
		[],
		null,
	);
	const result = await setup.trigger.webhook!.call(ctx);
	// n8n answers once the run exists (after the run for 'lastNode' webhooks, which tests finish themselves).
	if (!result.noWebhookResponse && !setup.holdAnswer && (setup.webhookName ?? 'default') === 'default')
		response.finish(200);
	const status = result.noWebhookResponse ? response.statusCode : 200;
	const answer = result.noWebhookResponse ? response.body : result.webhookResponse;
	return { result, response, status, answer };
}

function safeJson(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return {};
	}
}

export type LifecycleMethod = 'checkExists' | 'create' | 'delete';

/** Calls one webhook lifecycle method through n8n-core's real HookContext. */
export async function lifecycle(setup: TriggerSetup, method: LifecycleMethod): Promise<boolean | undefined> {
	const { workflow, node, additionalData, webhookData } = build(setup);
	const ctx = new HookContext(
		workflow,
		node,
		additionalData,
		setup.isTest ? 'manual' : 'trigger',
		'activate',
		webhookData,
	);
	return await setup.trigger.webhookMethods!.default![method].call(ctx);
}
