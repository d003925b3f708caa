import type { IDataObject } from 'n8n-workflow';

import { Kirim } from '../../../nodes/Kirim/Kirim.node';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { runKirimNode } from '../../harness/run-kirim-node';

// Message → Get Many and Message → Get, run by n8n-core in this process against the Kirim simulator.

let sim: KirimSimulator;
beforeEach(async () => {
	sim = await startKirimSimulator({ tier: 'pro' });
});
afterEach(async () => sim.close());

const kirim = (parameters: IDataObject, input?: IDataObject[], continueOnFail?: boolean) =>
	runKirimNode(sim, new Kirim(), parameters, input, continueOnFail);
const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const phone = () => sim.phoneNumberIds[0];
const UNKNOWN_MESSAGE = 'msg_01HXYZABCDEFGHJKMNPQRSTVWX';

/** A customer who has written `count` messages (m001, m002, …); answers the conversation id. */
async function conversationWith(phoneNumber: string, count: number, prefix = 'm'): Promise<string> {
	const made = await fetch(`${sim.url}/_sim/contacts`, {
		method: 'POST',
		body: JSON.stringify({ phone_number: phoneNumber }),
	});
	const { conversation_id } = (await made.json()) as { conversation_id: string };
	for (let n = 1; n <= count; n++) {
		await fetch(`${sim.url}/_sim/messages/inbound`, {
			method: 'POST',
			body: JSON.stringify({ from: phoneNumber, text: `${prefix}${String(n).padStart(3, '0')}` }),
		});
	}
	return conversation_id;
}

const listRequests = () =>
	sim.pipeline.log.entries.filter((e) => e.method === 'GET' && e.path === `/v1/${phone()}/messages`);

describe('Kirim node: Message → Get Many', () => {
	test('Return All walks every page of the conversation (130 messages, 100 a page), in Kirim’s order', async () => {
		const conversation = await conversationWith('+628111300001', 130);
		await conversationWith('+628111300002', 3, 'other');
		const all = await kirim({
			resource: 'message',
			operation: 'getAll',
			conversationId: locator(conversation),
			returnAll: true,
		});
		expect(all.error).toBeUndefined();
		expect(all.items).toHaveLength(130);
		expect(all.items.map((i) => i.json.content)).toEqual(
			Array.from({ length: 130 }, (_, n) => `m${String(n + 1).padStart(3, '0')}`),
		);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(130);
		expect(all.items.every((i) => i.json.object === 'message' && i.json.type === 'text')).toBe(true);
		expect(all.items.every((i) => JSON.stringify(i.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		expect(listRequests().map((e) => [e.query.conversation_id, e.query.limit, e.query.cursor === undefined])).toEqual([
			[conversation, '100', true],
			[conversation, '100', false],
		]);
	});

	test('Limit stops early with one request for just that many', async () => {
		const conversation = await conversationWith('+628111300003', 40);
		const some = await kirim({
			resource: 'message',
			operation: 'getAll',
			conversationId: locator(conversation),
			returnAll: false,
			limit: 7,
		});
		expect(some.items.map((i) => i.json.content)).toEqual(['m001', 'm002', 'm003', 'm004', 'm005', 'm006', 'm007']);
		expect(listRequests().map((e) => e.query.limit)).toEqual(['7']);
	});

	test('each input item reads its own conversation; its messages are paired to it', async () => {
		const a = await conversationWith('+628111300004', 2, 'a');
		const b = await conversationWith('+628111300005', 3, 'b');
		const result = await kirim(
			{ resource: 'message', operation: 'getAll', conversationId: locator('={{ $json.c }}'), returnAll: true },
			[{ c: b }, { c: a }],
		);
		expect(result.items.map((i) => [i.json.content, i.pairedItem])).toEqual([
			['b001', { item: 0 }],
			['b002', { item: 0 }],
			['b003', { item: 0 }],
			['a001', { item: 1 }],
			['a002', { item: 1 }],
		]);
	});

	test.each([
		['cnv_short', '"cnv_short" is not a Kirim conversation ID (cnv_ followed by 26 characters)'],
		['ctc_01HXYZABCDEFGHJKMNPQRSTVWX', 'is not a Kirim conversation ID'],
		['', 'No conversation ID'],
	])(
		'conversation ID %j from an expression is refused with a clear error before any request',
		async (value, message) => {
			const result = await kirim(
				{ resource: 'message', operation: 'getAll', conversationId: locator('={{ $json.c }}'), returnAll: true },
				[{ c: value }],
			);
			expect(result.error?.message).toContain(message);
			expect(listRequests()).toHaveLength(0);
		},
	);

	test('a malformed conversation ID typed in the field is flagged by n8n itself (the field’s pattern)', async () => {
		await expect(
			kirim({ resource: 'message', operation: 'getAll', conversationId: locator('cnv_short'), returnAll: true }),
		).rejects.toThrow('A conversation ID is cnv_ followed by 26 characters');
		expect(listRequests()).toHaveLength(0);
	});

	test('continueOnFail: a bad conversation ID is an error item paired to its input; the others still run', async () => {
		const conversation = await conversationWith('+628111300006', 2);
		const result = await kirim(
			{ resource: 'message', operation: 'getAll', conversationId: locator('={{ $json.c }}'), returnAll: true },
			[{ c: conversation }, { c: 'cnv_bad' }, { c: conversation }],
			true,
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.content ?? i.json.error, i.pairedItem])).toEqual([
			['m001', { item: 0 }],
			['m002', { item: 0 }],
			['"cnv_bad" is not a Kirim conversation ID (cnv_ followed by 26 characters)', { item: 1 }],
			['m001', { item: 2 }],
			['m002', { item: 2 }],
		]);
	});
});

describe('Kirim node: Message → Get', () => {
	test('gets one message by its id, as Get Many lists it', async () => {
		const conversation = await conversationWith('+628111300007', 3);
		const listed = await kirim({
			resource: 'message',
			operation: 'getAll',
			conversationId: locator(conversation),
			returnAll: true,
		});
		const second = listed.items[1].json;
		const got = await kirim({ resource: 'message', operation: 'get', messageId: second.id as string });
		expect(got.error).toBeUndefined();
		expect(got.items.map((i) => i.json)).toEqual([second]);
		expect(got.items[0].json).toMatchObject({ object: 'message', type: 'text', content: 'm002' });
		expect(sim.pipeline.log.count('GET', `/v1/${phone()}/messages/${second.id as string}`)).toBe(1);
	});

	test.each([
		['msg_123', '"msg_123" is not a Kirim message ID (msg_ followed by 26 characters)'],
		['cnv_01HXYZABCDEFGHJKMNPQRSTVWX', 'is not a Kirim message ID'],
		['  ', 'No message ID'],
	])('message ID %j is refused with a clear error before any request', async (value, message) => {
		const result = await kirim({ resource: 'message', operation: 'get', messageId: value });
		expect(result.error?.message).toContain(message);
		expect(sim.pipeline.log.count('GET', /\/messages\//)).toBe(0);
	});

	test('an unknown message is Kirim’s 404 with its code and request id', async () => {
		const result = await kirim({ resource: 'message', operation: 'get', messageId: UNKNOWN_MESSAGE });
		expect(result.error?.message).toBe('Kirim: No such message. [resource_not_found]');
		expect(result.error?.description).toMatch(/Kirim request id: req_/);
	});

	test('continueOnFail: a malformed and an unknown id each give an error item paired to their input', async () => {
		const conversation = await conversationWith('+628111300008', 1);
		const [message] = (
			await kirim({ resource: 'message', operation: 'getAll', conversationId: locator(conversation), returnAll: true })
		).items;
		const result = await kirim(
			{ resource: 'message', operation: 'get', messageId: '={{ $json.id }}' },
			[{ id: message.json.id }, { id: 'msg_nope' }, { id: UNKNOWN_MESSAGE }, { id: message.json.id }],
			true,
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.content ?? i.json.error, i.pairedItem])).toEqual([
			['m001', { item: 0 }],
			['"msg_nope" is not a Kirim message ID (msg_ followed by 26 characters)', { item: 1 }],
			['Kirim: No such message. [resource_not_found]', { item: 2 }],
			['m001', { item: 3 }],
		]);
	});
});
