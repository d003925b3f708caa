import { randomUUID } from 'node:crypto';

import { startHubSpotSimulator, type HubSpotSimulator } from '../simulators/hubspot';
import { N8nInstance } from './harness/n8n';
import { outputItems, type Execution } from './harness/rest';
import { ensureSyncProperties } from '../testkit/sandbox';
import { packedPackage } from './harness/workflows';
import { waitFor } from './harness/wait';

// The HubSpot Poll Trigger in a real, active n8n: n8n's scheduler polls it (every minute at most) and n8n's own
// static-data saving keeps its cursor.
let hubspot: HubSpotSimulator;
let n8n: N8nInstance;
let credentialId: string;

const POLL_INTERVAL_MS = 60_000;
const NODE = 'HubSpot Poll Trigger';

beforeAll(async () => {
	hubspot = await startHubSpotSimulator();
	await ensureSyncProperties(hubspot);
	n8n = await N8nInstance.start({ packages: [packedPackage()] });
	credentialId = (
		await n8n.rest.createCredential('HubSpot (sandbox simulator)', 'hubSpotSyncApi', {
			accessToken: hubspot.token,
			clientSecret: hubspot.clientSecret,
			appId: String(hubspot.appId),
			baseUrl: hubspot.url,
		})
	).id;
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	await hubspot?.close();
});

const searches = () => hubspot.pipeline.log.entries.filter((e) => e.path.endsWith('/contacts/search'));
const finished = (executions: Execution[]) => executions.filter((e) => e.status !== 'running' && e.status !== 'new');

describe('HubSpot Poll Trigger in real n8n', () => {
	test('an active trigger (From Now) emits a person’s new contact within one poll interval, once, and skips the sync’s own write', async () => {
		const workflow = {
			name: 'HubSpot Poll Trigger: changed contacts',
			nodes: [
				{
					id: randomUUID(),
					name: NODE,
					type: 'n8n-nodes-kirim.hubSpotPollTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						startFrom: 'now',
						properties: 'firstname,email',
					},
					credentials: { hubSpotSyncApi: { id: credentialId, name: 'HubSpot (sandbox simulator)' } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		const { id } = await n8n.rest.createWorkflow(workflow);
		await n8n.rest.activate(id);
		// Activation runs the first poll; From Now only notes the moment (no search).
		await new Promise((r) => setTimeout(r, 2_000));
		const person = hubspot.ui.create('contacts', { firstname: 'Polled', email: 'polled@example.com' }).id;
		hubspot.store.create(
			'contacts',
			{ firstname: 'Synced', email: 'synced@example.com', kirim_last_synced_at: new Date().toISOString() },
			hubspot.apiWriter,
		);
		const createdAt = Date.now();
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
			`[e2e] HubSpot contact emitted ${Math.round(latencyMs / 1000)} s after it was created (poll interval 60 s)\n`,
		);
		expect(latencyMs).toBeLessThan(POLL_INTERVAL_MS + 10_000);
		expect(run.status).toBe('success');
		const [full] = (await n8n.rest.executions(id, true)).filter((e) => e.id === run.id);
		const items = outputItems(full, NODE);
		expect(items.map((item) => item.id)).toEqual([person]);
		expect(items[0]).toMatchObject({
			properties: { firstname: 'Polled', email: 'polled@example.com' },
			syncHealth: { read: 2, written: 1, skipped: 1 },
		});
		expect(searches().every((s) => s.status === 200)).toBe(true);

		// The next poll finds nothing new: no second execution.
		const searchesBefore = searches().length;
		await waitFor(() => searches().length > searchesBefore, POLL_INTERVAL_MS + 20_000, 'the next poll', n8n);
		await new Promise((r) => setTimeout(r, 2_000));
		expect(finished(await n8n.rest.executions(id, false))).toHaveLength(1);
		await n8n.rest.deactivate(id);
	}, 240_000);
});
