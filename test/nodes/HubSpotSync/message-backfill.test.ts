import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { parseDelivery } from '../../../nodes/KirimTrigger/parse';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { messageReceived } from '../../../simulators/kirim/events';
import { runWithBothSimulators } from '../../harness/run-hubspot-kirim-node';

// HubSpot Sync → Message → Backfill Conversation History through n8n-core against both simulators, with HubSpot's
// search a minute behind while it runs: a conversation's messages as Kirim lists them go on the contact's timeline once,
// beside what the live path (Log on Timeline, fed the Kirim Trigger's items of Meta's payload) logged before.
const node = new HubSpotSync();
let hubspot: HubSpotSimulator;
let kirim: KirimSimulator;

beforeEach(async () => {
	hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	kirim = await startKirimSimulator({ tier: 'pro' });
	addSyncProperties(hubspot.store);
	// The tickets example's property: a message is also put on its conversation's ticket.
	const ticketProperty = await fetch(`${hubspot.url}/crm/properties/2026-09/tickets`, {
		method: 'POST',
		headers: { authorization: `Bearer ${hubspot.token}`, 'content-type': 'application/json' },
		body: JSON.stringify({
			name: 'kirim_conversation_id',
			label: 'Kirim conversation ID',
			type: 'string',
			fieldType: 'text',
			groupName: 'ticketinformation',
			hasUniqueValue: true,
		}),
	});
	expect(ticketProperty.status).toBe(201);
	const ensured = await run({ operation: 'ensureProperties' }, [{}]);
	expect(ensured.error).toBeUndefined();
});
afterEach(async () => {
	await hubspot.close();
	await kirim.close();
});

const run = (parameters: IDataObject, input: IDataObject[], continueOnFail = false) =>
	runWithBothSimulators({ hubspot, kirim }, node, { resource: 'message', ...parameters }, input, { continueOnFail });
/** The backfill runs with HubSpot's search a minute behind: whatever was just logged is not searchable yet. */
const backfill = (conversationIds: string[], options: IDataObject = {}, continueOnFail = false) => {
	hubspot.store.searchIndex.lagMs = 60_000;
	return run(
		{ operation: 'backfill', options: { minAgeMinutes: 0, ...options } },
		conversationIds.map((id) => ({ id })),
		continueOnFail,
	);
};

async function kirimCall(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
	const response = await fetch(`${kirim.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${kirim.apiKey}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
	return (await response.json()) as Record<string, unknown>;
}

/** A customer who wrote in: Kirim contact and conversation, and the HubSpot contact the contact sync made. */
async function customer(
	n: number,
): Promise<{ phone: string; kirimId: string; conversationId: string; hubspotId: string }> {
	const phone = `+62812000${String(n).padStart(5, '0')}`;
	const made = await kirimCall('POST', '/_sim/contacts', { phone_number: phone, name: `Person ${n}` });
	const kirimId = (made.contact as { id: string }).id;
	const record = hubspot.ui.create('contacts', { firstname: `Person ${n}`, phone, kirim_contact_id: kirimId });
	return { phone, kirimId, conversationId: String(made.conversation_id), hubspotId: record.id };
}

const received = (phone: string, text: string) =>
	kirimCall('POST', '/_sim/messages/inbound', { from: phone, name: 'Customer', text });
const sent = (phone: string, text: string) =>
	kirimCall('POST', `/v1/${kirim.phoneNumberIds[0]}/messages`, {
		messaging_product: 'whatsapp',
		to: phone,
		type: 'text',
		text: { body: text },
	});

/**
 * What the live path logs for a message the customer sent: the Kirim Trigger's item of Meta's message.received
 * payload for it (WhatsApp's send time, in seconds) through Log on Timeline with the item defaults.
 */
async function logLive(phone: string, text: string): Promise<void> {
	hubspot.store.searchIndex.lagMs = 0;
	const stored = [...kirim.store.messagesOf(kirim.phoneNumberIds[0])].reverse().find((m) => m.content === text)!;
	const account = kirim.store.accounts[0];
	const event = messageReceived(account, phone, 'Customer', text, Date.parse(stored.created_at));
	const parsed = parseDelivery(event.body, {}, true);
	if (!parsed.ok) throw new Error(parsed.reason);
	const result = await run({ operation: 'log' }, [parsed.items[0].item.json]);
	if (result.error) throw result.error;
	expect(result.items[0].json).toMatchObject({ operation: 'create' });
}

const timeline = (hubspotId: string) => {
	const ids = new Set(
		hubspot.store.associations
			.filter((a) => a.fromType === 'communications' && a.toType === 'contacts' && a.toId === hubspotId)
			.map((a) => a.fromId),
	);
	return [...hubspot.store.objects.communications.values()]
		.filter((c) => ids.has(c.id))
		.map((c) => String(c.properties.hs_communication_body))
		.sort();
};

describe('HubSpot Sync → Message → Backfill Conversation History', () => {
	it('logs what the live path did not, in both directions, and a second run nothing (search lag on)', async () => {
		const a = await customer(1);
		await received(a.phone, 'Halo');
		await received(a.phone, 'Pesanan saya di mana?');
		await sent(a.phone, 'Sudah dikirim kemarin');
		await received(a.phone, 'ok');
		await sent(a.phone, 'ok');
		await logLive(a.phone, 'Halo');
		await logLive(a.phone, 'Pesanan saya di mana?');

		const first = (await backfill([a.conversationId])).items[0].json;
		expect(first).toMatchObject({
			conversationId: a.conversationId,
			kirimContactId: a.kirimId,
			hubspotContactId: a.hubspotId,
			messages: 5,
			logged: 3,
			matchedLive: 2,
			alreadyBackfilled: 0,
			operation: 'create',
		});
		expect(timeline(a.hubspotId)).toEqual(
			[
				'Received on WhatsApp: Halo',
				'Received on WhatsApp: Pesanan saya di mana?',
				'Sent on WhatsApp: Sudah dikirim kemarin',
				'Received on WhatsApp: ok',
				'Sent on WhatsApp: ok',
			].sort(),
		);
		// The conversation's own ticket (none here) and the contact: each backfilled entry is on the contact.
		const again = (await backfill([a.conversationId])).items[0].json;
		expect(again).toMatchObject({ logged: 0, matchedLive: 2, alreadyBackfilled: 3, operation: 'skip' });
		expect(hubspot.store.objects.communications.size).toBe(5);
	});

	it('two equal texts close together stay two: the live entry matches one, the backfill logs the other', async () => {
		const a = await customer(1);
		await received(a.phone, 'ok');
		await received(a.phone, 'ok');
		await logLive(a.phone, 'ok');
		const out = (await backfill([a.conversationId])).items[0].json;
		expect(out).toMatchObject({ messages: 2, logged: 1, matchedLive: 1 });
		expect(timeline(a.hubspotId)).toEqual(['Received on WhatsApp: ok', 'Received on WhatsApp: ok']);
	});

	it('a live entry outside the match window is not taken for the message', async () => {
		const a = await customer(1);
		await received(a.phone, 'Halo');
		await logLive(a.phone, 'Halo');
		hubspot.store.objects.communications.forEach((c) => {
			c.properties.hs_timestamp = new Date(Date.parse(String(c.properties.hs_timestamp)) - 600_000).toISOString();
		});
		const out = (await backfill([a.conversationId], { matchWindowSeconds: 120 })).items[0].json;
		expect(out).toMatchObject({ logged: 1, matchedLive: 0 });
	});

	it('by default leaves messages of the last 10 minutes to the live path', async () => {
		const a = await customer(1);
		await received(a.phone, 'Halo');
		const stored = [...kirim.store.messagesOf(kirim.phoneNumberIds[0])].find((m) => m.content === 'Halo')!;
		stored.created_at = new Date(Date.now() - 11 * 60_000).toISOString();
		await received(a.phone, 'Masih di sini?');
		const out = (await backfill([a.conversationId], { minAgeMinutes: 10 })).items[0].json;
		expect(out).toMatchObject({ messages: 2, logged: 1, tooRecent: 1 });
		expect(timeline(a.hubspotId)).toEqual(['Received on WhatsApp: Halo']);
	});

	it('a long conversation: 230 messages in pages of 100 per direction, logged in batches of 100', async () => {
		const a = await customer(1);
		for (let n = 0; n < 230; n++) {
			if (n % 4 === 3) await sent(a.phone, `reply ${n}`);
			else await received(a.phone, `message ${n}`);
		}
		const out = (await backfill([a.conversationId])).items[0].json as IDataObject & {
			requests: { kirim: number; hubspot: number };
		};
		expect(out).toMatchObject({ messages: 230, logged: 230 });
		// 1 conversation read + 2 inbound pages (173) + 1 outbound page (57).
		expect(out.requests.kirim).toBe(4);
		// contact read, association read, 3 upserts, 3 association batches, 1 ticket read.
		expect(out.requests.hubspot).toBeLessThanOrEqual(10);
		expect(timeline(a.hubspotId)).toHaveLength(230);
		const again = (await backfill([a.conversationId])).items[0].json;
		expect(again).toMatchObject({ logged: 0, alreadyBackfilled: 230 });
		expect(hubspot.store.objects.communications.size).toBe(230);
	});

	it('a conversation whose contact HubSpot does not have fails alone and says to sync it first; a bad ID is named', async () => {
		const a = await customer(1);
		await received(a.phone, 'Halo');
		hubspot.ui.delete('contacts', a.hubspotId);
		const b = await customer(2);
		await received(b.phone, 'Hi');
		const out = (await backfill([a.conversationId, b.conversationId, 'conversation-7'], {}, true)).items;
		expect(out[0].json.error).toMatch(/HubSpot has no contact with kirim_contact_id = .*sync the contact first/);
		expect(out[1].json).toMatchObject({ logged: 1 });
		expect(out[2].json.error).toMatch(/conversation/i);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('HubSpot failing the write fails the item; the re-run logs each message once', async () => {
		const a = await customer(1);
		await received(a.phone, 'Halo');
		await sent(a.phone, 'Halo juga');
		hubspot.pipeline.faults.add({
			match: { method: 'POST', path: '/crm/associations/2026-09/communications/contacts/batch/*' },
			action: { kind: 'server-error', status: 500 },
			times: 20,
		});
		expect((await backfill([a.conversationId])).error).toBeDefined();
		hubspot.pipeline.faults.clear();
		const out = (await backfill([a.conversationId])).items[0].json;
		expect(out).toMatchObject({ messages: 2 });
		expect(hubspot.store.objects.communications.size).toBe(2);
		expect(timeline(a.hubspotId)).toHaveLength(2);
	});
});
