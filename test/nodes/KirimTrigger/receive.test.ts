import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { dedupeStore } from '../../../nodes/shared/dedupe/store';
import { signKirim } from '../../../nodes/shared/signatures/kirim';
import { stampedMetadata } from '../../../nodes/shared/sync/echo';
import { answerLeftovers, deliver } from '../../harness/trigger-context';
import {
	NEXT_SECRET,
	SECRET,
	contactEvent,
	eventId,
	existingSetup,
	metaBody,
	signed,
	status,
	textMessage,
} from './fixtures';

beforeEach(() => dedupeStore.clear());
afterEach(answerLeftovers);

const items = (result: Awaited<ReturnType<typeof deliver>>): INodeExecutionData[] =>
	(result.result.workflowData?.[0] ?? []) as INodeExecutionData[];

describe('Kirim Trigger: verification', () => {
	test('a correctly signed event runs once with the event and its delivery metadata', async () => {
		const event = contactEvent();
		const result = await deliver(existingSetup(), signed(event));
		expect(result.status).toBe(200);
		expect(result.answer).toEqual({ received: true, items: 1 });
		expect(items(result)).toHaveLength(1);
		expect(items(result)[0].json).toMatchObject({
			event: 'contact.created',
			id: event.id,
			data: event.data,
			delivery: {
				eventId: event.id,
				deliveryId: 'wbd_01HXYZABCDEFGHJKMNPQRSTVWX',
				attempt: 1,
				source: 'kirim',
				eventType: 'contact.created',
			},
		});
	});

	test('a wrong signature is refused with 401 and starts nothing', async () => {
		const result = await deliver(existingSetup(), signed(contactEvent(), { secrets: ['whsec_attacker_guess_00001'] }));
		expect(result.status).toBe(401);
		expect(result.answer).toEqual({ error: 'invalid_signature', reason: 'no_matching_signature' });
		expect(result.result.workflowData).toBeUndefined();
	});

	test('a stale delivery is refused', async () => {
		const result = await deliver(existingSetup(), signed(contactEvent(), { t: Math.floor(Date.now() / 1000) - 301 }));
		expect(result.status).toBe(401);
		expect(result.answer).toMatchObject({ reason: 'stale_timestamp' });
	});

	test('an unsigned delivery is refused', async () => {
		const delivery = signed(contactEvent());
		delete delivery.headers['x-kirim-signature'];
		const result = await deliver(existingSetup(), delivery);
		expect(result.status).toBe(401);
		expect(result.answer).toMatchObject({ reason: 'missing_signature' });
	});

	test('the body is verified as received: a changed byte is refused', async () => {
		const delivery = signed(contactEvent());
		delivery.rawBody = Buffer.from(delivery.rawBody.toString().replace('John', 'Jane'));
		expect((await deliver(existingSetup(), delivery)).status).toBe(401);
	});

	test('during a rotation the next secret is accepted too', async () => {
		const setup = existingSetup();
		setup.credentials!.kirimWebhookSigningApi.nextSecret = NEXT_SECRET;
		expect((await deliver(setup, signed(contactEvent(), { secrets: [NEXT_SECRET] }))).status).toBe(200);
	});

	test('with the check off, an unsigned delivery runs (the UI warns)', async () => {
		const delivery = signed(contactEvent());
		delete delivery.headers['x-kirim-signature'];
		const result = await deliver(existingSetup({ signatureCheck: 'off' }), delivery);
		expect(result.status).toBe(200);
		expect(items(result)).toHaveLength(1);
	});

	test('managed mode verifies with the initial secret kept in static data', async () => {
		const setup = existingSetup({ subscriptionMode: 'managed' }, { subscriptionId: 'wbs_1', secret: SECRET, url: 'x' });
		setup.credentials = { kirimSyncApi: { apiKey: 'kdv_live_x', baseUrl: 'http://127.0.0.1:1' } };
		expect((await deliver(setup, signed(contactEvent()))).status).toBe(200);
		expect((await deliver(setup, signed(contactEvent(), { secrets: [NEXT_SECRET] }))).status).toBe(401);
	});

	test('managed mode with no stored secret fails closed, with a status Kirim retries (our fault, not the delivery’s)', async () => {
		const setup = existingSetup({ subscriptionMode: 'managed' }, {});
		setup.credentials = { kirimSyncApi: { apiKey: 'kdv_live_x', baseUrl: 'http://127.0.0.1:1' } };
		const result = await deliver(setup, signed(contactEvent()));
		expect(result.status).toBe(503);
		expect(result.response.headers['retry-after']).toBe('30');
		expect(result.answer).toEqual({ error: 'no_secret_configured' });
		expect(result.result.workflowData).toBeUndefined();
	});

	test('refusals are counted per reason and shown on the next items; secrets never are', async () => {
		const setup = existingSetup();
		const counts = async () =>
			(
				items(await deliver(setup, signed(contactEvent())))[0].json.verification as {
					rejectedSinceStart: Record<string, number>;
				}
			).rejectedSinceStart;
		const before = await counts();
		await deliver(setup, signed(contactEvent(), { secrets: ['whsec_wrong_secret_0000001'] }));
		await deliver(setup, signed(contactEvent(), { t: 1 }));
		await deliver(setup, signed(contactEvent(), { t: 1 }));
		const after = await counts();
		expect((after.no_matching_signature ?? 0) - (before.no_matching_signature ?? 0)).toBe(1);
		expect((after.stale_timestamp ?? 0) - (before.stale_timestamp ?? 0)).toBe(2);
		const result = await deliver(setup, signed(contactEvent()));
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});
});

describe('Kirim Trigger: dedupe', () => {
	test('a redelivery of the same event is acknowledged as a duplicate and starts nothing', async () => {
		const setup = existingSetup();
		const event = contactEvent();
		expect(items(await deliver(setup, signed(event)))).toHaveLength(1);
		const again = await deliver(
			setup,
			signed(event, { headers: { 'x-kirim-attempt': '2', 'x-kirim-delivery-id': 'wbd_other' } }),
		);
		expect(again.status).toBe(200);
		expect(again.answer).toEqual({ received: true, duplicate: true });
		expect(again.result.workflowData).toBeUndefined();
	});

	test('the signed body’s id is the key, with or without the event-id header', async () => {
		const setup = existingSetup();
		const event = contactEvent();
		const withoutHeader = signed(event);
		delete withoutHeader.headers['x-kirim-event-id'];
		expect(items(await deliver(setup, withoutHeader))).toHaveLength(1);
		expect((await deliver(setup, signed(event))).answer).toEqual({ received: true, duplicate: true });
	});

	test('a blank event-id header does not shadow the body id', async () => {
		const setup = existingSetup();
		const event = contactEvent();
		const blank = signed(event, { headers: { 'x-kirim-event-id': ' ' } });
		expect(items(await deliver(setup, blank))).toHaveLength(1);
		expect((await deliver(setup, signed(event))).answer).toEqual({ received: true, duplicate: true });
	});

	test('remembered ids survive a restart through the static-data snapshot', async () => {
		const staticData: IDataObject = {};
		const event = contactEvent();
		await deliver(existingSetup({}, staticData), signed(event));
		dedupeStore.clear(); // the process memory is gone; static data was saved by n8n
		const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const after = await deliver(existingSetup({}, saved), signed(event));
		expect(after.answer).toEqual({ received: true, duplicate: true });
	});

	test('the test URL and the production URL do not swallow each other’s events', async () => {
		const event = contactEvent();
		expect(items(await deliver(existingSetup(), signed(event)))).toHaveLength(1);
		expect(items(await deliver({ ...existingSetup(), isTest: true }, signed(event)))).toHaveLength(1);
		expect((await deliver({ ...existingSetup(), isTest: true }, signed(event))).answer).toEqual({
			received: true,
			duplicate: true,
		});
	});

	test('a rotated secret added to the credential works at once despite the secret cache', async () => {
		const setup = existingSetup();
		setup.credentials!.kirimWebhookSigningApi = {
			currentSecret: 'whsec_cache_rotation_old_0001',
			nextSecret: '',
			previousSecret: '',
		};
		expect((await deliver(setup, signed(contactEvent(), { secrets: ['whsec_cache_rotation_old_0001'] }))).status).toBe(
			200,
		);
		setup.credentials!.kirimWebhookSigningApi = {
			currentSecret: 'whsec_cache_rotation_new_0002',
			nextSecret: '',
			previousSecret: '',
		};
		expect((await deliver(setup, signed(contactEvent(), { secrets: ['whsec_cache_rotation_new_0002'] }))).status).toBe(
			200,
		);
	});

	const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	/** n8n's run setup clears the static data's change flag after webhook(); removing the snapshot makes that visible. */
	async function expectRewrittenUntilAnswered(
		staticData: IDataObject,
		answer: () => void,
		holds = 'evt_',
	): Promise<void> {
		delete staticData.dedupe;
		await pause(30);
		expect(JSON.stringify(staticData.dedupe)).toContain(holds);
		answer();
		await pause(15);
		delete staticData.dedupe;
		await pause(30);
		expect(staticData.dedupe).toBeUndefined();
	}

	test('answered at once: n8n reading the answer, after it created the run and before it saves, writes the snapshot again (n8n clears the change flag)', async () => {
		const setup = { ...existingSetup(), holdAnswer: true };
		const delivered = await deliver(setup, signed(contactEvent()));
		expect(delivered.answer).toEqual({ received: true, items: 1 });
		delete setup.staticData.dedupe;
		await pause(30);
		// No timer rewrites it meanwhile: the rewrite is tied to n8n's read of the answer.
		expect(setup.staticData.dedupe).toBeUndefined();
		expect(delivered.result.webhookResponse).toEqual({ received: true, items: 1 });
		expect(JSON.stringify(setup.staticData.dedupe)).toContain('evt_');
	});

	test('with "respond when finished", the snapshot is written again until n8n answers (without the id still running)', async () => {
		const setup = { ...existingSetup({ options: { respondWhenFinished: true } }), webhookName: 'setup' };
		const earlier = contactEvent();
		(await deliver(setup, signed(earlier))).response.finish(200);
		const running = contactEvent();
		const first = await deliver(setup, signed(running));
		expect(JSON.stringify(setup.staticData.dedupe)).not.toContain(String(running.id));
		await expectRewrittenUntilAnswered(setup.staticData, () => first.response.finish(200), String(earlier.id));
	});

	test('with "respond when finished", a failed run is forgotten so Kirim’s retry runs again', async () => {
		const setup = { ...existingSetup({ options: { respondWhenFinished: true } }), webhookName: 'setup' };
		const event = contactEvent();
		const first = await deliver(setup, signed(event));
		expect(first.result.webhookResponse).toBeUndefined();
		first.response.finish(500);
		const retry = await deliver(setup, signed(event));
		expect(items(retry)).toHaveLength(1);
		retry.response.finish(200);
		expect((await deliver(setup, signed(event))).answer).toEqual({ received: true, duplicate: true });
	});
});

describe('Kirim Trigger: events and items', () => {
	test('an event that is not selected is acknowledged and starts nothing', async () => {
		const result = await deliver(
			existingSetup({ events: ['contact.created'] }),
			signed(contactEvent('conversation.closed')),
		);
		expect(result.status).toBe(200);
		expect(result.answer).toMatchObject({ received: true, ignored: 'event conversation.closed is not selected' });
		expect(result.result.workflowData).toBeUndefined();
	});

	test.each([
		['an array', '[1,2]'],
		['an object without a type', '{"hello":"world"}'],
		['a Kirim event without an id', '{"type":"contact.created","data":{}}'],
	])(
		'signed JSON that is not an event (%s) gets 503 with the reason: Kirim keeps it for a retry or a replay',
		async (_name, raw) => {
			const delivery = signed(raw);
			delivery.headers['x-kirim-event'] = '';
			delivery.headers['x-kirim-event-id'] = '';
			const result = await deliver(existingSetup(), delivery);
			expect(result.status).toBe(503);
			expect(result.answer).toMatchObject({ error: 'unreadable_event' });
		},
	);

	test('a WhatsApp payload becomes one flat item per message, keyed by wamid', async () => {
		const body = metaBody([textMessage('wamid.A'), textMessage('wamid.B', 'second')]);
		const result = await deliver(
			existingSetup(),
			signed(body, { eventType: 'message.received', source: 'meta', headers: { 'x-kirim-event-id': 'wamid.A' } }),
		);
		expect(items(result).map((i) => i.json.wamid)).toEqual(['wamid.A', 'wamid.B']);
		expect(items(result)[0].json).toMatchObject({
			event: 'message.received',
			phone_number_id: '106540352242922',
			from: '16505551234',
			contact_name: 'Sheena Nelson',
			type: 'text',
			text: 'Does it come in another color?',
			timestamp: '2025-06-08T20:59:43.000Z',
		});
	});

	test('statuses are keyed by (id, status): sent and delivered both run, a repeat does not', async () => {
		const setup = existingSetup();
		const send = (value: string) =>
			deliver(
				setup,
				signed(metaBody([], [status('wamid.S', value)]), {
					eventType: 'message.status',
					source: 'meta',
					headers: { 'x-kirim-event-id': 'st_1' },
				}),
			);
		expect(items(await send('sent'))).toHaveLength(1);
		expect(items(await send('delivered'))).toHaveLength(1);
		expect((await send('sent')).answer).toEqual({ received: true, duplicate: true });
	});

	test('message.status_updated is accepted as message.status', async () => {
		const body = metaBody([], [status('wamid.T', 'read')]);
		const result = await deliver(
			existingSetup({ events: ['message.status'] }),
			signed(body, { eventType: 'message.status_updated', source: 'meta' }),
		);
		expect(items(result)[0].json).toMatchObject({ event: 'message.status', status: 'read', wamid: 'wamid.T' });
	});

	test('with splitting off, the raw WhatsApp body is one item', async () => {
		const body = metaBody([textMessage('wamid.C'), textMessage('wamid.D')]);
		const result = await deliver(
			existingSetup({ options: { splitMetaPayloads: false } }),
			signed(body, { eventType: 'message.received', source: 'meta' }),
		);
		expect(items(result)).toHaveLength(1);
		expect(items(result)[0].json.body).toEqual(body);
	});

	test('the documented third shape {id: wbd_…, event, data.message} is accepted', async () => {
		const body = {
			id: 'wbd_01',
			event: 'message.received',
			delivered_at: '2026-05-23T10:00:00Z',
			data: { message: { id: 'msg_01', content: 'hi', type: 'text' } },
		};
		const result = await deliver(existingSetup(), signed(body, { eventType: '', headers: { 'x-kirim-event-id': '' } }));
		expect(items(result)[0].json).toMatchObject({ event: 'message.received', wamid: 'msg_01', text: 'hi' });
	});

	test('the WhatsApp number filter keeps only messages of the chosen numbers', async () => {
		const setup = existingSetup({ phoneNumberIds: ['111111111'] });
		const other = await deliver(
			setup,
			signed(metaBody([textMessage('wamid.X')], [], '222222222'), { eventType: 'message.received' }),
		);
		expect(other.answer).toMatchObject({ ignored: expect.stringContaining('filtered') });
		const mine = await deliver(
			setup,
			signed(metaBody([textMessage('wamid.Y')], [], '111111111'), { eventType: 'message.received' }),
		);
		expect(items(mine)).toHaveLength(1);
	});

	test('a contact.updated that only echoes this sync’s own write is skipped; a person’s edit is not', async () => {
		const contact: IDataObject = {
			id: 'ctc_1',
			name: 'From CRM',
			email: 'crm@example.com',
			metadata: { crm_id: '42' },
		};
		contact.metadata = stampedMetadata(contact, '2026-11-22T12:00:00Z');
		const setup = existingSetup();
		const echo = await deliver(
			setup,
			signed(contactEvent('contact.updated', eventId(), { contact, changed_fields: ['name', 'email'] })),
		);
		expect(echo.result.workflowData).toBeUndefined();
		const labels = await deliver(
			setup,
			signed(contactEvent('contact.updated', eventId(), { contact, changed_fields: ['labels'] })),
		);
		expect(items(labels)).toHaveLength(1);
		const edited = { ...contact, name: 'Changed by a person' };
		const person = await deliver(
			setup,
			signed(contactEvent('contact.updated', eventId(), { contact: edited, changed_fields: ['name'] })),
		);
		expect(items(person)).toHaveLength(1);
	});

	test('the same delivery signed with several secrets (rotation) verifies', async () => {
		const event = contactEvent();
		const delivery = signed(event);
		delivery.headers['x-kirim-signature'] = signKirim(
			[NEXT_SECRET, SECRET],
			Math.floor(Date.now() / 1000),
			delivery.rawBody,
		);
		expect((await deliver(existingSetup(), delivery)).status).toBe(200);
	});
});
