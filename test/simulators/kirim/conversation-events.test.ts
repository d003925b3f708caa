import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { SEED_USERS } from '../../../simulators/kirim/store';
import { api } from './client';
import { receiver } from './receiver';

// The conversation events the simulator sends are the catalog's shapes and nothing more
// (https://kirim-dev.pages.dev/webhooks/events/): conversation.assigned names the conversation by id and status and
// the assignee by user id only; the conversation object read back names the contact and the assignee with name and
// email. The control routes a person "uses" refuse bodies they do not read.

let sim: KirimSimulator;
let call: ReturnType<typeof api>;
let hook: Awaited<ReturnType<typeof receiver>>;

beforeEach(async () => {
	sim = await startKirimSimulator({ allowHttpWebhooks: true, webhookTimeScale: 0.000002 });
	call = api(sim);
	hook = await receiver();
	await call('POST', '/v1/webhook_subscriptions', {
		url: hook.url,
		events: ['conversation.assigned', 'conversation.closed'],
	});
});
afterEach(async () => {
	await sim.sender.idle();
	await sim.close();
	await hook.close();
});

async function newConversation(): Promise<{ id: string; contactId: string }> {
	const contact = (await call('POST', '/_sim/contacts', { name: 'Dewi', email: 'dewi@example.com' })).body.contact as {
		id: string;
	};
	const conversation = [...sim.store.conversations.values()].find((c) => c.contact.id === contact.id)!;
	return { id: conversation.id, contactId: contact.id };
}

const events = () => hook.got.map((g) => JSON.parse(g.body) as Record<string, Record<string, Record<string, unknown>>>);

describe('Kirim simulator: conversation events in the catalog’s shapes', () => {
	test('assigning by the API: the event carries ids only; the conversation read back names contact and assignee', async () => {
		const { id, contactId } = await newConversation();
		const agent = SEED_USERS[1];
		expect((await call('PATCH', `/v1/conversations/${id}`, { assigned_to: agent.id })).status).toBe(200);
		await sim.sender.idle();
		const [assigned] = events();
		expect(Object.keys(assigned).sort()).toEqual(['created_at', 'data', 'id', 'livemode', 'type']);
		expect(assigned.type).toBe('conversation.assigned');
		expect(assigned.data.conversation).toEqual({ id, object: 'conversation', status: 'open' });
		expect(assigned.data.assignee).toEqual({ user_id: agent.id, team_id: expect.any(String), previous_user_id: null });

		const read = (await call('GET', `/v1/conversations/${id}`)).body.data as Record<string, Record<string, unknown>>;
		expect(read.contact).toMatchObject({ id: contactId, name: 'Dewi' });
		expect(read.assignee).toEqual({ id: agent.id, name: agent.name, email: agent.email });
	});

	test('a contact renamed since → the conversation names it as it is now', async () => {
		const { id, contactId } = await newConversation();
		await call('PATCH', `/_sim/contacts/${contactId}`, { name: 'Dewi Sartika' });
		const read = (await call('GET', `/v1/conversations/${id}`)).body.data as Record<string, Record<string, unknown>>;
		expect(read.contact.name).toBe('Dewi Sartika');
		const listed = (await call('GET', `/v1/conversations?contact_id=${contactId}`)).body.data as Array<
			Record<string, Record<string, unknown>>
		>;
		expect(listed.map((c) => c.contact.name)).toEqual(['Dewi Sartika']);
	});

	test('a user the organization does not have is kept by id, with no name or email invented', async () => {
		const { id } = await newConversation();
		await call('PATCH', `/v1/conversations/${id}`, { assigned_to: 'usr_01HXYZABCDEFGHJKMNPQRSTVWX' });
		const read = (await call('GET', `/v1/conversations/${id}`)).body.data as Record<string, unknown>;
		expect(read.assignee).toEqual({ id: 'usr_01HXYZABCDEFGHJKMNPQRSTVWX', name: null, email: null });
	});

	test('reassigning names the previous user; closing sends conversation.closed with who closed it', async () => {
		const { id } = await newConversation();
		await call('POST', `/_sim/conversations/${id}/assign`, { user_id: SEED_USERS[0].id });
		await call('POST', `/_sim/conversations/${id}/assign`, { user_id: SEED_USERS[2].id });
		await call('POST', `/_sim/conversations/${id}/close`);
		await sim.sender.idle();
		const [first, second, closed] = events();
		expect(first.data.assignee.previous_user_id).toBeNull();
		expect(second.data.assignee).toMatchObject({ user_id: SEED_USERS[2].id, previous_user_id: SEED_USERS[0].id });
		expect(closed.type).toBe('conversation.closed');
		expect(closed.data.conversation).toEqual({
			id,
			object: 'conversation',
			status: 'resolved',
			closed_by_user_id: SEED_USERS[2].id,
		});
	});
});

describe('Kirim simulator: control routes refuse what they do not read', () => {
	test.each([
		['POST', '/_sim/contacts', { nme: 'Dewi' }, 'nme'],
		['POST', '/_sim/messages/inbound', { body: 'Hi' }, 'body'],
		['POST', '/_sim/rate-limits/drain', { kind: 'write' }, 'kind'],
	])('%s %s with %j → 400 naming the field', async (method, path, body, field) => {
		const r = await call(method, path, body);
		expect(r.status).toBe(400);
		expect(JSON.stringify(r.body)).toContain(`unknown field ${field}`);
	});

	test('a contact edit with a field it does not read changes nothing and fires nothing', async () => {
		const { contactId } = await newConversation();
		const r = await call('PATCH', `/_sim/contacts/${contactId}`, { first_name: 'Dewi S.' });
		expect(r.status).toBe(400);
		expect(sim.store.contacts.get(contactId)?.name).toBe('Dewi');
	});

	test('assigning to a user the organization does not have → 400 listing its users; nothing sent', async () => {
		const { id } = await newConversation();
		const r = await call('POST', `/_sim/conversations/${id}/assign`, { user_id: 'usr_01HXYZABCDEFGHJKMNPQRSTVWX' });
		expect(r.status).toBe(400);
		expect(JSON.stringify(r.body)).toContain(SEED_USERS[0].id);
		await sim.sender.idle();
		expect(hook.got).toHaveLength(0);
	});
});
