import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { dedupeStore } from '../../../nodes/shared/dedupe/store';
import { answerLeftovers, deliver } from '../../harness/trigger-context';
import { contactEvent, existingSetup, signed } from './fixtures';

// What the signed body says about an event decides how it runs; unsigned headers only fill gaps, and every refusal
// that is our side's fault answers a status Kirim retries (https://developers.kirim.chat/webhooks/retry/).

beforeEach(() => dedupeStore.clear());
afterEach(answerLeftovers);
afterEach(() => jest.restoreAllMocks());

const items = (result: Awaited<ReturnType<typeof deliver>>): INodeExecutionData[] =>
	(result.result.workflowData?.[0] ?? []) as INodeExecutionData[];

function logged(level: 'warn' | 'error'): jest.SpyInstance {
	return jest.spyOn(Container.get(Logger), level).mockImplementation(() => undefined);
}

describe('Kirim Trigger: the signed body decides, headers do not', () => {
	test('a captured delivery re-sent with a new X-Kirim-Event-Id is still a duplicate, and the mismatch is logged', async () => {
		const setup = existingSetup();
		const event = contactEvent();
		expect(items(await deliver(setup, signed(event)))).toHaveLength(1);
		const warn = logged('warn');
		const resent = await deliver(
			setup,
			signed(event, { headers: { 'x-kirim-event-id': 'evt_01HXYZFORGEDFORGEDFORGED00' } }),
		);
		expect(resent.answer).toEqual({ received: true, duplicate: true });
		expect(resent.result.workflowData).toBeUndefined();
		expect(warn.mock.calls.flat().join('\n')).toContain(
			'X-Kirim-Event-Id evt_01HXYZFORGEDFORGEDFORGED00 is not an id of the signed body',
		);
	});

	test('a first delivery with a contradicting id header runs under the body’s id, shown as the event id', async () => {
		logged('warn');
		const event = contactEvent();
		const result = await deliver(existingSetup(), signed(event, { headers: { 'x-kirim-event-id': 'evt_other' } }));
		expect((items(result)[0].json.delivery as IDataObject).eventId).toBe(event.id);
	});

	test('a contradicting X-Kirim-Event does not change the event type, nor pass the event filter', async () => {
		const warn = logged('warn');
		const setup = existingSetup({ events: ['contact.created'] });
		const updated = contactEvent('contact.updated');
		const relabelled = await deliver(setup, signed(updated, { eventType: 'contact.created' }));
		expect(relabelled.result.workflowData).toBeUndefined();
		expect(relabelled.answer).toMatchObject({ ignored: 'event contact.updated is not selected' });
		const created = contactEvent('contact.created');
		const ran = await deliver(existingSetup(), signed(created, { eventType: 'conversation.closed' }));
		expect(items(ran)[0].json).toMatchObject({ event: 'contact.created', delivery: { eventType: 'contact.created' } });
		expect(warn.mock.calls.flat().join('\n')).toContain(
			'X-Kirim-Event conversation.closed contradicts the signed body',
		);
	});

	test('a body without an id falls back on the header id, and without a type on the header type', async () => {
		const setup = existingSetup();
		const body = { created_at: '2026-05-23T10:00:00Z', data: { contact: { id: 'ctc_1' } } };
		const first = await deliver(
			setup,
			signed(body, { eventType: 'contact.created', headers: { 'x-kirim-event-id': 'evt_from_header' } }),
		);
		expect(items(first)[0].json).toMatchObject({ event: 'contact.created', delivery: { eventId: 'evt_from_header' } });
		const again = await deliver(
			setup,
			signed(body, { eventType: 'contact.created', headers: { 'x-kirim-event-id': 'evt_from_header' } }),
		);
		expect(again.answer).toEqual({ received: true, duplicate: true });
	});

	test('a WhatsApp body’s type comes from what it holds, not from the header', async () => {
		logged('warn');
		const body = {
			object: 'whatsapp_business_account',
			entry: [
				{
					id: 'waba',
					changes: [
						{
							field: 'messages',
							value: {
								metadata: { phone_number_id: '1' },
								statuses: [{ id: 'wamid.S', status: 'read', timestamp: '1716480000', recipient_id: '62811' }],
							},
						},
					],
				},
			],
		};
		const setup = existingSetup({ events: ['message.received'] });
		const result = await deliver(
			setup,
			signed(body, { eventType: 'message.received', source: 'meta', headers: { 'x-kirim-event-id': 'wamid.S' } }),
		);
		expect(result.answer).toMatchObject({ ignored: 'event message.status is not selected' });
	});
});

describe('Kirim Trigger: message.status in the delivery-envelope shape', () => {
	const statusEnvelope = (status: string, deliveryId: string) => ({
		id: deliveryId,
		event: 'message.status',
		delivered_at: '2026-05-23T10:00:00Z',
		data: { message: { id: 'msg_01HXYZSTATUS', type: 'text', content: 'hello', status } },
	});

	test('"read" after "delivered" runs too; a repeat of "read" does not', async () => {
		const setup = existingSetup();
		const noIdHeader = { eventType: 'message.status', headers: { 'x-kirim-event-id': '' } };
		const delivered = await deliver(setup, signed(statusEnvelope('delivered', 'wbd_1'), noIdHeader));
		expect(items(delivered)[0].json).toMatchObject({
			event: 'message.status',
			wamid: 'msg_01HXYZSTATUS',
			status: 'delivered',
		});
		const read = await deliver(setup, signed(statusEnvelope('read', 'wbd_2'), noIdHeader));
		expect(items(read)[0].json).toMatchObject({ status: 'read' });
		const readAgain = await deliver(setup, signed(statusEnvelope('read', 'wbd_3'), noIdHeader));
		expect(readAgain.answer).toEqual({ received: true, duplicate: true });
	});

	test('message.received in that shape stays keyed by the message id alone (a new delivery id is a redelivery)', async () => {
		const setup = existingSetup();
		const received = (deliveryId: string) => ({
			id: deliveryId,
			event: 'message.received',
			delivered_at: '2026-05-23T10:00:00Z',
			data: { message: { id: 'msg_01HXYZIN', content: 'hi', type: 'text' } },
		});
		expect(
			items(await deliver(setup, signed(received('wbd_a'), { eventType: '', headers: { 'x-kirim-event-id': '' } }))),
		).toHaveLength(1);
		expect(
			(await deliver(setup, signed(received('wbd_b'), { eventType: '', headers: { 'x-kirim-event-id': '' } }))).answer,
		).toEqual({ received: true, duplicate: true });
	});
});

describe('Kirim Trigger: our faults are answered with a status Kirim retries', () => {
	test('a signed delivery this version cannot read is answered 503 and logged, never 400', async () => {
		const error = logged('error');
		const result = await deliver(existingSetup(), signed({ id: 'evt_1', data: {} }, { eventType: '' }));
		expect(result.status).toBe(503);
		expect(result.answer).toMatchObject({ error: 'unreadable_event' });
		expect(result.response.headers['retry-after']).toBe('30');
		expect(error).toHaveBeenCalled();
	});

	test('with the signature check off, an unreadable body is the sender’s fault: 400', async () => {
		const result = await deliver(
			existingSetup({ signatureCheck: 'off' }),
			signed({ id: 'evt_1', data: {} }, { eventType: '' }),
		);
		expect(result.status).toBe(400);
	});

	test('a tolerance that is not a number fails closed: nothing runs, not even a fresh delivery', async () => {
		const error = logged('error');
		for (const toleranceSeconds of ['soon', -5, 1.5, null]) {
			const result = await deliver(existingSetup({ toleranceSeconds }), signed(contactEvent(), { t: 1 }));
			expect(result.status).toBe(503);
			expect(result.answer).toMatchObject({ error: 'trigger_misconfigured' });
			expect(result.result.workflowData).toBeUndefined();
		}
		expect(error).toHaveBeenCalledTimes(4);
	});

	test('a tolerance given as a numeric string is used', async () => {
		expect((await deliver(existingSetup({ toleranceSeconds: '300' }), signed(contactEvent()))).status).toBe(200);
		expect((await deliver(existingSetup({ toleranceSeconds: '300' }), signed(contactEvent(), { t: 1 }))).status).toBe(
			401,
		);
	});

	test('no raw body from n8n is refused with a clear 500, not verified as an empty body', async () => {
		const error = logged('error');
		const event = contactEvent();
		const delivery = signed(event);
		const result = await deliver(existingSetup(), {
			headers: delivery.headers,
			rawBody: undefined as unknown as Buffer,
			body: event,
		});
		expect(result.status).toBe(500);
		expect(result.answer).toEqual({ error: 'raw_body_unavailable' });
		expect(error.mock.calls.flat().join('')).toContain('no raw request body');
	});

	test('a body n8n does not read (typeVersion 2, not JSON) is refused with 415, naming the type, without an error log', async () => {
		const error = logged('error');
		const delivery = signed(contactEvent());
		for (const contentType of ['text/html', 'multipart/form-data; boundary=x', 'application/octet-stream']) {
			const result = await deliver(existingSetup(), {
				headers: { ...delivery.headers, 'content-type': contentType },
				rawBody: undefined as unknown as Buffer,
				body: {},
			});
			expect(result.status).toBe(415);
			expect(result.answer).toEqual({
				error: 'unsupported_content_type',
				reason: `Kirim deliveries are application/json, not ${contentType}`,
			});
		}
		const bare = { ...delivery.headers } as Record<string, string>;
		delete bare['content-type'];
		const result = await deliver(existingSetup(), { headers: bare, rawBody: undefined as unknown as Buffer, body: {} });
		expect(result.status).toBe(415);
		expect(error).not.toHaveBeenCalled();
	});
});

describe('Kirim Trigger: header values in log lines', () => {
	test('an attacker-sized delivery id is cut, and control characters cannot start a new line', async () => {
		const warn = logged('warn');
		const delivery = signed(contactEvent(), {
			secrets: ['whsec_wrong_wrong_wrong_0001'],
			headers: { 'x-kirim-delivery-id': `wbd_\nFORGED ${'x'.repeat(10_000)}` },
		});
		expect((await deliver(existingSetup(), delivery)).status).toBe(401);
		const line = warn.mock.calls.flat().join('');
		expect(line).not.toContain('\n');
		expect(line.length).toBeLessThan(400);
		expect(line).toContain('(10012 characters)');
	});
});
