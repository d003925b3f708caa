import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { parseDelivery } from '../../../nodes/KirimTrigger/parse';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { messageReceived, messageStatus } from '../../../simulators/kirim/events';
import type { Account } from '../../../simulators/kirim/store';
import { runHubSpotNode } from '../../harness/run-hubspot-node';

// HubSpot Sync → Message → Log on Timeline through n8n-core against the HubSpot simulator, fed the items the Kirim
// Trigger makes of Meta's own message.received / message.status payloads (Kirim forwards them unchanged).
const node = new HubSpotSync();
const account: Account = {
	object: 'account',
	phone_number_id: '106540352242922',
	phone_number: '+628111000000',
	name: 'Customer Support',
	status: 'connected',
};
const SENT = Date.parse('2026-12-01T09:30:00Z');
const ctc = (n: number) => `ctc_${String(n).padStart(26, '0')}`;
const cnv = (n: number) => `cnv_${String(n).padStart(26, '0')}`;
const phone = (n: number) => `+62812000${String(n).padStart(5, '0')}`;

/** The items the Kirim Trigger hands on for one delivery (nodes/KirimTrigger/parse.ts). */
function triggerItems(body: Record<string, unknown>): IDataObject[] {
	const parsed = parseDelivery(body, {}, true);
	if (!parsed.ok) throw new Error(parsed.reason);
	return parsed.items.map((i) => i.item.json);
}
const inbound = (n: number, text: string, at = SENT) =>
	triggerItems(messageReceived(account, phone(n), `Person ${n}`, text, at).body)[0];

let sim: HubSpotSimulator;
beforeEach(async () => {
	sim = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	for (const [type, name] of [
		['contacts', 'kirim_contact_id'],
		['tickets', 'kirim_conversation_id'],
	] as const) {
		const response = await fetch(`${sim.url}/crm/properties/2026-09/${type}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				name,
				label: name,
				type: 'string',
				fieldType: 'text',
				groupName: type === 'contacts' ? 'contactinformation' : 'ticketinformation',
				hasUniqueValue: true,
			}),
		});
		if (response.status !== 201) throw new Error(await response.text());
	}
});
afterEach(async () => sim?.close());

const run = (operation: string, input: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) =>
	runHubSpotNode(sim, node, { resource: 'message', operation, ...parameters }, input, continueOnFail);
const ensure = () => run('ensureProperties', [{}]);
const log = (input: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) =>
	run('log', input, parameters, continueOnFail);
const contact = (n: number) =>
	sim.ui.create('contacts', { firstname: `Person ${n}`, phone: phone(n), kirim_contact_id: ctc(n) });
const communications = () => [...sim.store.objects.communications.values()];
const linksOf = (communicationId: string) =>
	sim.store.associations.filter((a) => a.fromType === 'communications' && a.fromId === communicationId);
const writes = () =>
	sim.pipeline.log.entries
		.filter((e) => e.method === 'POST' && e.path.startsWith('/crm/'))
		.map((e) => e.path.replace(/^\/crm\/(objects|associations)\/2026-09\//, ''));

describe('HubSpot Sync → Message → Ensure Properties', () => {
	it('creates kirim_message_id with unique values on communications once; a second run finds it', async () => {
		expect((await ensure()).items[0].json).toMatchObject({
			name: 'kirim_message_id',
			objectType: 'communications',
			status: 'created',
			hasUniqueValue: true,
		});
		expect((await ensure()).items[0].json).toMatchObject({ status: 'exists', hasUniqueValue: true });
	});
});

describe('HubSpot Sync → Message → Log on Timeline', () => {
	beforeEach(async () => {
		await ensure();
	});

	it('a received WhatsApp text → one WhatsApp communication on the contact found by the sender’s number', async () => {
		const person = contact(1);
		const result = await log([inbound(1, 'Halo, pesanan saya sudah dikirim?')]);
		expect(result.error).toBeUndefined();
		const [logged] = communications();
		expect(logged.properties).toMatchObject({
			hs_communication_channel_type: 'WHATS_APP',
			hs_communication_logged_from: 'CRM',
			hs_communication_body: 'Received on WhatsApp: Halo, pesanan saya sudah dikirim?',
			kirim_message_id: result.items[0].json.messageId,
		});
		expect(Date.parse(String(logged.properties.hs_timestamp))).toBe(Math.floor(SENT / 1000) * 1000);
		expect(linksOf(logged.id)).toEqual([expect.objectContaining({ toType: 'contacts', toId: person.id })]);
		expect(result.items[0].json).toMatchObject({
			operation: 'create',
			communicationId: logged.id,
			contact: { status: 'associated', hubspotId: person.id },
		});
		expect(String(result.items[0].json.messageId)).toMatch(/^wamid\./);
	});

	it('the same message run again (a redelivery, a replay, a second execution) → still one entry', async () => {
		contact(1);
		const item = inbound(1, 'Halo');
		await log([item]);
		const again = await log([item]);
		expect(communications()).toHaveLength(1);
		expect(again.items[0].json).toMatchObject({ operation: 'skip', reason: 'already on the timeline' });
		expect(linksOf(communications()[0].id)).toHaveLength(1);
	});

	it('one message twice in one input → one entry; both items answered', async () => {
		contact(1);
		const item = inbound(1, 'Halo');
		const result = await log([item, item]);
		expect(communications()).toHaveLength(1);
		expect(result.items.map((i) => i.json.operation)).toEqual(['create', 'skip']);
		expect(result.items.map((i) => i.json.communicationId)).toEqual([communications()[0].id, communications()[0].id]);
	});

	it('delivery statuses (sent, delivered, read) add nothing and write nothing', async () => {
		contact(1);
		const item = inbound(1, 'Halo');
		await log([item]);
		const before = writes().length;
		const statuses = ['sent', 'delivered', 'read'].flatMap((status) =>
			triggerItems(messageStatus(account, String(item.wamid), status, phone(1), SENT).body),
		);
		const result = await log(statuses);
		expect(result.items.map((i) => i.json.operation)).toEqual(['skip', 'skip', 'skip']);
		expect(communications()).toHaveLength(1);
		expect(writes()).toHaveLength(before);
	});

	it('a media message gets a readable line with its caption', async () => {
		contact(2);
		const body = messageReceived(account, phone(2), 'Person 2', 'x', SENT).body as IDataObject;
		const value = ((body.entry as IDataObject[])[0].changes as IDataObject[])[0].value as IDataObject;
		// Meta's image message (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages).
		const message = (value.messages as IDataObject[])[0];
		delete message.text;
		Object.assign(message, {
			type: 'image',
			image: { caption: 'Foto resi', mime_type: 'image/jpeg', sha256: 'c2hh', id: '1234567890' },
		});
		await log(triggerItems(body));
		expect(communications()[0].properties.hs_communication_body).toBe('Received on WhatsApp: an image — Foto resi');
	});

	it('a sender HubSpot does not have → that item fails naming the number; the others are logged', async () => {
		contact(1);
		const result = await log([inbound(1, 'Halo'), inbound(3, 'Siapa?')], {}, true);
		expect(result.items[0].json).toMatchObject({ operation: 'create' });
		expect(String(result.items[1].json.error)).toContain(`phone = ${phone(3)}`);
		expect(communications()).toHaveLength(1);
	});

	it('without Continue On Fail the same run fails, naming the item', async () => {
		const result = await log([inbound(3, 'Siapa?')]);
		expect(result.error?.message).toContain(`phone = ${phone(3)}`);
		expect(communications()).toHaveLength(0);
	});

	it('by Kirim contact and conversation: on the contact and on the conversation’s ticket', async () => {
		const person = contact(4);
		const ticket = sim.ui.create('tickets', {
			subject: 'WhatsApp: Person 4',
			hs_pipeline: '0',
			hs_pipeline_stage: '1',
			kirim_conversation_id: cnv(4),
		});
		const result = await log([inbound(4, 'Terima kasih')], {
			kirimContactId: ctc(4),
			conversationId: cnv(4),
			phone: '',
		});
		expect(result.items[0].json).toMatchObject({
			contact: { status: 'associated', hubspotId: person.id },
			ticket: { status: 'associated', hubspotId: ticket.id },
		});
		expect(
			linksOf(communications()[0].id)
				.map((a) => a.toType)
				.sort(),
		).toEqual(['contacts', 'tickets']);
	});

	it('an outbound message sent by n8n → "Sent on WhatsApp", on the recipient’s contact', async () => {
		contact(5);
		const result = await log(
			[{ id: 'msg_01JSENT0000000000000000001', to: phone(5), type: 'text', created_at: '2026-12-01T10:00:00Z' }],
			{
				text: 'Pesanan Anda sudah dikirim',
			},
		);
		expect(result.items[0].json).toMatchObject({ operation: 'create' });
		expect(communications()[0].properties).toMatchObject({
			hs_communication_body: 'Sent on WhatsApp: Pesanan Anda sudah dikirim',
			kirim_message_id: 'msg_01JSENT0000000000000000001',
		});
	});

	it.each([
		[{ sentAt: 'yesterday' }, '"yesterday" is not a time'],
		[{ messageId: '   ' }, 'no message ID'],
		[{ phone: '0812-345' }, 'Customer Phone Number: "0812-345" has no country code'],
		[{ kirimContactId: 'ctc_123' }, '"ctc_123" is not a Kirim contact ID'],
	])('bad input %j → a clear error on the item, nothing written', async (parameters, message) => {
		contact(1);
		const result = await log([inbound(1, 'Halo')], parameters);
		expect(result.error?.message).toContain(message);
		expect(communications()).toHaveLength(0);
	});

	it('Automatic direction on an item with neither sender nor recipient → a clear error, nothing written', async () => {
		contact(1);
		const result = await log(
			[{ id: 'msg_01JNOWAY000000000000000001', type: 'text', created_at: '2026-12-01T10:00:00Z' }],
			{
				phone: phone(1),
				text: 'Halo',
			},
		);
		expect(result.error?.message).toContain('the item has neither from nor to');
		expect(communications()).toHaveLength(0);
	});

	it('250 messages of 50 contacts → 3 upserts, 3 association batches, 1 contact search; none twice on a rerun', async () => {
		for (let n = 1; n <= 50; n++) contact(n);
		const items = Array.from({ length: 250 }, (_, i) => inbound((i % 50) + 1, `Message ${i}`, SENT + i * 1000));
		const before = writes().length;
		const result = await log(items);
		expect(result.error).toBeUndefined();
		const sent = writes().slice(before);
		expect(sent.filter((p) => p === 'communications/batch/upsert')).toHaveLength(3);
		expect(sent.filter((p) => p === 'communications/contacts/batch/associate/default')).toHaveLength(3);
		expect(sent.filter((p) => p === 'contacts/search')).toHaveLength(1);
		expect(sent).toHaveLength(7);
		expect(communications()).toHaveLength(250);
		await log(items);
		expect(communications()).toHaveLength(250);
	});
});
