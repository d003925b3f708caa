import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { PACKAGE_PATH_FILE } from '../global-setup';

export function packedPackage(): string {
	return readFileSync(PACKAGE_PATH_FILE, 'utf8').trim();
}

export interface TriggerWorkflow {
	workflow: Record<string, unknown>;
	webhookId: string;
	/** The production webhook path below /webhook/. */
	path: string;
}

/** A one-node workflow around a trigger of ours, in the JSON shape n8n 2.x imports and activates. */
export function triggerWorkflow(
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	credentials: Record<string, { id: string; name: string }>,
	typeVersion = 1,
): TriggerWorkflow {
	const webhookId = randomUUID();
	return {
		webhookId,
		path: `${webhookId}/webhook`,
		workflow: {
			name,
			nodes: [
				{
					id: randomUUID(),
					name: 'Trigger',
					type,
					typeVersion,
					position: [0, 0],
					webhookId,
					parameters,
					credentials,
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	};
}

export { exampleWorkflow, nodeOf, webhookPathOf } from '../../testkit/examples';

/** A node placed after the Webhook by webhookChain: its id and position are filled in. */
export interface ChainedNode extends Record<string, unknown> {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
}

/** Split Out of the request body's `items` array: one item per element, for the nodes after it. */
export const SPLIT_BODY_ITEMS: ChainedNode = {
	name: 'Items',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
};

/**
 * Webhook (POST `path`, answered with every item of the last node) → `chain`, in a line: how the real-n8n tests
 * drive an action node with items of their choosing.
 */
export function webhookChain(name: string, path: string, chain: ChainedNode[]): Record<string, unknown> {
	const webhook = {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
	const nodes = [webhook, ...chain].map((node, n) => ({ id: randomUUID(), position: [n * 220, 0], ...node }));
	const connections = Object.fromEntries(
		nodes.slice(0, -1).map((node, n) => [node.name, { main: [[{ node: nodes[n + 1].name, type: 'main', index: 0 }]] }]),
	);
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** POSTs `payload` to a production webhook and returns the items n8n answered with; anything but 200 throws. */
export async function callWebhook(
	n8nUrl: string,
	path: string,
	payload: unknown,
): Promise<Array<Record<string, unknown>>> {
	const response = await fetch(`${n8nUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(payload),
	});
	const text = await response.text();
	if (response.status !== 200) throw new Error(`the run answered ${response.status}: ${text.slice(0, 500)}`);
	return JSON.parse(text) as Array<Record<string, unknown>>;
}
