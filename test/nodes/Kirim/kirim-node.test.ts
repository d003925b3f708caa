import type { IDataObject } from 'n8n-workflow';

import { Kirim } from '../../../nodes/Kirim/Kirim.node';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { runKirimNode } from '../../harness/run-kirim-node';

let sim: KirimSimulator;
beforeEach(async () => {
	sim = await startKirimSimulator({ tier: 'pro' });
});
afterEach(async () => sim.close());

const kirim = (parameters: IDataObject, input?: IDataObject[], continueOnFail?: boolean) =>
	runKirimNode(sim, new Kirim(), parameters, input, continueOnFail);
const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const phone = () => sim.phoneNumberIds[0];

describe('Kirim node: contacts', () => {
	test('Get Many with Return All walks every page; Limit stops early', async () => {
		for (let i = 0; i < 3; i++) sim.store.addContact({ phone_number: `+62811000000${i}` }, phone());
		await fetch(`${sim.url}/_sim/contacts`, { method: 'POST', body: JSON.stringify({ count: 247 }) });
		const all = await kirim({ resource: 'contact', operation: 'getAll', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.items).toHaveLength(250);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(250);
		expect(sim.pipeline.log.count('GET', `/v1/${phone()}/contacts`)).toBe(3);
		const some = await kirim({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 5 });
		expect(some.items).toHaveLength(5);
	});

	test('Get Many can output one item per page', async () => {
		await fetch(`${sim.url}/_sim/contacts`, { method: 'POST', body: JSON.stringify({ count: 150 }) });
		const pages = await kirim({ resource: 'contact', operation: 'getAll', returnAll: true, outputPerPage: true });
		expect(pages.items.map((i) => i.json.count)).toEqual([100, 50]);
	});

	test('Create normalises the phone number; a number without country code is refused with the reason', async () => {
		const ok = await kirim({
			resource: 'contact',
			operation: 'create',
			phoneNumber: '+62 811-222-333',
			additionalFields: { name: 'Siti' },
		});
		expect(ok.items[0].json).toMatchObject({ phone_number: '+62811222333', name: 'Siti' });
		const bad = await kirim({
			resource: 'contact',
			operation: 'create',
			phoneNumber: '0811 222 333',
			additionalFields: {},
		});
		expect(bad.error?.message).toContain('has no country code');
		expect(sim.pipeline.log.count('POST', `/v1/${phone()}/contacts`)).toBe(1);
	});

	test('Update merges metadata by default (CRM keys survive), sends only given fields, clears on request', async () => {
		const c = sim.store.addContact(
			{ phone_number: '+628111', name: 'Old', email: 'old@example.com', metadata: { crm_id: '42' } },
			phone(),
		);
		const merged = await kirim({
			resource: 'contact',
			operation: 'update',
			contactId: locator(c.id),
			updateFields: { metadata: '{"segment":"vip"}' },
			metadataMode: 'merge',
			clearFields: [],
		});
		expect(merged.items[0].json).toMatchObject({
			name: 'Old',
			email: 'old@example.com',
			metadata: { crm_id: '42', segment: 'vip' },
		});
		const cleared = await kirim({
			resource: 'contact',
			operation: 'update',
			contactId: locator(c.id),
			updateFields: {},
			metadataMode: 'merge',
			clearFields: ['email'],
		});
		expect(cleared.items[0].json.email).toBeNull();
		const patches = sim.pipeline.log.entries.filter((e) => e.method === 'PATCH').map((e) => e.body);
		expect(patches).toEqual([{ metadata: { crm_id: '42', segment: 'vip' } }, { email: null }]);
	});

	test('Upsert updates an existing contact, creates a new one, and never creates one phone twice in a run', async () => {
		sim.store.addContact({ phone_number: '+628111000001', name: 'Existing' }, phone());
		const result = await kirim(
			{
				resource: 'contact',
				operation: 'upsert',
				phoneNumber: '={{ $json.phone }}',
				fields: { name: '={{ $json.name }}' },
				metadataMode: 'merge',
			},
			[
				{ phone: '+628111000001', name: 'Updated' },
				{ phone: '+62 811 1000 002', name: 'New' },
				{ phone: '+628111000002', name: 'New again' },
			],
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.operation)).toEqual(['updated', 'created', 'updated']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sim.store.contactsOf(phone()).filter((c) => c.phone_number === '+628111000002')).toHaveLength(1);
		expect(sim.store.contactsOf(phone()).find((c) => c.phone_number === '+628111000002')?.name).toBe('New again');
	});

	test('continueOnFail: a bad item becomes its own error output, the good ones go through', async () => {
		const result = await kirim(
			{ resource: 'contact', operation: 'create', phoneNumber: '={{ $json.phone }}', additionalFields: {} },
			[{ phone: '+628111333001' }, { phone: 'nonsense' }, { phone: '+628111333002' }],
			true,
		);
		expect(result.items).toHaveLength(3);
		expect(result.items[1].json.error).toContain('Phone number');
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sim.store.contacts.size).toBe(2);
	});

	test('an API error carries Kirim’s code, message and request id', async () => {
		const result = await kirim({
			resource: 'contact',
			operation: 'get',
			contactId: locator('ctc_01HXYZABCDEFGHJKMNPQRSTVWX'),
		});
		expect(result.error?.message).toBe('Kirim: No such contact. [resource_not_found]');
		expect(result.error?.description).toMatch(/Kirim request id: req_/);
	});

	test('Attach and detach a label', async () => {
		const c = sim.store.addContact({ phone_number: '+628111444' }, phone());
		const label = (await (
			await fetch(`${sim.url}/v1/labels`, {
				method: 'POST',
				headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'VIP' }),
			})
		).json()) as { data: { id: string } };
		const attached = await kirim({
			resource: 'contact',
			operation: 'attachLabel',
			contactId: locator(c.id),
			labelId: label.data.id,
		});
		expect(attached.items[0].json).toEqual({ contact_id: c.id, label_id: label.data.id, attached: true });
		expect(sim.store.contactLabels.get(c.id)?.has(label.data.id)).toBe(true);
		await kirim({ resource: 'contact', operation: 'detachLabel', contactId: locator(c.id), labelId: label.data.id });
		expect(sim.store.contactLabels.get(c.id)?.size).toBe(0);
	});
});

describe('Kirim node: bulk label', () => {
	async function seed(count: number) {
		await fetch(`${sim.url}/_sim/contacts`, { method: 'POST', body: JSON.stringify({ count }) });
		const label = sim.store.labels.size ? [...sim.store.labels.values()][0] : undefined;
		const created =
			label ??
			(
				(await (
					await fetch(`${sim.url}/v1/labels`, {
						method: 'POST',
						headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
						body: JSON.stringify({ name: 'Bulk' }),
					})
				).json()) as { data: { id: string } }
			).data;
		return { ids: sim.store.contactsOf(phone()).map((c) => ({ id: c.id })), labelId: created.id };
	}

	test('2 500 ids go out as 3 chunks of at most 1000 with one summary item; invalid ids are reported, not sent', async () => {
		const { ids, labelId } = await seed(2500);
		const result = await kirim(
			{ resource: 'bulkLabel', operation: 'attach', labelId, idsFrom: 'items', idField: 'id', options: {} },
			[...ids, { id: 'not-an-id' }],
		);
		expect(result.error).toBeUndefined();
		const posts = sim.pipeline.log.entries.filter((e) => e.path.endsWith('/bulk_label'));
		expect(posts.map((p) => (p.body as { contact_ids: string[] }).contact_ids.length).sort()).toEqual([
			1000, 1000, 500,
		]);
		expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(3);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			applied: 2500,
			sent: 2500,
			invalid_ids: ['not-an-id'],
			failed_chunks: 0,
		});
		expect(result.items[0].pairedItem).toHaveLength(2501);
	});

	test('a 429 in the middle is waited out and retried with the same key: no id lost, none sent twice', async () => {
		const { ids, labelId } = await seed(1500);
		sim.pipeline.faults.add({
			match: { path: `/v1/${phone()}/contacts/bulk_label` },
			action: { kind: 'rate-limit', retryAfterSeconds: 1 },
		});
		const result = await kirim(
			{
				resource: 'bulkLabel',
				operation: 'attach',
				labelId,
				idsFrom: 'items',
				idField: 'id',
				options: { concurrency: 1 },
			},
			ids,
		);
		expect(result.items[0].json).toMatchObject({ applied: 1500, failed_chunks: 0 });
		const posts = sim.pipeline.log.entries.filter((e) => e.path.endsWith('/bulk_label'));
		expect(posts.map((p) => p.status)).toEqual([429, 200, 200]);
		expect(posts[0].idempotencyKey).toBe(posts[1].idempotencyKey);
	});

	test('a chunk that keeps failing is reported with its ids (continueOnFail), the others still apply', async () => {
		const { ids, labelId } = await seed(1200);
		sim.pipeline.faults.add({
			match: { path: `/v1/${phone()}/contacts/bulk_label` },
			action: {
				kind: 'respond',
				response: {
					status: 400,
					body: {
						error: { type: 'invalid_request_error', code: 'invalid_field_value', message: 'boom', request_id: 'req_x' },
					},
				},
			},
		});
		const result = await kirim(
			{
				resource: 'bulkLabel',
				operation: 'attach',
				labelId,
				idsFrom: 'items',
				idField: 'id',
				options: { concurrency: 1 },
			},
			ids,
			true,
		);
		expect(result.items[0].json).toMatchObject({ applied: 200, failed_chunks: 1 });
		expect(result.items[0].json.failed_contact_ids).toHaveLength(1000);
		const failedOnly = await kirim({
			resource: 'bulkLabel',
			operation: 'attach',
			labelId,
			idsFrom: 'list',
			idList: 'ctc_01HXYZABCDEFGHJKMNPQRSTVW1',
		});
		expect(failedOnly.items[0].json).toMatchObject({ skipped_cross_org: 1 });
	});
});

describe('Kirim node: conversations, labels, messages', () => {
	test('assign, unassign and close a conversation; a conflicting request is refused', async () => {
		const contact = sim.store.addContact({ phone_number: '+628555' }, phone());
		const conversation = sim.store.addConversation(contact, phone());
		const assigned = await kirim({
			resource: 'conversation',
			operation: 'update',
			conversationId: locator(conversation.id),
			updateFields: { assignedTo: 'usr_01HXYZABCDEFGHJKMNPQRSTVWX' },
		});
		expect(assigned.items[0].json).toMatchObject({ assignee: { id: 'usr_01HXYZABCDEFGHJKMNPQRSTVWX' } });
		const closed = await kirim({
			resource: 'conversation',
			operation: 'update',
			conversationId: locator(conversation.id),
			updateFields: { unassign: true, status: 'resolved' },
		});
		expect(closed.items[0].json).toMatchObject({ assignee: null, status: 'resolved' });
		const both = await kirim({
			resource: 'conversation',
			operation: 'update',
			conversationId: locator(conversation.id),
			updateFields: { unassign: true, assignedTo: 'usr_01HXYZABCDEFGHJKMNPQRSTVWX' },
		});
		expect(both.error?.message).toContain('either Assign To or Unassign');
		const listed = await kirim({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'resolved' },
		});
		expect(listed.items).toHaveLength(1);
	});

	test('labels: create, update, get many, delete', async () => {
		const created = await kirim({ resource: 'label', operation: 'create', name: 'Trial', color: 'teal', teamId: '' });
		const id = created.items[0].json.id as string;
		await kirim({ resource: 'label', operation: 'update', labelId: id, updateFields: { color: 'pink' } });
		const all = await kirim({ resource: 'label', operation: 'getAll', returnAll: true });
		expect(all.items.map((i) => [i.json.name, i.json.color])).toEqual([['Trial', 'pink']]);
		const deleted = await kirim({ resource: 'label', operation: 'delete', labelId: id });
		expect(deleted.items[0].json).toMatchObject({ deleted: true });
	});

	test('a free-text message outside the 24-hour window fails with the template hint; a template goes out once per key', async () => {
		const text = await kirim({
			resource: 'message',
			operation: 'sendText',
			to: '+6287770001112',
			text: 'Halo',
			previewUrl: false,
			options: {},
		});
		expect(text.error?.message).toContain('[outside_24h_window]');
		expect(text.error?.description).toContain('Send an approved template instead');
		const params = {
			resource: 'message',
			operation: 'sendTemplate',
			to: '+6287770001112',
			templateName: 'welcome',
			language: 'id',
			bodyParameters: { parameter: [{ text: 'Siti' }] },
			options: { idempotencyKey: 'order-1' },
		};
		const first = await kirim(params);
		const again = await kirim(params);
		expect(again.items[0].json.id).toBe(first.items[0].json.id);
		expect(sim.store.messages).toHaveLength(1);
	});
});
