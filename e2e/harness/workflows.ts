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
					typeVersion: 1,
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

export { exampleWorkflow, webhookPathOf } from '../../testkit/examples';
