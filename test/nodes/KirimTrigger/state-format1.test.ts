import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { KirimTrigger } from '../../../nodes/KirimTrigger/KirimTrigger.node';
import { dedupeStore } from '../../../nodes/shared/dedupe/store';
import { deliver, lifecycle, type TriggerSetup } from '../../harness/trigger-context';
import { contactEvent, credentialTypes, signed } from './fixtures';
import format1 from '../../fixtures/static-data/kirim-trigger-managed.format1.json';

/**
 * Static data as format 1 wrote it for a managed Kirim Trigger (the subscription record v1, its secret in plain
 * text), loaded by today's code: the upgrade to format 2 cannot seal (it has no credential), so the plain secret
 * keeps verifying until the next activation check seals it. The clock is an hour after the capture, so the
 * captured dedupe entry is still live.
 */
const old = format1.staticData;
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
	jest.useFakeTimers({ now: Date.parse(format1.capturedAt) + HOUR, advanceTimers: true, doNotFake: [...ALL_BUT_DATE] });
	dedupeStore.clear();
	sim = await startKirimSimulator({ allowHttpWebhooks: true });
	const { id, secret, url, events } = old.subscription;
	const at = format1.capturedAt;
	sim.store.subscriptions.set(id, {
		id,
		object: 'webhook_subscription',
		url,
		status: 'active',
		events: [...events],
		description: 'n8n workflow "in-process test" (wf-test)',
		secrets: [{ id: 'wbsec_format1', secret, created_at: at, expires_at: null }],
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
		webhookId: 'wh-format1',
	};
}

const items = (r: Awaited<ReturnType<typeof deliver>>) => (r.result.workflowData?.[0] ?? []) as INodeExecutionData[];
const holdsSecret = (staticData: IDataObject) => {
	const text = JSON.stringify(staticData);
	const secret = old.subscription.secret;
	return Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8)).some((part) =>
		text.includes(part),
	);
};

describe('Kirim Trigger with a format-1 subscription record (plain secret)', () => {
	test('a delivery verifies with the plain secret and dedupes against the old snapshot; the record becomes format 2, sealed', async () => {
		const staticData = structuredClone(old) as IDataObject;
		const again = await deliver(
			setup(staticData),
			signed(format1.acceptedEvent as IDataObject, { secrets: [old.subscription.secret] }),
		);
		expect(again.answer).toEqual({ received: true, duplicate: true });
		const fresh = await deliver(
			setup(staticData),
			signed(contactEvent('contact.updated', 'evt_01FORMAT1FRESH00000000001'), { secrets: [old.subscription.secret] }),
		);
		expect(items(fresh)).toHaveLength(1);
		// The upgrade alone cannot seal (it has no credential); the delivery, which reads the credential, does.
		const { secret: _secret, ...rest } = old.subscription;
		expect(staticData.subscription).toEqual({ ...rest, v: 2, sealedSecret: expect.any(String) });
		expect(holdsSecret(staticData)).toBe(false);
		const after = await deliver(
			setup(staticData),
			signed(contactEvent('contact.created', 'evt_01FORMAT1FRESH00000000003'), { secrets: [old.subscription.secret] }),
		);
		expect(items(after)).toHaveLength(1);
	});

	test('the next activation check seals it: afterwards no static data holds any part of it, and deliveries still verify', async () => {
		const staticData = structuredClone(old) as IDataObject;
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(true);
		expect(sim.store.subscriptions.size).toBe(1);
		expect(staticData.subscription).toEqual({
			v: 2,
			id: old.subscription.id,
			sealedSecret: expect.any(String),
			url: old.subscription.url,
			events: old.subscription.events,
		});
		expect(holdsSecret(staticData)).toBe(false);
		const after = await deliver(
			setup(staticData),
			signed(contactEvent('contact.created', 'evt_01FORMAT1FRESH00000000002'), { secrets: [old.subscription.secret] }),
		);
		expect(after.status).toBe(200);
		expect(items(after)).toHaveLength(1);
		const forged = await deliver(
			setup(staticData),
			signed(contactEvent('contact.created'), { secrets: ['whsec_not_the_stored_secret_0001'] }),
		);
		expect(forged.status).toBe(401);
	});
});
