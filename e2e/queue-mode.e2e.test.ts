import { randomUUID } from 'node:crypto';

import { startHubSpotSimulator, type HubSpotSimulator } from '../simulators/hubspot';
import { signKirimPayload, startKirimSimulator, type KirimSimulator } from '../simulators/kirim';
import { buildEvent } from '../simulators/hubspot/webhook-events';
import type { ChangeRecord } from '../simulators/hubspot/store';
import { contactCreated } from '../simulators/kirim/events';
import { rng as seeded } from '../testkit/random';
import { runStorm, type StormDelivery, type StormReport } from './harness/delivery-storm';
import { QueueModeCluster } from './harness/queue-mode';
import type { Execution } from './harness/rest';
import { ensureSyncProperties } from '../testkit/sandbox';
import { waitFor } from './harness/wait';
import { exampleWorkflow, packedPackage, triggerWorkflow, webhookPathOf } from './harness/workflows';

// n8n's queue mode as teams run it: main, two `n8n webhook` processes behind nginx (docs/queue-mode/nginx.conf, each
// webhook path pinned to one process), two workers, Postgres and Redis. Each webhook process has its own dedupe
// memory, so a redelivery that reaches the other one runs the workflow again; what must still happen once is each
// side effect, counted in the simulators: a message Kirim accepted without replaying it, a HubSpot record created,
// a HubSpot property value changed. Runs on the pinned n8n only (jest.e2e.config.js).

const SECRET = 'whsec_queue_mode_signing_secret_01';
const EVENTS = 1000;
const WEBHOOK_ID = randomUUID();
const PATH = `/webhook/${WEBHOOK_ID}/webhook`;
const HUBSPOT_PATH = webhookPathOf(exampleWorkflow('hubspot-to-kirim.json', {}), 'HubSpot Sync Trigger');
const HUBSPOT_CONTACTS = 500;

let kirim: KirimSimulator;
let hubspot: HubSpotSimulator;
let cluster: QueueModeCluster;
let workflowId = '';
let hubSpotToKirimId = '';
let credentialIds: Record<'signing' | 'kirim' | 'hubspot', string>;

function stormWorkflow(
	credentials: Record<string, string>,
	webhookId: string,
	triggerOptions: Record<string, unknown>,
): Record<string, unknown> {
	return {
		name: `queue mode storm ${webhookId.slice(0, 8)}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Kirim Trigger',
				type: 'n8n-nodes-kirim.kirimTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { subscriptionMode: 'existing', events: ['contact.created'], options: triggerOptions },
				credentials: { kirimWebhookSigningApi: { id: credentials.signing, name: 'signing' } },
			},
			{
				id: randomUUID(),
				name: 'Welcome',
				type: 'n8n-nodes-kirim.kirim',
				typeVersion: 1,
				position: [260, -100],
				parameters: {
					resource: 'message',
					operation: 'sendText',
					to: '={{ $json.data.contact.phone_number }}',
					text: '=Welcome, {{ $json.data.contact.name }}',
					options: {},
				},
				credentials: { kirimSyncApi: { id: credentials.kirim, name: 'kirim' } },
			},
			{
				id: randomUUID(),
				name: 'Upsert in HubSpot',
				type: 'n8n-nodes-kirim.hubSpotSync',
				typeVersion: 1,
				position: [260, 100],
				// Read Before Write: a second run of the same event finds the values in place and writes nothing.
				parameters: { resource: 'contact', operation: 'upsert', options: { readBefore: true, link: false } },
				credentials: { hubSpotSyncApi: { id: credentials.hubspot, name: 'hubspot' } },
			},
		],
		connections: {
			'Kirim Trigger': {
				main: [
					[
						{ node: 'Welcome', type: 'main', index: 0 },
						{ node: 'Upsert in HubSpot', type: 'main', index: 0 },
					],
				],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

function delivery(body: string, eventId: string): StormDelivery {
	const deliveryId = `wbd_${randomUUID().replace(/-/g, '').slice(0, 26)}`;
	return {
		id: eventId,
		body,
		headers: (attempt) => ({
			'content-type': 'application/json',
			'user-agent': 'Kirim-Webhook/1.0',
			'x-kirim-source': 'kirim',
			'x-kirim-event': 'contact.created',
			'x-kirim-event-id': eventId,
			'x-kirim-delivery-id': deliveryId,
			'x-kirim-attempt': String(attempt),
			'x-kirim-signature': signKirimPayload([SECRET], Math.floor(Date.now() / 1000), body),
		}),
	};
}

/** Customers who wrote in (open conversations, so Kirim takes free text to them), and a signed contact.created for each. */
function customers(prefix: string, count: number) {
	return Array.from({ length: count }, (_, i) => {
		const contact = kirim.store.addContact(
			{
				phone_number: `${prefix}${String(i).padStart(7, '0')}`,
				name: `Customer ${prefix}${i}`,
				email: `c${prefix.slice(1)}${i}@example.com`,
			},
			kirim.phoneNumberIds[0],
		);
		kirim.store.addConversation(contact, kirim.phoneNumberIds[0]);
		const event = contactCreated(kirim.store, contact);
		return { contact, event, delivery: delivery(JSON.stringify(event.body), event.eventId) };
	});
}

/** The side effects the simulators saw, counted from now on. */
function countSideEffects() {
	const creations = new Map<string, number>();
	const changes = new Map<string, number>();
	hubspot.store.listeners.push((change) => {
		if (change.objectType !== 'contacts') return;
		if (change.kind === 'creation') creations.set(change.objectId, (creations.get(change.objectId) ?? 0) + 1);
		if (change.kind === 'propertyChange')
			changes.set(
				`${change.objectId}|${change.propertyName}`,
				(changes.get(`${change.objectId}|${change.propertyName}`) ?? 0) + 1,
			);
	});
	const messagesTo = (phone: string | null) => kirim.store.messages.filter((m) => m.to === phone).length;
	const hubspotContactsOf = (kirimId: string) =>
		[...hubspot.store.objects.contacts.values()].filter((o) => o.properties.kirim_contact_id === kirimId).length;
	return { creations, changes, messagesTo, hubspotContactsOf };
}

const unfinished = (status: string) => ['running', 'new', 'waiting'].includes(status);

async function settled(workflowId: string, atLeast: number): Promise<Execution[]> {
	let last: Execution[] = [];
	return await waitFor(
		async () => {
			last = await cluster.rest.executions(workflowId, false);
			return last.length >= atLeast && !last.some((e) => unfinished(e.status)) ? last : undefined;
		},
		600_000,
		() =>
			`every execution of ${workflowId} finished (${last.length} listed; not finished: ${last
				.filter((e) => unfinished(e.status))
				.map((e) => `${e.id}:${e.mode}:${e.status} started ${e.startedAt ?? '-'}`)
				.join(', ')})`,
		cluster,
	);
}

/**
 * The runbook for runs that died with a worker: retry every execution n8n did not finish successfully. A crashed
 * one kept its trigger data and re-runs the event; one n8n failed as stalled ("failed to be processed too many
 * times") kept no data and cannot be retried. Returns those counts once the retries have finished.
 */
async function retryFailed(
	workflowId: string,
	executions: Execution[],
): Promise<{ failed: Execution[]; unrecoverable: number }> {
	// Whatever n8n did not finish successfully (crashed, error, and any other status it may use: canceled, unknown).
	const failed = executions.filter((e) => e.status !== 'success');
	let unrecoverable = 0;
	for (const execution of failed) {
		const full = await cluster.rest.json<{
			data?: {
				executionData?: { nodeExecutionStack?: unknown[] };
				resultData?: { runData?: Record<string, unknown>; lastNodeExecuted?: string; error?: { message?: string } };
			};
		}>('GET', `/api/v1/executions/${execution.id}?includeData=true`);
		if (!full.data?.executionData?.nodeExecutionStack?.length) {
			unrecoverable += 1;
			const result = full.data?.resultData;
			process.stderr.write(
				`[queue-mode] not retryable ${execution.id}:${execution.status} runData=${Object.keys(result?.runData ?? {}).join(',') || '-'} last=${result?.lastNodeExecuted ?? '-'} error=${String(result?.error?.message ?? '-').slice(0, 100)} executionData=${full.data?.executionData ? 'present' : 'absent'}\n`,
			);
			continue;
		}
		await cluster.rest.json('POST', `/rest/executions/${execution.id}/retry`, { loadWorkflow: false });
	}
	await settled(workflowId, executions.length);
	return { failed, unrecoverable };
}

/**
 * The rest of the runbook: HubSpot Sync's Reconcile with Repair, run as operators would after an incident (here
 * from a webhook, so it runs on a worker like any production run). It writes each field's owner's value where the
 * two sides differ: the HubSpot contacts of Kirim events n8n lost without data, the Kirim names of HubSpot events
 * lost the same way. A message such a run would have sent is not recovered by it. Returns the summary item.
 */
async function reconcile(): Promise<Record<string, unknown>> {
	const path = `qm-reconcile-${randomUUID().slice(0, 8)}`;
	const id = (
		await cluster.rest.createWorkflow({
			name: 'queue mode reconcile',
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
				},
				{
					id: randomUUID(),
					name: 'Reconcile',
					type: 'n8n-nodes-kirim.hubSpotSync',
					typeVersion: 1,
					position: [260, 0],
					parameters: {
						resource: 'contact',
						operation: 'reconcile',
						repair: true,
						output: 'summary',
						options: { checkMissingInKirim: false },
					},
					credentials: {
						kirimSyncApi: { id: credentialIds.kirim, name: 'kirim' },
						hubSpotSyncApi: { id: credentialIds.hubspot, name: 'hubspot' },
					},
				},
			],
			connections: { Webhook: { main: [[{ node: 'Reconcile', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		})
	).id;
	await cluster.rest.activate(id);
	await cluster.waitForWebhook(path, 60_000);
	const response = await fetch(`${cluster.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
		signal: AbortSignal.timeout(300_000),
	});
	const text = await response.text();
	if (response.status !== 200) throw new Error(`the reconcile run answered ${response.status}: ${text.slice(0, 500)}`);
	await cluster.rest.deactivate(id);
	return JSON.parse(text) as Record<string, unknown>;
}

/** Kills worker 0 once it runs at least five executions; returns how many it was running. */
async function killBusyWorker(): Promise<number> {
	const running = await waitFor(
		() => {
			const count = cluster.runningExecutions('worker', 0);
			return count >= 5 ? count : undefined;
		},
		60_000,
		'five executions running on worker 0',
		cluster,
	);
	await cluster.kill('worker', 0, 'SIGKILL');
	return running;
}

const storm = (webhookId: string) => ({
	concurrency: 50,
	balancer: { url: cluster.url, label: 'nginx' },
	direct: [0, 1].map((i) => ({ url: cluster.webhookUrl(i), label: `webhook ${i}` })),
	redeliveryShare: 0.3,
	directShare: 0.5,
	retryAfterMs: 1000,
	// Kirim gives up on an attempt after 10 s and retries it later.
	timeoutMs: 10_000,
	random: seeded(webhookId.charCodeAt(0)),
});

/**
 * What came back through nginx that Kirim would not retry: a 4xx other than 429 sends a delivery straight to the
 * dead-letter queue (https://developers.kirim.chat/webhooks/retry/). A starting webhook process's 404 is passed on
 * by nginx (docs/queue-mode/nginx.conf), so none should reach the sender; 5xx and timeouts are retried.
 */
function finalThroughNginx(report: StormReport): string[] {
	return Object.keys(report.statuses).filter((key) => /^nginx: 4\d\d$/.test(key) && key !== 'nginx: 429');
}

describe('queue mode: main, two webhook processes behind nginx, two workers, Postgres, Redis', () => {
	beforeAll(async () => {
		// Limits high enough that the services' rate limits are not what this test measures.
		kirim = await startKirimSimulator({
			tier: { writePerMinute: 100_000, readPerMinute: 100_000 },
			allowHttpWebhooks: true,
			webhookTimeScale: 0.001,
			minDeliveryTimeoutMs: 8000,
		});
		hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 10_000, searchPerSecond: 100 });
		await ensureSyncProperties(hubspot);
		cluster = await QueueModeCluster.start({ packages: [packedPackage()] });
		const credentials = (credentialIds = {
			signing: (await cluster.rest.createCredential('signing', 'kirimWebhookSigningApi', { currentSecret: SECRET })).id,
			kirim: (
				await cluster.rest.createCredential('kirim', 'kirimSyncApi', {
					apiKey: kirim.apiKey,
					baseUrl: kirim.url,
					pathStyle: 'phoneScoped',
					phoneNumberId: kirim.phoneNumberIds[0],
				})
			).id,
			hubspot: (
				await cluster.rest.createCredential('hubspot', 'hubSpotSyncApi', {
					accessToken: hubspot.token,
					clientSecret: hubspot.clientSecret,
					appId: String(hubspot.appId),
					baseUrl: hubspot.url,
				})
			).id,
		});
		workflowId = (await cluster.rest.createWorkflow(stormWorkflow(credentials, WEBHOOK_ID, {}))).id;
		await cluster.rest.activate(workflowId);
		await cluster.waitForWebhook(`${WEBHOOK_ID}/webhook`, 60_000);
		hubSpotToKirimId = (
			await cluster.rest.createWorkflow(
				exampleWorkflow('hubspot-to-kirim.json', {
					kirimSyncApi: credentials.kirim,
					hubSpotSyncApi: credentials.hubspot,
				}),
			)
		).id;
		await cluster.rest.activate(hubSpotToKirimId);
		await cluster.waitForWebhook(HUBSPOT_PATH, 60_000);
		// Each Kirim call takes 300 ms, so executions last long enough that a worker has several running.
		kirim.pipeline.faults.baseLatencyMs = 300;
	}, 400_000);

	afterAll(async () => {
		await cluster?.stop();
		await kirim?.close();
		await hubspot?.close();
	});

	test('1 000 deliveries, 30 % redelivered, a webhook process and a busy worker killed: nothing acted on twice, nothing lost but what n8n shows as failed; a retry recovers every run n8n kept and Reconcile the HubSpot side of the rest', async () => {
		const events = customers('+62812', EVENTS);
		const effects = countSideEffects();
		let runningOnKilledWorker = 0;
		const began = Date.now();
		const logged = (what: string, run: () => Promise<void>) => async () => {
			process.stderr.write(`[queue-mode] +${Date.now() - began} ${what}\n`);
			await run();
			process.stderr.write(`[queue-mode] +${Date.now() - began} ${what}: done\n`);
		};
		const report = await runStorm(
			PATH,
			events.map((e) => e.delivery),
			{
				...storm(WEBHOOK_ID),
				milestones: [
					{ after: 300, run: logged('SIGKILL webhook 0', () => cluster.kill('webhook', 0, 'SIGKILL')) },
					{
						after: 500,
						run: logged('SIGKILL worker 0', async () => void (runningOnKilledWorker = await killBusyWorker())),
					},
					{ after: 600, run: logged('restart webhook 0', () => cluster.restart('webhook', 0)) },
					{ after: 800, run: logged('restart worker 0', () => cluster.restart('worker', 0)) },
				],
			},
		);
		process.stderr.write(
			`[queue-mode] storm: ${JSON.stringify({ ...report, attempts: undefined, runningOnKilledWorker })}\n`,
		);
		expect(report.delivered).toBe(EVENTS);
		expect(report.redeliveries).toBeGreaterThan(200);
		expect(finalThroughNginx(report)).toEqual([]);
		expect(runningOnKilledWorker).toBeGreaterThanOrEqual(5);

		const twice = () => [
			...events
				.filter((e) => effects.messagesTo(e.contact.phone_number) > 1)
				.map((e) => `message to ${e.contact.phone_number}`),
			...events
				.filter((e) => effects.hubspotContactsOf(e.contact.id) > 1)
				.map((e) => `HubSpot contact for ${e.contact.id}`),
			...[...effects.creations.entries()].filter(([, n]) => n > 1).map(([id]) => `HubSpot ${id} created again`),
			...[...effects.changes.entries()].filter(([, n]) => n > 1).map(([key]) => `HubSpot ${key} written again`),
		];
		const lost = () =>
			events.filter(
				(e) => effects.messagesTo(e.contact.phone_number) === 0 || effects.hubspotContactsOf(e.contact.id) === 0,
			);

		// Every delivery was answered 200, so the sender sends none again. The events whose runs died with the worker
		// are the only ones missing, and n8n lists each of those runs as failed.
		const executions = await settled(workflowId, EVENTS);
		const notFinished = executions.filter((e) => e.status !== 'success');
		if (lost().length > notFinished.length) {
			const byStatus: Record<string, number> = {};
			for (const e of executions) byStatus[`${e.mode}:${e.status}`] = (byStatus[`${e.mode}:${e.status}`] ?? 0) + 1;
			process.stderr.write(
				`[queue-mode] executions: ${JSON.stringify(byStatus)}; webhook 1 log tail:\n${cluster.logTail('webhook', 1, 40)}\n`,
			);
			const withData = await cluster.rest.executions(workflowId, true);
			for (const e of lost()) {
				const runs = withData.filter((x) => JSON.stringify(x.data ?? {}).includes(String(e.contact.phone_number)));
				process.stderr.write(
					`[queue-mode] lost ${e.contact.phone_number} msgs=${effects.messagesTo(e.contact.phone_number)} hs=${effects.hubspotContactsOf(e.contact.id)} runs=${runs.map((x) => `${x.id}:${x.status}`).join(',')} attempts=${(report.attempts[e.event.eventId] ?? []).join(' | ')}\n`,
				);
			}
		}
		expect(twice()).toEqual([]);
		expect(notFinished.length).toBeGreaterThanOrEqual(1);
		// Nothing acknowledged is missing but the runs n8n lists as not successful. (Before the dedupe snapshot left out
		// other requests' in-flight ids, the process that took over from the killed one answered "duplicate" to events
		// that never ran; before the harness kept a restarting process out of nginx's ring, n8n answered 200 "n8n is
		// starting up" to deliveries it never ran.)
		const lostBefore = lost().length;
		expect(lostBefore).toBeLessThanOrEqual(notFinished.length);

		// The runbook: retry them (see retryFailed). What the crashed runs had already sent, Kirim replays.
		const { failed, unrecoverable } = await retryFailed(workflowId, executions);
		process.stderr.write(
			`[queue-mode] recovery: ${JSON.stringify({ failed: failed.map((e) => `${e.id}:${e.status}`), unrecoverable, lostAfter: lost().length })}\n`,
		);
		expect(twice()).toEqual([]);
		// Retrying recovers every event a crashed run kept: what is still missing is at most one event per run n8n
		// failed without data.
		expect(lost().length).toBeLessThanOrEqual(lostBefore);
		expect(lost().length).toBeLessThanOrEqual(unrecoverable);
		const retries = (await cluster.rest.executions(workflowId, false)).filter((e) => e.mode === 'retry');
		expect(retries).toHaveLength(failed.length - unrecoverable);
		expect(retries.filter((e) => e.status !== 'success')).toEqual([]);
		expect(effects.creations.size).toBe(
			EVENTS - lost().filter((e) => effects.hubspotContactsOf(e.contact.id) === 0).length,
		);

		// Then Reconcile with Repair: every customer is in HubSpot once, however its event fared; nothing written twice.
		const missingInHubSpot = events.filter((e) => effects.hubspotContactsOf(e.contact.id) === 0).length;
		const summary = await reconcile();
		const noMessage = events
			.filter((e) => effects.messagesTo(e.contact.phone_number) === 0)
			.map((e) => e.contact.phone_number);
		process.stderr.write(
			`[queue-mode] reconcile: ${JSON.stringify({ missingInHubSpot, summary: summary.findings ?? summary, stillWithoutMessage: noMessage.length })}\n`,
		);
		expect(events.filter((e) => effects.hubspotContactsOf(e.contact.id) !== 1).map((e) => e.contact.id)).toEqual([]);
		expect(effects.creations.size).toBe(EVENTS);
		expect(twice()).toEqual([]);
		// What no runbook step brings back: the messages of the runs n8n failed without data.
		expect(noMessage.length).toBeLessThanOrEqual(unrecoverable);
	}, 1_200_000);

	test('a HubSpot batch storm with a webhook process and a busy worker killed: no Kirim contact changed twice, nothing lost but what n8n shows as failed; a retry recovers what n8n kept and Reconcile the rest', async () => {
		// Contacts linked on both sides, then a person renames each in HubSpot; HubSpot batches those events (10 per
		// request here), and each batch is delivered, 30 % of them again, half of those straight to a webhook process.
		const person = { changeSource: 'CRM_UI', sourceId: 'userId:4242' };
		const app = { changeSource: 'INTEGRATION', sourceId: String(hubspot.appId) };
		const linked = Array.from({ length: HUBSPOT_CONTACTS }, (_, i) => {
			const contact = kirim.store.addContact(
				{ phone_number: `+62813${String(i).padStart(7, '0')}`, name: `Before ${i}`, email: `before${i}@example.com` },
				kirim.phoneNumberIds[0],
			);
			const object = hubspot.store.create(
				'contacts',
				{ firstname: 'Before', lastname: String(i), email: `before${i}@example.com`, kirim_contact_id: contact.id },
				app,
			);
			return { contact, object };
		});
		const changes: ChangeRecord[] = [];
		hubspot.store.listeners.push((change) => {
			if (
				change.kind === 'propertyChange' &&
				change.propertyName === 'firstname' &&
				change.writer.changeSource === 'CRM_UI'
			)
				changes.push(change);
		});
		for (const { object } of linked) hubspot.store.update('contacts', object, { firstname: 'After' }, person);
		expect(changes).toHaveLength(HUBSPOT_CONTACTS);
		const subscription = {
			id: 7001,
			subscriptionType: 'contact.propertyChange',
			propertyName: 'firstname',
			active: true,
		};
		const events = changes.map((change, i) =>
			buildEvent(change, subscription, { appId: hubspot.appId, portalId: hubspot.portalId }, 900_000 + i),
		);
		const url = `${cluster.url}/webhook/${HUBSPOT_PATH}`;
		const batches: StormDelivery[] = [];
		for (let i = 0; i < events.length; i += 10) {
			const body = JSON.stringify(events.slice(i, i + 10));
			batches.push({
				id: `batch ${i / 10}`,
				body,
				headers: () => hubspot.webhooks.signedHeaders(body, url, Date.now()),
			});
		}

		const kirimUpdates = new Map<string, number>();
		const emit = kirim.sender.emit.bind(kirim.sender);
		kirim.sender.emit = (event) => {
			const contact = (event.body.data as { contact?: { id?: string } } | undefined)?.contact;
			if (event.type === 'contact.updated' && contact?.id)
				kirimUpdates.set(contact.id, (kirimUpdates.get(contact.id) ?? 0) + 1);
			return emit(event);
		};
		const twice = () =>
			linked.filter(({ contact }) => (kirimUpdates.get(contact.id) ?? 0) > 1).map(({ contact }) => contact.id);
		const lost = () =>
			linked.filter(({ contact }) => !String(kirim.store.contacts.get(contact.id)?.name).startsWith('After'));
		let runningOnKilledWorker = 0;
		const report = await runStorm(`/webhook/${HUBSPOT_PATH}`, batches, {
			...storm(HUBSPOT_PATH),
			concurrency: 10,
			milestones: [
				{ after: 10, run: () => cluster.kill('webhook', 0, 'SIGKILL') },
				{ after: 20, run: async () => void (runningOnKilledWorker = await killBusyWorker()) },
				{ after: 30, run: () => cluster.restart('webhook', 0) },
				{ after: 35, run: () => cluster.restart('worker', 0) },
			],
		});
		process.stderr.write(
			`[queue-mode] HubSpot storm: ${JSON.stringify({ ...report, attempts: undefined, runningOnKilledWorker })}\n`,
		);
		expect(report.delivered).toBe(batches.length);
		expect(finalThroughNginx(report)).toEqual([]);
		expect(runningOnKilledWorker).toBeGreaterThanOrEqual(5);
		const executions = await settled(hubSpotToKirimId, batches.length);
		await new Promise((resolve) => setTimeout(resolve, 2000));

		// Each Kirim contact renamed at most once however often its batch ran; what is missing ran on the dead worker.
		expect(twice()).toEqual([]);
		const lostBefore = lost().length;
		const { failed, unrecoverable } = await retryFailed(hubSpotToKirimId, executions);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		process.stderr.write(
			`[queue-mode] HubSpot recovery: ${JSON.stringify({ failed: failed.map((e) => `${e.id}:${e.status}`), unrecoverable, lostAfter: lost().length })}\n`,
		);
		expect(twice()).toEqual([]);
		expect(lost().length).toBeLessThanOrEqual(lostBefore);
		const retries = (await cluster.rest.executions(hubSpotToKirimId, false)).filter((e) => e.mode === 'retry');
		expect(retries).toHaveLength(failed.length - unrecoverable);
		expect(retries.filter((e) => e.status !== 'success')).toEqual([]);

		// Then Reconcile with Repair writes HubSpot's names (the CRM owns names) to the Kirim contacts still missing them.
		const summary = await reconcile();
		process.stderr.write(
			`[queue-mode] HubSpot reconcile: ${JSON.stringify({ lostBefore: lostBefore, summary: summary.findings ?? summary, lostAfter: lost().length })}\n`,
		);
		expect(lost().map(({ contact }) => contact.id)).toEqual([]);
		expect(twice()).toEqual([]);
	}, 900_000);

	test('main-process work: a managed Kirim subscription is created on activation and delivers through nginx; the Kirim Poll Trigger polls and its runs go to the workers', async () => {
		const kirimCredential = {
			id: (
				await cluster.rest.createCredential('kirim managed', 'kirimSyncApi', {
					apiKey: kirim.apiKey,
					baseUrl: kirim.url,
					pathStyle: 'phoneScoped',
					phoneNumberId: kirim.phoneNumberIds[0],
				})
			).id,
			name: 'kirim managed',
		};
		const managed = triggerWorkflow(
			'queue mode managed subscription',
			'n8n-nodes-kirim.kirimTrigger',
			{ subscriptionMode: 'managed', events: ['contact.created'], options: {} },
			{ kirimSyncApi: kirimCredential },
		);
		const managedId = (await cluster.rest.createWorkflow(managed.workflow)).id;
		await cluster.rest.activate(managedId);
		const poll = {
			name: 'queue mode poll',
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
					credentials: { kirimSyncApi: kirimCredential },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		const pollId = (await cluster.rest.createWorkflow(poll)).id;
		await cluster.rest.activate(pollId);
		// Main made the subscription (activation runs on main), pointing at the URL n8n gives out: nginx's.
		const subscription = await waitFor(
			() =>
				[...kirim.store.subscriptions.values()].find(
					(sub) => sub.status === 'active' && sub.url.includes(managed.webhookId),
				),
			30_000,
			'the managed subscription',
			cluster,
		);
		expect(subscription.url).toBe(`${cluster.url}/webhook/${managed.path}`);
		// "From Now": the activation poll records where it starts; only what comes after is new.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const created = await fetch(`${kirim.url}/_sim/contacts`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Queue Mode Person' }),
		});
		const contactId = ((await created.json()) as { contact: { id: string } }).contact.id;

		const contactOf = (execution: Execution, node: string) =>
			JSON.stringify(execution.data?.resultData?.runData?.[node] ?? []).includes(contactId);
		const [delivered] = await waitFor(
			async () => {
				const runs = (await cluster.rest.executions(managedId, true)).filter((e) => e.status === 'success');
				return runs.length > 0 ? runs : undefined;
			},
			60_000,
			'the managed subscription’s delivery ran',
			cluster,
		);
		expect(contactOf(delivered, 'Trigger')).toBe(true);
		const [polled] = await waitFor(
			async () => {
				const runs = (await cluster.rest.executions(pollId, true)).filter((e) => e.status === 'success');
				return runs.length > 0 ? runs : undefined;
			},
			90_000,
			'the poll trigger emitted the new contact',
			cluster,
		);
		expect(contactOf(polled, 'Kirim Poll Trigger')).toBe(true);
		// Both ran on a worker, as every execution does in queue mode.
		const workerLogs = [0, 1].map((i) => cluster.logTail('worker', i, 100_000)).join('\n');
		for (const id of [delivered.id, polled.id])
			expect(workerLogs).toMatch(new RegExp(`Worker finished execution ${id}\\b`));
	}, 240_000);
});
