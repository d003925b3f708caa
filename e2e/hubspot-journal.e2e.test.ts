import { randomUUID } from 'node:crypto';

import {
	addSyncProperties,
	JOURNAL_RETENTION_MS,
	startHubSpotSimulator,
	type HubSpotSimulator,
} from '../simulators/hubspot';
import { N8nInstance } from './harness/n8n';
import { outputItems, startItems, triggeredItems, type Execution } from './harness/rest';
import { n8nAtLeast } from './harness/versions';
import { waitFor } from './harness/wait';
import { callWebhook, packedPackage, webhookChain, type ChainedNode } from './harness/workflows';

// The HubSpot Journal Trigger in real n8n against the simulator's Webhooks Journal: the subscription upserted at
// activation, a person's edit emitted and the sync's own write not, changes made while n8n is stopped emitted once
// after it starts, and n8n killed in the middle of a backlog (a run going, then a run queued) neither losing nor
// repeating an entry (n8n's deduplication key; both n8n versions the suite runs have it; what 2.30.8 leaves queued is
// stopped and retried, as documented). Runs on every N8N_VERSION the suite runs.

let n8n: N8nInstance;
let sim: HubSpotSimulator;
let workflowId: string;

const CREDENTIAL = 'HubSpot Journal (e2e)';

function credentialData(): Record<string, unknown> {
	return {
		clientId: sim.oauth.clientId,
		clientSecret: sim.clientSecret,
		portalId: sim.portalId,
		appId: String(sim.appId),
		baseUrl: sim.url,
	};
}

/** Journal Trigger (every 5 s, from now) → Wait 1 s, so a backlog takes a while to run through. */
function journalWorkflow(credentialId: string): Record<string, unknown> {
	return {
		name: `HubSpot Journal ${randomUUID().slice(0, 8)}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Trigger',
				type: 'n8n-nodes-kirim.hubSpotJournalTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					actions: ['CREATE', 'UPDATE'],
					properties: 'firstname,email',
					interval: 'every5Seconds',
					startFrom: 'now',
					options: {},
				},
				credentials: { hubSpotJournalOAuth2Api: { id: credentialId, name: CREDENTIAL } },
			},
			{
				id: randomUUID(),
				name: 'Slow Step',
				type: 'n8n-nodes-base.wait',
				typeVersion: 1.1,
				position: [220, 0],
				webhookId: randomUUID(),
				parameters: { amount: 1 },
			},
		],
		connections: { Trigger: { main: [[{ node: 'Slow Step', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Contact ids of every execution so far. `emitted`: handed to a run; a run n8n lost when it was killed counts by the
 * items it was created with (it holds its entry's deduplication key, so that entry is not run again — retried by
 * hand, as documented). `queued`: in runs n8n has created but not started (status `new`), which hold their keys too.
 * The public API lists queued runs with their start items; it leaves out only the ones running.
 */
async function objectIds(): Promise<{ emitted: number[]; queued: number[] }> {
	const executions: Execution[] = await n8n.rest.executions(workflowId, true);
	const ids = (items: Array<Record<string, unknown>>) => items.map((item) => Number(item.objectId));
	return {
		emitted: executions.flatMap((e) => ids(triggeredItems(e, 'Trigger'))),
		queued: executions.filter((e) => e.status === 'new').flatMap((e) => ids(startItems(e, 'Trigger'))),
	};
}

const emittedObjectIds = async (): Promise<number[]> => (await objectIds()).emitted;

/** Waits for `probe` with the harness's waitFor, naming what and showing n8n's log when it does not come. */
const until = <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000) =>
	waitFor(probe, timeoutMs, what, n8n);

const createdContacts: string[] = [];

beforeAll(async () => {
	sim = await startHubSpotSimulator();
	addSyncProperties(sim.store);
	for (let n = 0; n < 33; n++)
		createdContacts.push(sim.ui.create('contacts', { email: `journal${n}@example.com`, firstname: `J${n}` }).id);
	// One production run at a time (n8n's concurrency control, a common self-hosted setting): a run that has to wait
	// for the slot stays queued (status `new`), which the kill test uses.
	n8n = await N8nInstance.start({ packages: [packedPackage()], env: { N8N_CONCURRENCY_PRODUCTION_LIMIT: '1' } });
}, 240_000);

afterAll(async () => {
	await sim?.close();
	await n8n?.stop();
});

describe('HubSpot Journal Trigger in real n8n', () => {
	test('n8n’s credential test fetches the app token and reads the journal’s subscriptions', async () => {
		expect(await n8n.rest.testCredential('hubSpotJournalOAuth2Api', credentialData())).toMatchObject({
			status: 'OK',
		});
		const wrong = await n8n.rest.testCredential('hubSpotJournalOAuth2Api', {
			...credentialData(),
			clientSecret: 'not-the-secret',
		});
		expect(wrong.status).toBe('Error');
	}, 30_000);

	test('activation upserts the subscription; a person’s edit runs, the sync’s own write does not', async () => {
		const credential = await n8n.rest.createCredential(CREDENTIAL, 'hubSpotJournalOAuth2Api', credentialData());
		workflowId = (await n8n.rest.createWorkflow(journalWorkflow(credential.id))).id;
		await n8n.rest.activate(workflowId);
		const subscription = await until('the journal subscription', async () => sim.journal.subscriptions[0]);
		expect(subscription).toMatchObject({ objectTypeId: '0-1', portalId: sim.portalId, actions: ['CREATE', 'UPDATE'] });
		expect(subscription.properties).toEqual(['firstname', 'email', 'kirim_last_synced_at']);
		// "From now" is where the journal ends at the trigger's first read; an edit made before that read is history,
		// not news, so the edits wait for it (under load the first poll can come after the subscription by seconds).
		await until('the trigger’s first journal read', async () =>
			sim.pipeline.log.entries.some((e) => e.path.includes('/webhooks-journal/journal-local/')),
		);

		// The sync's own write carries its stamp; then a person edits another contact.
		sim.ui.update(
			'contacts',
			createdContacts[0],
			{
				firstname: 'Echo',
				kirim_last_synced_at: new Date().toISOString(),
			},
			sim.apiWriter,
		);
		sim.ui.update('contacts', createdContacts[1], { firstname: 'Ana' });
		await until('the person’s edit', async () => (await emittedObjectIds()).length > 0);
		await new Promise((r) => setTimeout(r, 6000)); // one more poll
		const [execution] = await n8n.executionsSettled(workflowId, 1, 30_000, 500, true);
		expect(outputItems(execution, 'Trigger')).toEqual([
			expect.objectContaining({
				objectId: Number(createdContacts[1]),
				subscriptionType: 'contact.propertyChange',
				changes: { firstname: 'Ana' },
			}),
		]);
		expect(await emittedObjectIds()).toEqual([Number(createdContacts[1])]);
	}, 90_000);

	test('changes made while n8n is stopped run once after it starts', async () => {
		n8n = await n8n.restart(async () => {
			for (const id of createdContacts.slice(2, 5)) sim.ui.update('contacts', id, { firstname: 'While down' });
		});
		const expected = createdContacts.slice(1, 5).map(Number);
		await until('the changes made while n8n was down', async () =>
			(await emittedObjectIds()).length >= expected.length ? true : undefined,
		);
		await new Promise((r) => setTimeout(r, 11_000)); // two more polls
		expect((await emittedObjectIds()).sort()).toEqual(expected.sort());
	}, 180_000);

	test('n8n killed in the middle of a backlog, with a run going and with a run queued, neither loses nor repeats an entry', async () => {
		const backlog = createdContacts.slice(5, 33);
		await n8n.stop();
		for (const id of backlog) sim.ui.update('contacts', id, { firstname: 'Backlog' });
		n8n = await n8n.restart();
		const emittedAfter = async (count: number) =>
			await until(`${count} entries run`, async () => ((await emittedObjectIds()).length >= count ? true : undefined));
		const before = (await emittedObjectIds()).length;

		// Each run waits a second. Kill n8n (no graceful shutdown) once part of the backlog has run: a run is going.
		await emittedAfter(before + 8);
		process.kill(n8n.pid ?? 0, 'SIGKILL');
		n8n = await n8n.restart();

		// Kill it again while the next entry's run is queued: another workflow's 30-second run holds the only slot.
		await emittedAfter(before + 16);
		const holdPath = `journal-hold-${randomUUID().slice(0, 8)}`;
		const hold: ChainedNode = {
			name: 'Hold',
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			webhookId: randomUUID(),
			parameters: { amount: 30 },
		};
		const holder = (await n8n.rest.createWorkflow(webhookChain('Holds the slot', holdPath, [hold]))).id;
		await n8n.rest.activate(holder);
		await n8n.waitForWebhook(holdPath);
		void callWebhook(n8n.url, holdPath, {}).catch(() => undefined); // answered never: n8n is killed first
		await until('a journal run queued behind the held slot', async () => {
			const [holding] = await n8n.rest.executionStatuses(holder, 1);
			const queued = (await n8n.rest.executionStatuses(workflowId, 3)).some((e) => e.status === 'new');
			return holding?.status === 'running' && queued ? true : undefined;
		});
		expect((await emittedObjectIds()).length).toBeLessThan(before + backlog.length);
		process.kill(n8n.pid ?? 0, 'SIGKILL');
		n8n = await n8n.restart();
		await n8n.rest.deactivate(holder);

		const expected = createdContacts.slice(1, 33).map(Number);
		await until(
			'the rest of the backlog (run, or held by a run n8n queued)',
			async () => {
				const { emitted, queued } = await objectIds();
				return emitted.length + queued.length >= expected.length;
			},
			180_000,
		);
		await new Promise((r) => setTimeout(r, 11_000)); // two more polls
		// The queued run keeps its entry's key, so the trigger's re-read is refused. n8n 2.41.1 starts the queued run
		// at its next start; 2.30.8 leaves it queued (its start-up attempt fails), and the way out is Stop, then Retry.
		const stuck = (await n8n.rest.executions(workflowId, false)).filter((e) => e.status === 'new');
		if (n8nAtLeast('2.41.1')) expect(stuck).toEqual([]);
		else expect(stuck.length).toBeGreaterThanOrEqual(1);
		for (const { id } of stuck) {
			await n8n.rest.json('POST', `/rest/executions/${id}/stop`);
			await n8n.rest.json('POST', `/rest/executions/${id}/retry`, { loadWorkflow: false });
		}
		await until('every entry run', async () => (await emittedObjectIds()).length >= expected.length, 60_000);
		const emitted = await emittedObjectIds();
		expect(emitted.length).toBe(expected.length);
		expect([...new Set(emitted)].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
	}, 480_000);

	test('an offset the journal no longer holds is reported in a failed execution, and reading goes on', async () => {
		const emittedBefore = await emittedObjectIds();
		const before = emittedBefore.length;
		const earlier = new Set((await n8n.rest.executionStatuses(workflowId)).map((e) => e.id)); // a stopped run included
		n8n = await n8n.restart(async () => {
			sim.ui.update('contacts', createdContacts[1], { firstname: 'Never read' });
			// Everything the journal held is gone, the stored offset included (as after more than 3 days).
			sim.journal.retentionMs = 1;
			await new Promise((r) => setTimeout(r, 20));
			expect(sim.journal.entries).toEqual([]); // reading them drops the expired ones for good
			sim.journal.retentionMs = JOURNAL_RETENTION_MS;
		});
		const failed = await until('the gap report', async () => {
			const executions = await n8n.rest.executions(workflowId, true);
			return executions.find((e) => e.status === 'error' && !earlier.has(e.id));
		});
		expect(JSON.stringify(failed.data?.resultData?.error)).toContain('no longer holds offset');
		sim.ui.update('contacts', createdContacts[2], { firstname: 'After the gap' });
		await until('the edit after the gap', async () => ((await emittedObjectIds()).length > before ? true : undefined));
		await new Promise((r) => setTimeout(r, 6000)); // one more poll
		const emitted = await emittedObjectIds();
		const runsOf = (list: number[], id: string) => list.filter((n) => n === Number(id)).length;
		expect(emitted).toHaveLength(before + 1);
		expect(runsOf(emitted, createdContacts[2])).toBe(runsOf(emittedBefore, createdContacts[2]) + 1);
	}, 120_000);

	test('the HubSpot Journal node deletes the subscription the trigger created', async () => {
		const credential = await n8n.rest.createCredential(
			`${CREDENTIAL} (admin)`,
			'hubSpotJournalOAuth2Api',
			credentialData(),
		);
		const path = `journal-admin-${randomUUID().slice(0, 8)}`;
		const deleteSubscription: ChainedNode = {
			name: 'Delete Subscription',
			type: 'n8n-nodes-kirim.hubSpotJournal',
			typeVersion: 1,
			parameters: { resource: 'subscription', operation: 'delete', subscriptionId: '={{ $json.body.id }}' },
			credentials: { hubSpotJournalOAuth2Api: { id: credential.id, name: `${CREDENTIAL} (admin)` } },
		};
		const id = (
			await n8n.rest.createWorkflow(webhookChain(`HubSpot Journal admin ${path}`, path, [deleteSubscription]))
		).id;
		await n8n.rest.activate(id);
		await n8n.waitForWebhook(path);
		const subscriptionId = String(sim.journal.subscriptions[0].id);
		expect(await callWebhook(n8n.url, path, { id: subscriptionId })).toEqual([{ deleted: true, subscriptionId }]);
		expect(sim.journal.subscriptions).toEqual([]);
	}, 60_000);
});
