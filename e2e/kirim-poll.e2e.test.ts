import { randomUUID } from 'node:crypto';

import { startHubSpotSimulator, type HubSpotSimulator } from '../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../simulators/kirim';
import { N8nInstance } from './harness/n8n';
import { createSandboxCredentials } from './harness/sandbox-credentials';
import { outputItems, type Execution } from './harness/rest';
import { ensureSyncProperties } from '../testkit/sandbox';
import { exampleWorkflow, nodeOf, packedPackage } from './harness/workflows';
import { waitFor } from './harness/wait';

// The Kirim Poll Trigger in a real, active n8n: n8n's own scheduler polls it (every minute is n8n's shortest poll
// interval: a cron firing more than once a minute is refused), and n8n's own static-data saving keeps its state.
let kirim: KirimSimulator;
let hubspot: HubSpotSimulator;
let n8n: N8nInstance;
let credentials: Record<string, string>;

const POLL_INTERVAL_MS = 60_000;

beforeAll(async () => {
	kirim = await startKirimSimulator({ tier: 'pro' });
	hubspot = await startHubSpotSimulator();
	n8n = await N8nInstance.start({ packages: [packedPackage()] });
	credentials = await createSandboxCredentials(n8n.rest, kirim, hubspot);
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	await kirim?.close();
	await hubspot?.close();
});

const contactReads = () => kirim.pipeline.log.entries.filter((e) => e.method === 'GET' && e.path.endsWith('/contacts'));

async function createKirimContact(name: string): Promise<string> {
	const response = await fetch(`${kirim.url}/_sim/contacts`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name }),
	});
	return ((await response.json()) as { contact: { id: string } }).contact.id;
}

const finished = (executions: Execution[]) => executions.filter((e) => e.status !== 'running' && e.status !== 'new');

describe('Kirim Poll Trigger in real n8n', () => {
	test('an active New Contacts trigger (From Now) emits a contact created after activation within one poll interval, once', async () => {
		kirim.pipeline.log.clear();
		const workflow = {
			name: 'Kirim Poll Trigger: new contacts',
			nodes: [
				{
					id: randomUUID(),
					name: 'Kirim Poll Trigger',
					type: 'n8n-nodes-kirim.kirimPollTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						resource: 'contact',
						event: 'newContacts',
						firstRun: 'fromNow',
					},
					credentials: { kirimSyncApi: { id: credentials.kirimSyncApi, name: 'Kirim (sandbox simulator)' } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		const { id } = await n8n.rest.createWorkflow(workflow);
		await n8n.rest.activate(id);
		// Activation runs the first poll: From Now records the starting point and emits nothing.
		await waitFor(() => contactReads().length > 0, 30_000, 'the activation poll', n8n);
		const readsAtActivation = contactReads().length;
		const createdAt = Date.now();
		const contactId = await createKirimContact('Polled Person');
		const [run] = await waitFor(
			async () => {
				const done = finished(await n8n.rest.executions(id, false));
				return done.length > 0 ? done : undefined;
			},
			POLL_INTERVAL_MS + 20_000,
			'an execution of the poll trigger',
			n8n,
		);
		const latencyMs = Date.now() - createdAt;
		process.stderr.write(
			`[e2e] new contact emitted ${Math.round(latencyMs / 1000)} s after it was created (poll interval 60 s)\n`,
		);
		expect(latencyMs).toBeLessThan(POLL_INTERVAL_MS + 10_000);
		expect(run.status).toBe('success');
		const [full] = (await n8n.rest.executions(id, true)).filter((e) => e.id === run.id);
		const items = outputItems(full, 'Kirim Poll Trigger');
		expect(items.map((item) => item.id)).toEqual([contactId]);
		expect(items[0]).toMatchObject({
			name: 'Polled Person',
			kirimPoll: { resource: 'contact', change: 'new' },
			syncHealth: { written: 1 },
		});
		expect(contactReads().length).toBeGreaterThan(readsAtActivation);
		await n8n.rest.deactivate(id);
	}, 180_000);

	test('examples/kirim-backfill.json: every Kirim contact reaches HubSpot once — across an n8n restart mid-backfill — then a new one at the next poll', async () => {
		await ensureSyncProperties(hubspot);
		await fetch(`${kirim.url}/_sim/contacts`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ count: 700 }),
		});
		const existing = [...kirim.store.contacts.keys()];
		const workflow = exampleWorkflow('kirim-backfill.json', credentials);
		// "Every minute" polls at a random second, which may come a moment after activation: that poll would send the
		// rest of the backfill while the first chunk is still running, and the restart below would no longer fall in
		// the middle. The same schedule at a second 40 s from now keeps the first chunk alone before the restart.
		const second = (new Date().getSeconds() + 40) % 60;
		nodeOf(workflow, 'Kirim Poll Trigger').parameters.pollTimes = {
			item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }],
		};
		const { id } = await n8n.rest.createWorkflow(workflow);
		await n8n.rest.activate(id);
		const inHubSpot = (kirimIds: string[]) =>
			kirimIds.filter((k) => hubspot.store.findBy('contacts', 'kirim_contact_id', k));
		// Max Records per Poll is 500 in the example: the activation poll sends 500…
		await waitFor(() => inHubSpot(existing).length >= 500, 35_000, 'the first backfill chunk in HubSpot', n8n);
		expect(inHubSpot(existing)).toHaveLength(500);
		// …then n8n restarts: the backfill goes on from the cursor n8n saved with that chunk, at the poll of the restart.
		n8n = await n8n.restart();
		await waitFor(
			() => inHubSpot(existing).length === existing.length,
			POLL_INTERVAL_MS + 60_000,
			'the rest of the backfill in HubSpot',
			n8n,
		);
		const newcomer = await createKirimContact('Backfill Newcomer');
		await waitFor(
			() => inHubSpot([newcomer]).length === 1,
			POLL_INTERVAL_MS + 30_000,
			'the new contact in HubSpot',
			n8n,
		);
		await n8n.rest.deactivate(id);

		const runs = finished(await n8n.rest.executions(id, true));
		expect(runs.every((r) => r.status === 'success')).toBe(true);
		const emitted = runs.flatMap((r) => outputItems(r, 'Kirim Poll Trigger').map((item) => item.id as string));
		expect(emitted.length).toBe(existing.length + 1);
		expect(new Set(emitted)).toEqual(new Set([...existing, newcomer]));
		expect(Math.max(...runs.map((r) => outputItems(r, 'Kirim Poll Trigger').length))).toBe(500);
		// One HubSpot contact per Kirim contact, created with its name.
		const synced = [...hubspot.store.objects.contacts.values()].filter(
			(c) => !c.archived && c.properties.kirim_contact_id,
		);
		expect(synced).toHaveLength(existing.length + 1);
		expect(hubspot.store.findBy('contacts', 'kirim_contact_id', newcomer)?.properties).toMatchObject({
			firstname: 'Backfill',
			lastname: 'Newcomer',
		});
	}, 300_000);
});
