// One node shown in the editor: added from the node panel, credential picked, a representative setup, checked and
// photographed. The editor test and `npm run screenshots` both go through showNode, so the README shows exactly
// what the test checked.
import { GOOD_CREDENTIALS } from './editor-sandbox';
import type { Editor, PackageNode } from './editor';

interface Showcase {
	/** The node panel entry to pick (an action or trigger); default the node's first. */
	action?: string;
	/** Parameters set after the credential is picked. */
	prepare?: (editor: Editor) => Promise<void>;
}

/** What each node's screenshot shows; a node not listed (a new one) shows its first entry with defaults. */
const SHOWCASES: Record<string, Showcase> = {
	'n8n-nodes-kirim.kirim': {
		action: 'Send a template message',
		prepare: async (editor) => {
			await editor.choose('templateName', 'order_update (en, id)');
			await editor.choose('language', 'English (en)');
		},
	},
	'n8n-nodes-kirim.kirimAdmin': { action: 'Replay the dead lettered deliveries of a subscription' },
	'n8n-nodes-kirim.hubSpotSync': { action: 'Create or update a ticket for a conversation' },
	'n8n-nodes-kirim.hubSpotSyncTrigger': { action: 'On contact property changed' },
};

export interface Shown {
	/** Credentials picked, one per credential slot the NDV shows. */
	credentials: string[];
	/** See Editor.problems(): empty when all is well. */
	problems: string[];
	/** The NDV title bar's icon. */
	icon: string | null;
	/** The workflow the node was added to (saved by n8n). */
	workflowId?: string;
}

/** File name of a node's screenshot: its display name in kebab case, then the theme. */
export function screenshotName(node: PackageNode, theme: string): string {
	return `${node.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${theme}.png`;
}

export async function showNode(editor: Editor, node: PackageNode, screenshotPath: string): Promise<Shown> {
	const showcase = SHOWCASES[node.type] ?? {};
	await editor.newWorkflow();
	await editor.addNode(node, showcase.action);
	const credentials = await editor.pickCredentials(GOOD_CREDENTIALS);
	await showcase.prepare?.(editor);
	const problems = await editor.problems();
	const icon = await editor.ndvIcon();
	await editor.screenshot(screenshotPath);
	return { credentials, problems, icon, workflowId: editor.workflowId() };
}
