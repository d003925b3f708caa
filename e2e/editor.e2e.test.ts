import { join } from 'node:path';

import { OWNERS } from '../simulators/hubspot/routes/crm-extras';
import { TICKET_PIPELINES } from '../simulators/hubspot/tickets';
import { Editor, packageNodes, THEMES, type PackageNode } from './harness/editor';
import { ASSIGNEES, GOOD_CREDENTIALS, LABELS, startEditorSandbox, type EditorSandbox } from './harness/editor-sandbox';
import { screenshotName, showNode } from './harness/editor-showcase';
import { CACHE } from './harness/install';
import { OWNER } from './harness/n8n';
import { packedPackage } from './harness/workflows';

// n8n's editor in headless Debian Chromium against the harness's n8n, as a user meets the package: every node of
// package.json `n8n.nodes` found in the node panel, added, given a credential, its parameters free of errors, its
// icon loaded — in the light and the dark theme — and every dropdown that loads from Kirim or HubSpot filled.
const SHOTS = join(CACHE, 'e2e', 'editor-screenshots');
const NODES = packageNodes();
const node = (name: string): PackageNode => {
	const found = NODES.find((n) => n.type === `n8n-nodes-kirim.${name}`);
	if (!found) throw new Error(`package.json lists no node ${name}`);
	return found;
};

let sandbox: EditorSandbox;

beforeAll(async () => {
	sandbox = await startEditorSandbox(packedPackage());
}, 240_000);

afterAll(async () => {
	await sandbox?.close();
});

/** The node types of a workflow n8n saved, with the credential names each node holds. */
async function savedNodes(workflowId: string): Promise<Array<{ type: string; credentials: string[] }>> {
	const response = await sandbox.n8n.rest.raw('GET', `/rest/workflows/${workflowId}`);
	if (response.status === 404) return []; // not saved yet
	if (response.status !== 200)
		throw new Error(`GET /rest/workflows/${workflowId} answered ${response.status}: ${response.text.slice(0, 300)}`);
	const saved = JSON.parse(response.text) as {
		data: { nodes: Array<{ type: string; credentials?: Record<string, { name: string }> }> };
	};
	return saved.data.nodes.map((n) => ({
		type: n.type,
		credentials: Object.values(n.credentials ?? {}).map((c) => c.name),
	}));
}

describe.each(THEMES)('n8n editor, %s theme', (theme) => {
	let editor: Editor;

	beforeAll(async () => {
		editor = await Editor.open({ baseUrl: sandbox.n8n.url, theme });
		await editor.login(OWNER.email, OWNER.password);
	}, 60_000);

	afterAll(async () => {
		await editor?.close();
	});

	test('n8n applies the theme', async () => {
		await editor.newWorkflow();
		expect(await editor.appliedTheme()).toBe(theme);
	});

	test.each(NODES.map((n) => [n.displayName, n] as const))(
		'%s: in the node panel, added with a credential picked, parameters without errors, icon loaded',
		async (_name, packageNode) => {
			const shown = await showNode(editor, packageNode, join(SHOTS, screenshotName(packageNode, theme)));
			expect(shown.problems).toEqual([]);
			expect(shown.credentials.length).toBeGreaterThan(0);
			expect(shown.credentials.every((c) => GOOD_CREDENTIALS.includes(c))).toBe(true);
			// The theme's own icon file (both themes' files are checked for naturalWidth > 0 in problems()).
			expect(shown.icon).toMatch(new RegExp(`/${packageNode.icons[theme]!.replace(/\./g, '\\.')}$`));
			// n8n saved the workflow with the node and the picked credential (not the decoy it chose itself).
			expect(shown.workflowId).toBeDefined();
			await editor.save();
			const wanted = { type: packageNode.type, credentials: shown.credentials };
			const saved = await eventually(
				() => savedNodes(shown.workflowId!),
				(nodes) => nodes.some((n) => n.type === wanted.type && n.credentials.join() === wanted.credentials.join()),
			);
			expect(saved).toContainEqual(wanted);
		},
	);
});

describe('dropdowns that load from the simulators fill (light theme)', () => {
	let editor: Editor;
	const kirim = () => sandbox.kirim;

	beforeAll(async () => {
		editor = await Editor.open({ baseUrl: sandbox.n8n.url, theme: 'light' });
		await editor.login(OWNER.email, OWNER.password);
	}, 60_000);

	afterAll(async () => {
		await editor?.close();
	});

	async function open(packageNode: PackageNode, action?: string): Promise<void> {
		await editor.newWorkflow();
		await editor.addNode(packageNode, action);
		await editor.pickCredentials(GOOD_CREDENTIALS);
	}

	/** Each account as the number dropdowns name it: "<name> (<phone>)". */
	const numbers = () => kirim().store.accounts.map((a) => `${a.name} (${a.phone_number})`);

	test('Kirim › Send Template: numbers (the credential’s default first), approved templates, their languages', async () => {
		await open(node('kirim'), 'Send a template message');
		// Opened and left at its default: n8n must not flag the default as unsupported.
		expect(await editor.dropdownOptions('phoneNumberId')).toEqual(['Credential’s Default Number', ...numbers()]);
		const approved = kirim()
			.store.templatesOf(kirim().phoneNumberIds[0])
			.filter((t) => t.status === 'approved');
		const names = [...new Set(approved.map((t) => t.name))];
		const templates = await editor.dropdownOptions('templateName');
		expect(templates.map((t) => t.replace(/ \(.*\)$/, ''))).toEqual(names.sort());
		const chosen = templates.find((t) => t.startsWith('order_update '))!;
		await editor.choose('templateName', chosen);
		const languages = approved.filter((t) => t.name === 'order_update').map((t) => t.language);
		// Each language named, with its code: "English (en)".
		const offered = await editor.dropdownOptions('language');
		expect(offered.map((l) => /\(([^()]+)\)$/.exec(l)?.[1])).toEqual(languages.sort());
		expect(offered.every((l) => /^[A-Z]/.test(l))).toBe(true);
		await editor.choose('language', offered[0]);
		expect(await editor.problems()).toEqual([]);
	});

	test('Kirim › labels, contacts, conversations and assignees', async () => {
		await open(node('kirim'), 'Attach a label to a contact');
		const labels = await editor.dropdownOptions('labelId');
		expect(labels.map((l) => l.replace(/ \(.*\)$/, '')).sort()).toEqual([...LABELS].sort());
		await editor.choose('labelId', labels[0]);
		const contacts = await editor.listOptions('contactId');
		const seeded = [...kirim().store.contacts.values()].map((c) => c.name);
		expect(contacts.map((c) => c.replace(/ \(.*\)$/, '')).sort()).toEqual(seeded.sort());
		await editor.chooseFromList('contactId', contacts[0]);
		expect(await editor.problems()).toEqual([]);

		await open(node('kirim'), 'Update a conversation');
		const conversations = await editor.listOptions('conversationId');
		expect(conversations).toHaveLength(kirim().store.conversations.size);
		await editor.chooseFromList('conversationId', conversations[0]);
		await editor.addCollectionField('Assign To');
		const assignees = await editor.listOptions('assignedTo');
		expect(assignees.sort()).toEqual(ASSIGNEES.map((p) => `${p.name} · ${p.email}`).sort());
		await editor.chooseFromList('assignedTo', assignees[0]);
		expect(await editor.problems()).toEqual([]);
	});

	test('HubSpot Sync › Ticket: pipelines, each stage field, owners', async () => {
		await open(node('hubSpotSync'), 'Create or update a ticket for a conversation');
		expect(await editor.dropdownOptions('pipeline')).toEqual(TICKET_PIPELINES.map((p) => p.label));
		const stages = TICKET_PIPELINES[0].stages.map((s) => s.label);
		for (const field of ['openStage', 'pendingStage', 'resolvedStage']) {
			const offered = await editor.dropdownOptions(field);
			expect(offered[0]).toBe('Automatic');
			expect(offered.slice(1).map((o) => o.replace(/ \(closed\)$/, ''))).toEqual(stages);
		}
		await editor.addFixedCollectionEntry('ownerOverrides');
		const owners = await editor.dropdownOptions('ownerId');
		expect(owners.sort()).toEqual(OWNERS.map((o) => `${o.firstName} ${o.lastName} (${o.email})`).sort());
		await editor.choose('ownerId', owners[0]);
		expect(await editor.problems()).toEqual([]);
	});

	test('Kirim Trigger and Kirim Poll Trigger: the numbers of the organisation', async () => {
		await open(node('kirimTrigger'));
		expect(await editor.dropdownOptions('phoneNumberIds')).toEqual(numbers());
		expect(await editor.problems()).toEqual([]);
		const poll = NODES.find((n) => n.type === 'n8n-nodes-kirim.kirimPollTrigger');
		if (!poll) return;
		await open(poll);
		expect(await editor.dropdownOptions('phoneNumberId')).toEqual(['Credential’s Default Number', ...numbers()]);
		// Left at its default (the credential's number) after a look.
		expect(await editor.problems()).toEqual([]);
	});
});

/** Reads until `done` holds or time is up; returns the last reading. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 250));
		value = await read();
	}
	return value;
}
