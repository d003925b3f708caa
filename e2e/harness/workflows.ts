import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** A one-node workflow around a trigger of ours (n8n-e2e.md §4 "Workflow JSON that works"). */
export function triggerWorkflow(
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	credentials: Record<string, { id: string; name: string }>,
): TriggerWorkflow {
	const webhookId = randomUUID();
	return {
		webhookId,
		path: `${webhookId}/webhook`,
		workflow: {
			name,
			nodes: [
				{ id: randomUUID(), name: 'Trigger', type, typeVersion: 1, position: [0, 0], webhookId, parameters, credentials },
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	};
}

/** An example workflow from examples/, with `{{<credential type>}}` placeholders replaced by credential ids. */
export function exampleWorkflow(file: string, credentialIds: Record<string, string>): Record<string, unknown> {
	let text = readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8');
	for (const [type, id] of Object.entries(credentialIds)) text = text.split(`{{${type}}}`).join(id);
	return JSON.parse(text) as Record<string, unknown>;
}

/** The production webhook path of an example's node (its webhookId + `/webhook`, as n8n registers ours). */
export function webhookPathOf(workflow: Record<string, unknown>, nodeName: string): string {
	const node = (workflow.nodes as Array<{ name: string; webhookId?: string }>).find((n) => n.name === nodeName);
	if (!node?.webhookId) throw new Error(`${nodeName} has no webhookId`);
	return `${node.webhookId}/webhook`;
}
