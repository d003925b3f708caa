import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { KirimTrigger } from '../../../nodes/KirimTrigger/KirimTrigger.node';
import { dedupeStore } from '../../../nodes/shared/dedupe/store';
import { settleRemovals } from '../../../nodes/KirimTrigger/subscription-memory';
import { deliver, lifecycle, type TriggerSetup } from '../../harness/trigger-context';
import { contactEvent, credentialTypes, signed } from './fixtures';
import previous from '../../fixtures/static-data/kirim-trigger-managed.previous.json';

/**
 * Static data exactly as the code before format versions wrote it for a managed Kirim Trigger (flat subscription
 * keys, dedupe snapshot v1), loaded by today's code. The clock is set to an hour after the capture, so the
 * captured dedupe entry (48-hour window) is still live.
 */
const old = previous.staticData;
const HOUR = 3_600_000;
const ALL_BUT_DATE = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;

let sim: KirimSimulator;
beforeEach(async () => {
	jest.useFakeTimers({
		now: Date.parse(previous.capturedAt) + HOUR,
		advanceTimers: true,
		doNotFake: [...ALL_BUT_DATE],
	});
	dedupeStore.clear();
	sim = await startKirimSimulator({ allowHttpWebhooks: true });
	// Kirim still holds the subscription the old code made (same id, URL, events and signing secret).
	const at = previous.capturedAt;
	sim.store.subscriptions.set(old.subscriptionId, {
		id: old.subscriptionId,
		object: 'webhook_subscription',
		url: old.url,
		status: 'active',
		events: [...old.events],
		description: 'n8n workflow "in-process test" (wf-test)',
		secrets: [{ id: 'wbsec_previous', secret: old.secret, created_at: at, expires_at: null }],
		created_at: at,
		updated_at: at,
		consecutive_failures: 0,
	});
});
afterEach(async () => {
	await sim.close();
	jest.useRealTimers();
});

function setup(staticData: IDataObject): TriggerSetup {
	return {
		trigger: new KirimTrigger(),
		parameters: {
			subscriptionMode: 'managed',
			events: ['contact.created', 'contact.updated'],
			signatureCheck: 'verify',
			options: {},
		},
		credentialTypes,
		credentials: {
			kirimSyncApi: {
				apiKey: sim.apiKey,
				baseUrl: sim.url,
				pathStyle: 'phoneScoped',
				phoneNumberId: sim.phoneNumberIds[0],
			},
		},
		staticData,
		webhookId: 'wh-legacy',
	};
}

const fromFixture = () => structuredClone(old) as IDataObject;
const items = (r: Awaited<ReturnType<typeof deliver>>) => (r.result.workflowData?.[0] ?? []) as INodeExecutionData[];
const subscriptionWrites = () =>
	sim.pipeline.log.entries.filter((r) => r.path.startsWith('/v1/webhook_subscriptions') && r.method !== 'GET');

/** True when no string in the static data holds the secret or any 8 characters of it. */
function holdsNoPartOf(secret: string, staticData: IDataObject): boolean {
	const text = JSON.stringify(staticData);
	for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) return false;
	return true;
}

describe('Kirim Trigger with static data of the previous (unversioned) format', () => {
	test('deliveries verify with the stored initial secret and dedupe against the old snapshot; the record is rewritten as format 2, the secret sealed', async () => {
		const staticData = fromFixture();
		const redelivery = await deliver(
			setup(staticData),
			signed(previous.acceptedEvent as IDataObject, { secrets: [old.secret] }),
		);
		expect(redelivery.status).toBe(200);
		expect(redelivery.answer).toEqual({ received: true, duplicate: true });

		const forged = await deliver(
			setup(staticData),
			signed(contactEvent('contact.created'), { secrets: ['whsec_not_the_stored_secret_0001'] }),
		);
		expect(forged.status).toBe(401);

		const fresh = contactEvent('contact.updated');
		const accepted = await deliver(setup(staticData), signed(fresh, { secrets: [old.secret] }));
		expect(accepted.status).toBe(200);
		expect(items(accepted)).toHaveLength(1);
		expect(items(accepted)[0].json).toMatchObject({ id: fresh.id, event: 'contact.updated' });

		// The upgrade has no credential; the first delivery reads it and seals the secret.
		expect(holdsNoPartOf(old.secret, staticData)).toBe(true);
		expect(staticData).toEqual({
			subscription: {
				v: 2,
				id: old.subscriptionId,
				sealedSecret: expect.any(String),
				url: old.url,
				events: old.events,
			},
			dedupe: {
				v: 2,
				ids: [old.dedupe.entries[0][0], fresh.id],
				expires: [Math.ceil(Number(old.dedupe.entries[0][1]) / 1000), expect.any(Number)],
				late: [],
			},
		});
	});

	test('activation finds the old subscription (no new one is made), seals its secret; delete still removes it', async () => {
		const staticData = fromFixture();
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(true);
		expect(sim.store.subscriptions.size).toBe(1);
		expect(subscriptionWrites()).toEqual([]);
		expect(staticData).toEqual({
			subscription: {
				v: 2,
				id: old.subscriptionId,
				sealedSecret: expect.any(String),
				url: old.url,
				events: old.events,
			},
			dedupe: old.dedupe,
		});
		expect(holdsNoPartOf(old.secret, staticData)).toBe(true);
		// Read again in the new format: still the same subscription, still verified with its secret.
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(true);
		const after = await deliver(setup(staticData), signed(contactEvent('contact.created'), { secrets: [old.secret] }));
		expect(after.status).toBe(200);
		expect(items(after)).toHaveLength(1);

		expect(await lifecycle(setup(staticData), 'delete')).toBe(true);
		await settleRemovals();
		expect(sim.store.subscriptions.size).toBe(0);
	});

	test('a subscription record from a newer package version stops activation and delivery, untouched, and nothing is made in Kirim', async () => {
		const newer = {
			v: 3,
			id: old.subscriptionId,
			secret: old.secret,
			url: old.url,
			events: old.events,
			secretRotatedAt: previous.capturedAt,
		};
		const staticData: IDataObject = { subscription: structuredClone(newer), dedupe: structuredClone(old.dedupe) };
		await expect(lifecycle(setup(staticData), 'checkExists')).rejects.toThrow(NodeOperationError);
		await expect(lifecycle(setup(staticData), 'create')).rejects.toThrow(
			'written by a newer version of n8n-nodes-kirim (format 3',
		);
		await expect(
			deliver(setup(staticData), signed(contactEvent('contact.created'), { secrets: [old.secret] })),
		).rejects.toThrow(NodeOperationError);
		expect(staticData).toEqual({ subscription: newer, dedupe: old.dedupe });
		expect(sim.store.subscriptions.size).toBe(1);
		expect(subscriptionWrites()).toEqual([]);
	});

	test('a dedupe snapshot from a newer package version fails the delivery (the sender retries) instead of being overwritten', async () => {
		const newerSnapshot = { v: 3, windows: { [old.subscriptionId]: old.dedupe.entries } };
		const staticData = fromFixture();
		staticData.dedupe = structuredClone(newerSnapshot);
		await expect(
			deliver(setup(staticData), signed(contactEvent('contact.created'), { secrets: [old.secret] })),
		).rejects.toThrow('dedupe snapshot kept in this node');
		expect(staticData.dedupe).toEqual(newerSnapshot);
	});
});
