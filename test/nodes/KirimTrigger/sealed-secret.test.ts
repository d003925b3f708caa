import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { TestCredentialsHelper } from '../../harness/credentials-helper';
import { deliver, lifecycle, type TriggerSetup } from '../../harness/trigger-context';
import { contactEvent, credentialTypes, signed } from './fixtures';
import { KirimTrigger } from '../../../nodes/KirimTrigger/KirimTrigger.node';
import { openSealedSecret, sealSecret } from '../../../nodes/KirimTrigger/sealed-secret';
import { signingSecrets } from '../../../nodes/KirimTrigger/secrets';

const API_KEY = 'kdv_live_TavbPKwIuqOr69ALEKLNennZ';
const OTHER_KEY = 'kdv_live_OtherKeyOtherKeyOtherKe';
const SUBSCRIPTION = 'wbs_01M82K53HKJXEB1A5MYSGTBCA4';
const SECRET = 'whsec_q8NPoQHNI5NHTr3O0B4Z40iwovAVI-Ac';

/** True when no string in the data holds the secret or any 8 characters of it. */
function holdsNoPartOf(secret: string, data: unknown): boolean {
	const text = JSON.stringify(data);
	for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) return false;
	return true;
}

/** Flips one bit of the sealed bytes at `index`. */
function flipped(sealed: string, index: number): string {
	const bytes = Buffer.from(sealed, 'base64url');
	bytes[index] ^= 0x01;
	return bytes.toString('base64url');
}

describe('sealing the managed signing secret', () => {
	test('round trip; every seal of the same secret differs (random IV); the seal holds no part of the secret', () => {
		const a = sealSecret(API_KEY, SUBSCRIPTION, SECRET);
		const b = sealSecret(API_KEY, SUBSCRIPTION, SECRET);
		expect(a).not.toBe(b);
		expect(openSealedSecret(API_KEY, SUBSCRIPTION, a)).toBe(SECRET);
		expect(openSealedSecret(API_KEY, SUBSCRIPTION, b)).toBe(SECRET);
		expect(holdsNoPartOf(SECRET, a)).toBe(true);
	});

	test('a changed byte anywhere (IV, tag, ciphertext) does not open', () => {
		const sealed = sealSecret(API_KEY, SUBSCRIPTION, SECRET);
		const length = Buffer.from(sealed, 'base64url').length;
		for (const index of [0, 11, 12, 27, 28, length - 1])
			expect(openSealedSecret(API_KEY, SUBSCRIPTION, flipped(sealed, index))).toBeUndefined();
		expect(openSealedSecret(API_KEY, SUBSCRIPTION, sealed.slice(0, 20))).toBeUndefined();
		expect(openSealedSecret(API_KEY, SUBSCRIPTION, '')).toBeUndefined();
	});

	test('another API key, or the seal moved to another subscription id, does not open', () => {
		const sealed = sealSecret(API_KEY, SUBSCRIPTION, SECRET);
		expect(openSealedSecret(OTHER_KEY, SUBSCRIPTION, sealed)).toBeUndefined();
		expect(openSealedSecret(API_KEY, 'wbs_01M82K53HKJXEB1A5MYSGTBCA5', sealed)).toBeUndefined();
	});
});

describe('Kirim Trigger (managed): the secret in static data is sealed', () => {
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
		jest.useFakeTimers({ advanceTimers: true, doNotFake: [...ALL_BUT_DATE] });
		sim = await startKirimSimulator({ allowHttpWebhooks: true });
	});
	afterEach(async () => {
		await sim.close();
		jest.useRealTimers();
		jest.restoreAllMocks();
	});

	function setup(staticData: IDataObject, apiKey = sim.apiKey): TriggerSetup {
		return {
			trigger: new KirimTrigger(),
			parameters: { subscriptionMode: 'managed', events: ['contact.created'], signatureCheck: 'verify', options: {} },
			credentialTypes,
			credentials: {
				kirimSyncApi: { apiKey, baseUrl: sim.url, pathStyle: 'phoneScoped', phoneNumberId: sim.phoneNumberIds[0] },
			},
			staticData,
			webhookId: 'wh-sealed',
		};
	}
	const issuedSecret = () => [...sim.store.subscriptions.values()][0].secrets[0].secret;
	const kirimReads = () => jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');

	test('create keeps only a seal: no static data field holds the secret Kirim issued or any part of it; deliveries signed with it verify', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		const secret = issuedSecret();
		expect(staticData.subscription).toEqual({
			v: 2,
			id: expect.any(String),
			sealedSecret: expect.any(String),
			url: expect.any(String),
			events: ['contact.created'],
		});
		expect(holdsNoPartOf(secret, staticData)).toBe(true);
		expect((await deliver(setup(staticData), signed(contactEvent(), { secrets: [secret] }))).status).toBe(200);
		expect(
			(await deliver(setup(staticData), signed(contactEvent(), { secrets: ['whsec_not_the_issued_secret_00001'] })))
				.status,
		).toBe(401);
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(true);
		expect(holdsNoPartOf(secret, staticData)).toBe(true);
	});

	test('the opened secret is kept in memory for a minute: one credential read for a burst of deliveries', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		const reads = kirimReads();
		for (let i = 0; i < 5; i++)
			expect((await deliver(setup(staticData), signed(contactEvent(), { secrets: [issuedSecret()] }))).status).toBe(
				200,
			);
		expect(reads).toHaveBeenCalledTimes(1);
		jest.setSystemTime(Date.now() + 61_000);
		expect((await deliver(setup(staticData), signed(contactEvent(), { secrets: [issuedSecret()] }))).status).toBe(200);
		expect(reads).toHaveBeenCalledTimes(2);
	});

	test('after the API key changed the seal does not open: 503 (Kirim retries), the reason tells the operator what to do', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		const secret = issuedSecret();
		expect((await deliver(setup(staticData), signed(contactEvent(), { secrets: [secret] }))).status).toBe(200);
		// The opened secret is remembered for a minute; then the changed key is noticed.
		jest.setSystemTime(Date.now() + 61_000);
		const changed = setup(staticData, 'kdv_live_OtherKeyOtherKeyOtherKe');
		const refused = await deliver(changed, signed(contactEvent(), { secrets: [secret] }));
		expect(refused.status).toBe(503);
		expect(refused.result.workflowData).toBeUndefined();

		const reasons: Array<string | undefined> = [];
		const ctx = {
			getNodeParameter: () => 'managed',
			getNode: () => ({
				id: 'n',
				name: 'Kirim Trigger',
				type: 'kirimTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			}),
			getCredentials: async () => ({ apiKey: 'kdv_live_OtherKeyOtherKeyOtherKe' }),
			getMode: () => 'webhook',
			getWorkflow: () => ({ id: 'wf', active: true }),
		} as unknown as IWebhookFunctions;
		const answer = await signingSecrets(ctx, staticData);
		reasons.push(answer.unavailable);
		expect(answer.secrets).toEqual([]);
		expect(reasons[0]).toContain('deactivate and activate the workflow');
		expect(holdsNoPartOf(secret, reasons)).toBe(true);

		// Putting the old key back makes it work again, with nothing lost meanwhile (Kirim kept retrying).
		jest.setSystemTime(Date.now() + 61_000);
		expect((await deliver(setup(staticData), signed(contactEvent(), { secrets: [secret] }))).status).toBe(200);
	});

	test('a tampered seal is refused with 503, never accepted', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		const record = staticData.subscription as IDataObject;
		staticData.subscription = { ...record, sealedSecret: flipped(record.sealedSecret as string, 30) };
		expect((await deliver(setup(staticData), signed(contactEvent(), { secrets: [issuedSecret()] }))).status).toBe(503);
	});
});
