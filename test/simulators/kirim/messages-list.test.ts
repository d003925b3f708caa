import { ManualClock } from '../../../simulators/common/clock';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { api } from './client';

// GET …/messages (a conversation's messages, Kirim's cursor paging: https://developers.kirim.chat/concepts/pagination/)
// and GET …/messages/{id} (https://developers.kirim.chat/sending/receive-messages/), over HTTP.

const PHONE = '106540352242922';
const OTHER_PHONE = '106540352242923';
let sim: KirimSimulator;
let call: ReturnType<typeof api>;

beforeEach(async () => {
	sim = await startKirimSimulator({ tier: 'pro', phoneNumberIds: [PHONE, OTHER_PHONE] });
	call = api(sim);
});
afterEach(async () => sim.close());

type Message = Record<string, unknown> & { id: string };

/** A customer (new contact and conversation, as /_sim/contacts makes them); answers the conversation id. */
async function customer(phoneNumber: string, phoneNumberId = PHONE): Promise<string> {
	const made = await call('POST', '/_sim/contacts', { phone_number: phoneNumber, phone_number_id: phoneNumberId });
	expect(made.status).toBe(201);
	return made.body.conversation_id as string;
}

async function inbound(from: string, text: string, phoneNumberId = PHONE): Promise<void> {
	const r = await call('POST', '/_sim/messages/inbound', { from, text, phone_number_id: phoneNumberId });
	expect(r.status).toBe(201);
}

async function sendText(to: string, text: string, phoneNumberId = PHONE): Promise<Message> {
	const r = await call('POST', `/v1/${phoneNumberId}/messages`, {
		messaging_product: 'whatsapp',
		to,
		type: 'text',
		text: { body: text },
	});
	expect(r.status).toBe(201);
	return r.body.data as Message;
}

async function listAll(path: string): Promise<Message[][]> {
	const pages: Message[][] = [];
	let cursor: string | null = null;
	do {
		const sep = path.includes('?') ? '&' : '?';
		const r = await call('GET', `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
		expect(r.status).toBe(200);
		pages.push(r.body.data as Message[]);
		expect(r.body.has_more).toBe(r.body.next_cursor !== null);
		cursor = r.body.next_cursor as string | null;
	} while (cursor !== null && pages.length < 10);
	return pages;
}

const UNDOCUMENTED = ['direction', 'wamid', 'conversation_id', 'contact_id', 'to', 'body'];

describe('Kirim simulator: a conversation’s messages', () => {
	test('60 messages, received and sent, at limit 25 → 3 pages, oldest first, none twice, none of another conversation', async () => {
		const conversation = await customer('+628111200001');
		const other = await customer('+628111200002');
		const texts: string[] = [];
		for (let n = 1; n <= 60; n++) {
			const text = `m${String(n).padStart(2, '0')}`;
			texts.push(text);
			if (n % 2 === 1) await inbound('+628111200001', text);
			else await sendText('+628111200001', text);
			if (n % 20 === 0) await inbound('+628111200002', `other ${n}`);
		}
		const pages = await listAll(`/v1/${PHONE}/messages?conversation_id=${conversation}&limit=25`);
		expect(pages.map((p) => p.length)).toEqual([25, 25, 10]);
		const all = pages.flat();
		expect(all.map((m) => m.content)).toEqual(texts);
		expect(new Set(all.map((m) => m.id)).size).toBe(60);
		const ids = all.map((m) => m.id);
		expect(ids).toEqual([...ids].sort());
		expect(all.every((m, i) => i === 0 || String(m.created_at) >= String(all[i - 1].created_at))).toBe(true);
		expect(all.filter((m) => m.status === 'queued')).toHaveLength(30);
		expect(all.filter((m) => m.status === undefined)).toHaveLength(30);

		const theOther = (await listAll(`/v1/${PHONE}/messages?conversation_id=${other}`)).flat();
		expect(theOther.map((m) => m.content)).toEqual(['other 20', 'other 40', 'other 60']);
	});

	test('direction=inbound|outbound lists only what the customer sent or what was sent to them; the cursor keeps it; other values refused', async () => {
		const conversation = await customer('+628111200009');
		for (let n = 1; n <= 30; n++) {
			if (n % 3 === 0) await sendText('+628111200009', `out ${n}`);
			else await inbound('+628111200009', `in ${n}`);
		}
		const received = (
			await listAll(`/v1/${PHONE}/messages?conversation_id=${conversation}&direction=inbound&limit=15`)
		).flat();
		expect(received).toHaveLength(20);
		expect(received.every((m) => String(m.content).startsWith('in '))).toBe(true);
		const sent = (
			await listAll(`/v1/${PHONE}/messages?conversation_id=${conversation}&direction=outbound&limit=4`)
		).flat();
		expect(sent.map((m) => m.content)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30].map((n) => `out ${n}`));
		expect(Object.keys(sent[0])).not.toContain('direction');
		const bad = await call('GET', `/v1/${PHONE}/messages?conversation_id=${conversation}&direction=in`);
		expect([bad.status, bad.body.error?.code, bad.body.error?.param]).toEqual([
			400,
			'invalid_field_value',
			'direction',
		]);
	});

	test('default page size 25; limit outside 1–100 is 400 invalid_limit; a malformed conversation_id is refused', async () => {
		const conversation = await customer('+628111200003');
		for (let n = 0; n < 30; n++) await inbound('+628111200003', `t${n}`);
		const first = await call('GET', `/v1/${PHONE}/messages?conversation_id=${conversation}`);
		expect(first.body.data).toHaveLength(25);
		expect(first.body.has_more).toBe(true);
		for (const limit of ['0', '101', 'ten']) {
			const r = await call('GET', `/v1/${PHONE}/messages?conversation_id=${conversation}&limit=${limit}`);
			expect([r.status, r.body.error?.code, r.body.error?.param]).toEqual([400, 'invalid_limit', 'limit']);
		}
		const bad = await call('GET', `/v1/${PHONE}/messages?conversation_id=cnv_nope`);
		expect([bad.status, bad.body.error?.code, bad.body.error?.param]).toEqual([
			400,
			'invalid_field_value',
			'conversation_id',
		]);
	});

	test('a cursor is bound to its conversation_id: another conversation, or none, is 400 invalid_cursor', async () => {
		const a = await customer('+628111200004');
		const b = await customer('+628111200005');
		for (let n = 0; n < 5; n++) {
			await inbound('+628111200004', `a${n}`);
			await inbound('+628111200005', `b${n}`);
		}
		const first = await call('GET', `/v1/${PHONE}/messages?conversation_id=${a}&limit=2`);
		const cursor = encodeURIComponent(first.body.next_cursor as string);
		const same = await call('GET', `/v1/${PHONE}/messages?conversation_id=${a}&limit=2&cursor=${cursor}`);
		expect((same.body.data as Message[]).map((m) => m.content)).toEqual(['a2', 'a3']);
		for (const query of [`conversation_id=${b}&`, '']) {
			const r = await call('GET', `/v1/${PHONE}/messages?${query}limit=2&cursor=${cursor}`);
			expect([r.status, r.body.error?.type, r.body.error?.code]).toEqual([
				400,
				'invalid_request_error',
				'invalid_cursor',
			]);
		}
		const edited = await call(
			'GET',
			`/v1/${PHONE}/messages?conversation_id=${a}&cursor=${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'BB' : 'AA'}`,
		);
		expect(edited.body.error?.code).toBe('invalid_cursor');
	});

	test('without conversation_id: every message of the number (phone-scoped) or of the organisation (org-level)', async () => {
		await customer('+628111200006');
		await customer('+628111200007', OTHER_PHONE);
		await inbound('+628111200006', 'here');
		await inbound('+628111200007', 'there', OTHER_PHONE);
		// A template to a number with no contact is in no conversation, but still a message of the number.
		const template = await call('POST', `/v1/${PHONE}/messages`, {
			to: '+628111299999',
			type: 'template',
			template: { name: 'welcome', language: 'id' },
		});
		expect(template.status).toBe(201);
		const scoped = (await listAll(`/v1/${PHONE}/messages`)).flat();
		expect(scoped.map((m) => m.content ?? m.type)).toEqual(['here', 'template']);
		const org = (await listAll('/v1/messages')).flat();
		expect(org.map((m) => m.content ?? m.type)).toEqual(['here', 'there', 'template']);
	});

	test('a first message from an unknown number makes its contact and conversation; the message is listed there', async () => {
		await inbound('+628111200008', 'first words');
		const conversations = await call('GET', `/v1/${PHONE}/conversations`);
		const mine = (conversations.body.data as Array<{ id: string; contact: { phone_number: string } }>).filter(
			(c) => c.contact.phone_number === '+628111200008',
		);
		expect(mine).toHaveLength(1);
		const listed = (await listAll(`/v1/${PHONE}/messages?conversation_id=${mine[0].id}`)).flat();
		expect(listed.map((m) => m.content)).toEqual(['first words']);
		// The customer wrote, so a free-text reply is inside the 24-hour window.
		await sendText('+628111200008', 'reply');
		expect((await listAll(`/v1/${PHONE}/messages?conversation_id=${mine[0].id}`)).flat().map((m) => m.content)).toEqual(
			['first words', 'reply'],
		);
	});
});

describe('Kirim simulator: message order', () => {
	test('messages made in one millisecond, or after the clock went back, still list in the order they were made', async () => {
		await sim.close();
		const clock = new ManualClock();
		sim = await startKirimSimulator({ tier: 'pro', clock });
		call = api(sim);
		const conversation = await customer('+628111200020');
		const texts = Array.from({ length: 20 }, (_, n) => `same ms ${n}`);
		for (const text of texts) await inbound('+628111200020', text);
		clock.advance(-60_000);
		await inbound('+628111200020', 'clock went back');
		const listed = (await listAll(`/v1/${PHONE}/messages?conversation_id=${conversation}&limit=7`)).flat();
		expect(listed.map((m) => m.content)).toEqual([...texts, 'clock went back']);
	});
});

describe('Kirim simulator: one message', () => {
	test('GET …/messages/{id} answers the listed object; the send’s own answer keeps its wamid and to, the read does not', async () => {
		const conversation = await customer('+628111200010');
		await inbound('+628111200010', 'halo');
		const sent = await sendText('+628111200010', 'hai');
		expect(sent).toHaveProperty('wamid');
		const listed = (await listAll(`/v1/${PHONE}/messages?conversation_id=${conversation}`)).flat();
		for (const message of listed) {
			for (const path of [`/v1/${PHONE}/messages/${message.id}`, `/v1/messages/${message.id}`]) {
				const got = await call('GET', path);
				expect(got.status).toBe(200);
				expect(got.body.data).toEqual(message);
				expect(got.body.request_id).toMatch(/^req_/);
			}
		}
		expect(listed.map((m) => Object.keys(m).sort())).toEqual([
			['content', 'created_at', 'id', 'object', 'type'],
			['content', 'created_at', 'id', 'object', 'status', 'type'],
		]);
		expect(listed[1]).toEqual({
			id: sent.id,
			object: 'message',
			type: 'text',
			status: 'queued',
			created_at: sent.created_at,
			content: 'hai',
		});
	});

	test('no listed or got message carries direction, wamid, conversation_id, contact_id (undocumented)', async () => {
		await customer('+628111200011');
		await inbound('+628111200011', 'in');
		await sendText('+628111200011', 'out');
		await call('POST', `/v1/${PHONE}/messages`, {
			to: '+628111200011',
			type: 'template',
			template: { name: 'welcome', language: 'id' },
		});
		const listed = (await listAll(`/v1/${PHONE}/messages`)).flat();
		expect(listed).toHaveLength(3);
		const got = await Promise.all(listed.map(async (m) => (await call('GET', `/v1/messages/${m.id}`)).body.data));
		for (const message of [...listed, ...got] as Message[])
			for (const key of UNDOCUMENTED) expect(Object.keys(message)).not.toContain(key);
	});

	test('an unknown id, or a message of another number on a phone-scoped path, is 404 in Kirim’s error shape', async () => {
		await customer('+628111200012', OTHER_PHONE);
		await inbound('+628111200012', 'elsewhere', OTHER_PHONE);
		const [elsewhere] = (await listAll(`/v1/${OTHER_PHONE}/messages`)).flat();
		for (const path of [
			`/v1/${PHONE}/messages/msg_01HXYZABCDEFGHJKMNPQRSTVWX`,
			`/v1/messages/msg_01HXYZABCDEFGHJKMNPQRSTVWX`,
			`/v1/${PHONE}/messages/${elsewhere.id}`,
		]) {
			const r = await call('GET', path);
			expect(r.status).toBe(404);
			expect(r.body.error).toMatchObject({ type: 'not_found', code: 'resource_not_found' });
			expect(r.body.error?.request_id).toMatch(/^req_/);
		}
		expect((await call('GET', `/v1/${OTHER_PHONE}/messages/${elsewhere.id}`)).status).toBe(200);
	});
});
