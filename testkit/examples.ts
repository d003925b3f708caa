import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An example workflow from examples/, with `{{<credential type>}}` placeholders replaced by credential ids. */
export function exampleWorkflow(file: string, credentialIds: Record<string, string>): Record<string, unknown> {
	let text = readFileSync(join(__dirname, '..', 'examples', file), 'utf8');
	for (const [type, id] of Object.entries(credentialIds)) text = text.split(`{{${type}}}`).join(id);
	return JSON.parse(text) as Record<string, unknown>;
}

/** A node of a workflow as n8n stores it. */
export interface WorkflowNode {
	name: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
}

/** The node named `nodeName` in a workflow (an example, before or after it is changed for a test). */
export function nodeOf(workflow: Record<string, unknown>, nodeName: string): WorkflowNode {
	const node = (workflow.nodes as WorkflowNode[]).find((n) => n.name === nodeName);
	if (!node) throw new Error(`the workflow has no node named ${nodeName}`);
	return node;
}

/** The production webhook path of an example's node (its webhookId + `/webhook`, as n8n registers ours). */
export function webhookPathOf(workflow: Record<string, unknown>, nodeName: string): string {
	const { webhookId } = nodeOf(workflow, nodeName);
	if (!webhookId) throw new Error(`${nodeName} has no webhookId`);
	return `${webhookId}/webhook`;
}
