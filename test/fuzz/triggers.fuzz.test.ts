import type { IDataObject } from 'n8n-workflow';

import { dedupeStore } from '../../nodes/shared/dedupe/store';
import { signKirim } from '../../nodes/shared/signatures/kirim';
import { signHubSpotV3 } from '../../nodes/shared/signatures/hubspot';
import { HubSpotSyncApi } from '../../credentials/HubSpotSyncApi.credentials';
import { HubSpotSyncTrigger } from '../../nodes/HubSpotSyncTrigger/HubSpotSyncTrigger.node';
import { WEBHOOK_BASE } from '../harness/engine';
import { deliver, type TriggerSetup } from '../harness/trigger-context';
import { SECRET, contactEvent, existingSetup, metaBody, textMessage } from '../nodes/KirimTrigger/fixtures';
import { junk, mutate, pick, rng } from './generators';

const CASES = 10_000;

function parseOrUndefined(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

type Kind =
	| 'valid'
	| 'tampered-body'
	| 'tampered-signature'
	| 'junk-header'
	| 'junk-body'
	| 'wrong-secret'
	| 'stale'
	| 'no-header';

describe('Kirim Trigger under fuzzing', () => {
	beforeAll(() => dedupeStore.clear());

	test(`${CASES} generated deliveries: no crash, no forgery accepted, every answer a reasoned 4xx or a 2xx for a valid one`, async () => {
		const random = rng(20261122);
		const setup = existingSetup();
		const tally: Record<string, number> = {};
		for (let i = 0; i < CASES; i++) {
			const kind = pick<Kind>(random, [
				'valid',
				'tampered-body',
				'tampered-signature',
				'junk-header',
				'junk-body',
				'wrong-secret',
				'stale',
				'no-header',
			]);
			const body: IDataObject =
				random() < 0.5 ? contactEvent() : metaBody([textMessage(`wamid.F${i}`, junk(random, 40))]);
			let raw = JSON.stringify(body, null, random() < 0.3 ? 2 : undefined);
			const now = Math.floor(Date.now() / 1000);
			let header = signKirim(
				[SECRET],
				kind === 'stale' ? now - 301 - Math.floor(random() * 1e6) : now,
				Buffer.from(raw),
			);
			if (kind === 'wrong-secret') header = signKirim(['whsec_' + junk(random, 30)], now, Buffer.from(raw));
			if (kind === 'tampered-body') raw = mutate(random, raw);
			if (kind === 'tampered-signature') header = mutate(random, header);
			if (kind === 'junk-header') header = random() < 0.1 ? 't=' + 'a'.repeat(10_000) : junk(random, 200);
			if (kind === 'junk-body') raw = junk(random, 300);
			const headers: Record<string, string> = {
				'x-kirim-event-id': String(body.id ?? ''),
				'x-kirim-event': String(body.type ?? ''),
			};
			if (kind !== 'no-header') headers['x-kirim-signature'] = header;
			const result = await deliver(setup, { headers, rawBody: Buffer.from(raw), body: parseOrUndefined(raw) ?? {} });
			const answer = result.answer as IDataObject | undefined;
			tally[`${kind}:${result.status}`] = (tally[`${kind}:${result.status}`] ?? 0) + 1;
			if (result.status >= 400) {
				// 503 (our side cannot read it) only for a correctly signed body; anything else Kirim sent wrong is 4xx.
				expect(result.status === 401 || result.status === 400 || (result.status === 503 && kind === 'valid')).toBe(
					true,
				);
				expect(typeof answer?.reason).toBe('string');
				expect(result.result.workflowData).toBeUndefined();
			} else {
				// Only a correctly signed delivery may pass; a "tampered" header that still carries the valid v1
				// (say, one hex digit upper-cased: hex is case-insensitive) is the same signature.
				const validV1 = signKirim([SECRET], now, Buffer.from(raw)).split(',')[1];
				const signatureStillValid = kind === 'tampered-signature' && header.toLowerCase().includes(validV1);
				expect(kind === 'valid' || signatureStillValid).toBe(true);
			}
		}
		expect(tally['valid:200']).toBeGreaterThan(CASES / 10);
		for (const kind of ['tampered-body', 'wrong-secret', 'stale', 'no-header', 'junk-header'])
			expect(tally[`${kind}:200`] ?? 0).toBe(0);
	}, 120_000);
});

describe('HubSpot Sync Trigger under fuzzing', () => {
	beforeAll(() => dedupeStore.clear());
	const CLIENT_SECRET = 'fuzz-client-secret';
	const URL = `${WEBHOOK_BASE}/webhook/fuzz/webhook`;
	const setup: TriggerSetup = {
		trigger: new HubSpotSyncTrigger(),
		parameters: {
			subscriptionTypes: ['contact.creation', 'contact.propertyChange'],
			options: {},
		} as TriggerSetup['parameters'],
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
		credentials: { hubSpotSyncApi: { accessToken: 'pat', clientSecret: CLIENT_SECRET, appId: '1' } },
		staticData: {},
		webhookId: 'fuzz',
	};

	test(`${CASES} generated batches: no crash, no forgery accepted`, async () => {
		const random = rng(5);
		let accepted = 0;
		for (let i = 0; i < CASES; i++) {
			const kind = pick(random, [
				'valid',
				'tampered-body',
				'tampered-signature',
				'junk',
				'stale',
				'future',
				'ms-as-s',
			] as const);
			const batch = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, k) => ({
				objectId: i * 10 + k,
				subscriptionType: pick(random, ['contact.creation', 'contact.propertyChange', 'contact.deletion']),
				propertyName: 'email',
				propertyValue: junk(random, 20),
				occurredAt: 1_700_000_000_000 + i,
				eventId: i,
				portalId: 1,
				subscriptionId: 2,
			}));
			let raw = JSON.stringify(batch);
			let ts = Date.now();
			if (kind === 'stale') ts -= 301_000 + Math.floor(random() * 1e9);
			if (kind === 'future') ts += 301_000 + Math.floor(random() * 1e9);
			if (kind === 'ms-as-s') ts = Math.floor(ts / 1000);
			let signature = signHubSpotV3(CLIENT_SECRET, 'POST', URL, raw, String(ts));
			if (kind === 'tampered-body') raw = mutate(random, raw);
			if (kind === 'tampered-signature') signature = mutate(random, signature);
			if (kind === 'junk') signature = junk(random, 60);
			const result = await deliver(setup, {
				headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(ts) },
				rawBody: Buffer.from(raw),
				body: parseOrUndefined(raw) ?? {},
			});
			if (result.status >= 400) {
				expect(result.status === 400 || result.status === 401 || (result.status === 503 && kind === 'valid')).toBe(
					true,
				);
				expect(typeof (result.answer as IDataObject).reason).toBe('string');
				expect(result.result.workflowData).toBeUndefined();
			} else {
				expect(kind).toBe('valid');
				accepted += 1;
			}
		}
		expect(accepted).toBeGreaterThan(CASES / 10);
	}, 120_000);
});
