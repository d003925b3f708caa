import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An example workflow from examples/, with `{{<credential type>}}` placeholders replaced by credential ids. */
export function exampleWorkflow(file: string, credentialIds: Record<string, string>): Record<string, unknown> {
	let text = readFileSync(join(__dirname, '..', 'examples', file), 'utf8');
	for (const [type, id] of Object.entries(credentialIds)) text = text.split(`{{${type}}}`).join(id);
	return JSON.parse(text) as Record<string, unknown>;
}

/** The production webhook path of an example's node (its webhookId + `/webhook`, as n8n registers ours). */
export function webhookPathOf(workflow: Record<string, unknown>, nodeName: string): string {
	const node = (workflow.nodes as Array<{ name: string; webhookId?: string }>).find((n) => n.name === nodeName);
	if (!node?.webhookId) throw new Error(`${nodeName} has no webhookId`);
	return `${node.webhookId}/webhook`;
}
