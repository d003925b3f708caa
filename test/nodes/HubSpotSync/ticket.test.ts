import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { operations } from '../../../nodes/HubSpotSync/actions/router';
import {
	startHubSpotSimulator,
	type HubSpotSimulator,
	type HubSpotSimulatorOptions,
} from '../../../simulators/hubspot';
import { runHubSpotNode } from '../../harness/run-hubspot-node';
import { loadHubSpotOptions } from './load-options';

const node = new HubSpotSync();
const ulid = (n: number) => String(n).padStart(26, '0');
const cnv = (n: number) => `cnv_${ulid(n)}`;
const ctc = (n: number) => `ctc_${ulid(n)}`;

/** A Kirim conversation object (https://developers.kirim.chat/api/operations/phone_number_idconversations/). */
const conversation = (n: number, extra: Record<string, unknown> = {}) => ({
	id: cnv(n),
	object: 'conversation',
	status: 'open',
	contact: { id: ctc(n), phone_number: `+62812000${String(n).padStart(5, '0')}`, name: `Person ${n}` },
	whatsapp_account: { phone_number: '+6281100000000' },
	assignee: { id: 'usr_01JAGENT1000000000000000000', name: 'Agent One', email: 'agent.one@example.com' },
	unread_count: 0,
	last_message_at: null,
	last_inbound_at: null,
	created_at: '2026-11-22T10:00:00.000Z',
	updated_at: '2026-11-22T10:00:00.000Z',
	...extra,
});
/** As a Kirim Trigger hands a conversation event on (nodes/KirimTrigger/parse.ts). */
const event = (c: Record<string, unknown>, type = 'conversation.assigned') => ({
	event: type,
	id: `evt_${ulid(1)}`,
	data: { conversation: c },
});

let sim: HubSpotSimulator;

/** Real clock and generous limits: these tests count requests, the rate-limit tests live elsewhere. */
async function start(options: HubSpotSimulatorOptions = {}) {
	sim = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000, ...options });
	sim.store.properties.contacts.set('kirim_contact_id', {
		name: 'kirim_contact_id',
		label: 'kirim_contact_id',
		type: 'string',
		fieldType: 'text',
		groupName: 'contactinformation',
		hasUniqueValue: true,
		options: [],
		readOnlyValue: false,
		calculated: false,
	} as never);
}
afterEach(async () => sim?.close());

const run = (parameters: IDataObject, input: IDataObject[], continueOnFail = false) =>
	runHubSpotNode(sim, node, { resource: 'ticket', ...parameters }, input, continueOnFail);
const upsert = (input: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) =>
	run({ operation: 'upsert', ...parameters }, input, continueOnFail);
const ensure = () => run({ operation: 'ensureProperties' }, [{}]);
const ticketOf = (n: number) =>
	[...sim.store.objects.tickets.values()].filter((t) => !t.archived && t.properties.kirim_conversation_id === cnv(n));
const requests = () =>
	sim.pipeline.log.entries
		.filter((e) => e.path.startsWith('/crm/'))
		.map((e) => `${e.method} ${e.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`);
const hubspotContact = (n: number) => sim.ui.create('contacts', { kirim_contact_id: ctc(n), firstname: `Person ${n}` });

describe('HubSpot Sync → Ticket → Ensure Properties', () => {
	it('creates the unique conversation property and the sync stamp once; a second run finds them', async () => {
		await start();
		const first = await ensure();
		expect(first.error).toBeUndefined();
		expect(first.items.map((i) => i.json)).toEqual([
			expect.objectContaining({
				name: 'kirim_conversation_id',
				status: 'created',
				hasUniqueValue: true,
				matchBy: 'upsert',
			}),
			expect.objectContaining({ name: 'kirim_last_synced_at', status: 'created' }),
		]);
		const second = await ensure();
		expect(second.items.map((i) => i.json.status)).toEqual(['exists', 'exists']);
		expect([...sim.store.properties.tickets.keys()].filter((k) => k.startsWith('kirim_'))).toEqual([
			'kirim_conversation_id',
			'kirim_last_synced_at',
		]);
	});

	it('where HubSpot refuses unique-value ticket properties, makes a plain one and says tickets are matched by search', async () => {
		await start({ ticketUniqueProperties: false });
		const { items, error } = await ensure();
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			name: 'kirim_conversation_id',
			status: 'created',
			hasUniqueValue: false,
			matchBy: 'search',
			warning: expect.stringMatching(/search/),
		});
		expect(sim.store.properties.tickets.get('kirim_conversation_id')?.hasUniqueValue).toBe(false);
	});
});

describe('HubSpot Sync → Ticket → Create or Update (unique property)', () => {
	beforeEach(async () => {
		await start();
		await ensure();
	});

	it('creates the ticket, then updates it (no duplicate): stage from the status, owner by email, associated once', async () => {
		const contact = hubspotContact(1);
		sim.pipeline.log.clear();
		const first = await upsert([event(conversation(1))]);
		expect(first.error).toBeUndefined();
		const [ticket] = ticketOf(1);
		expect(ticket.properties).toMatchObject({
			subject: 'WhatsApp: Person 1',
			hs_pipeline: '0',
			hs_pipeline_stage: '1',
			hubspot_owner_id: '5001',
		});
		expect(ticket.properties.kirim_last_synced_at).toBeTruthy();
		expect(first.items[0].json).toMatchObject({
			kirimConversationId: cnv(1),
			hubspotTicketId: ticket.id,
			operation: 'create',
			path: 'upsert',
			stageId: '1',
			owner: { status: 'matched', ownerId: '5001', by: 'email' },
			associatedContactId: contact.id,
			association: { status: 'associated', contactId: contact.id },
			sync: { operation: 'create', direction: 'to_crm', status: 'success' },
		});
		expect(sim.store.associations).toEqual([
			{ fromType: 'tickets', fromId: ticket.id, toType: 'contacts', toId: contact.id },
		]);
		expect(requests()).toEqual([
			'GET /crm/pipelines/2026-09/tickets/{id}',
			'GET /crm/owners/2026-09',
			'GET /crm/properties/2026-09/tickets/kirim_conversation_id',
			'POST /crm/objects/2026-09/tickets/batch/read',
			'POST /crm/objects/2026-09/tickets/batch/upsert',
			'POST /crm/objects/2026-09/contacts/batch/read',
			'POST /crm/associations/2026-09/tickets/contacts/batch/associate/default',
		]);

		sim.pipeline.log.clear();
		const pending = conversation(1, {
			status: 'pending',
			assignee: { id: 'usr_2', name: 'Agent Two', email: 'Agent.Two@example.com' },
			contact: { id: ctc(1), name: 'Renamed' },
		});
		const second = await upsert([event(pending)]);
		expect(second.error).toBeUndefined();
		expect(ticketOf(1)).toHaveLength(1);
		expect(ticketOf(1)[0].properties).toMatchObject({
			subject: 'WhatsApp: Person 1',
			hs_pipeline_stage: '2',
			hubspot_owner_id: '5002',
		});
		expect(second.items[0].json).toMatchObject({
			operation: 'update',
			hubspotTicketId: ticket.id,
			associatedContactId: null,
			association: { status: 'skipped' },
		});
		const sync = second.items[0].json.sync as IDataObject;
		expect(sync.changes).toEqual(
			expect.arrayContaining([
				{ field: 'hs_pipeline_stage', from: '1', to: '2' },
				{ field: 'hubspot_owner_id', from: '5001', to: '5002' },
			]),
		);
		expect(sync.skipped).toEqual(['subject']); // HubSpot owns the subject once the ticket exists
		expect(requests()).not.toContain('PUT /crm/objects/2026-09/tickets/{id}/associations/default/contacts/{id}');
		expect(sim.store.associations).toHaveLength(1);

		const third = await upsert([event(pending)]);
		expect(third.items[0].json).toMatchObject({ operation: 'skip', hubspotTicketId: ticket.id, sync: { changes: [] } });
	});

	it('maps open / pending / resolved to the chosen stages, automatic or picked', async () => {
		const input = (['open', 'pending', 'resolved'] as const).map((status, n) =>
			event(conversation(10 + n, { status })),
		);
		const auto = await upsert(input);
		expect(auto.error).toBeUndefined();
		expect([10, 11, 12].map((n) => ticketOf(n)[0].properties.hs_pipeline_stage)).toEqual(['1', '2', '4']);
		const picked = await upsert(input, { openStage: '3', pendingStage: '3', resolvedStage: '4' });
		expect(picked.items.map((i) => i.json.stageId)).toEqual(['3', '3', '4']);
		expect([10, 11, 12].map((n) => ticketOf(n)[0].properties.hs_pipeline_stage)).toEqual(['3', '3', '4']);
		const unknown = await upsert([event(conversation(13, { status: 'snoozed' }))], {}, true);
		expect(unknown.items[0].json.error).toMatch(/not a Kirim conversation status/);
		expect(ticketOf(13)).toHaveLength(0);
	});

	it('owner: the override table (by Kirim user id or email) wins; an unknown email leaves the owner alone', async () => {
		const overrides = {
			override: [
				{ kirimUser: 'usr_01JAGENT9000000000000000000', ownerId: '5003' },
				{ kirimUser: 'Boss@Example.com', ownerId: '5002' },
			],
		};
		const input = [
			event(
				conversation(20, { assignee: { id: 'usr_01JAGENT9000000000000000000', name: 'X', email: 'x@elsewhere.test' } }),
			),
			event(conversation(21, { assignee: { id: 'usr_other', name: 'Boss', email: 'boss@example.com' } })),
			event(conversation(22, { assignee: { id: 'usr_nobody', name: 'Nobody', email: 'nobody@example.com' } })),
			event(conversation(23, { assignee: null })),
		];
		sim.pipeline.log.clear();
		const { items, error } = await upsert(input, { ownerOverrides: overrides });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.owner)).toEqual([
			{ status: 'matched', ownerId: '5003', by: 'override' },
			{ status: 'matched', ownerId: '5002', by: 'override' },
			{ status: 'unmatched', reason: expect.stringContaining('nobody@example.com') },
			{ status: 'unassigned' },
		]);
		expect([20, 21, 22, 23].map((n) => ticketOf(n)[0].properties.hubspot_owner_id ?? null)).toEqual([
			'5003',
			'5002',
			null,
			null,
		]);
		// Only the email without an override was looked up.
		expect(sim.pipeline.log.entries.filter((e) => e.path === '/crm/owners/2026-09').map((e) => e.query.email)).toEqual([
			'nobody@example.com',
		]);
	});

	it('association: a contact not yet in HubSpot is reported, and On Every Write associates it later', async () => {
		const first = await upsert([event(conversation(30))]);
		expect(first.items[0].json).toMatchObject({
			operation: 'create',
			associatedContactId: null,
			association: { status: 'skipped', reason: expect.stringMatching(/sync the contact first/) },
		});
		expect(sim.store.associations).toHaveLength(0);
		const contact = hubspotContact(30);
		const later = await upsert([event(conversation(30))], { options: { associate: 'always' } });
		expect(later.items[0].json).toMatchObject({ operation: 'skip', associatedContactId: contact.id });
		expect(sim.store.associations).toEqual([
			{ fromType: 'tickets', fromId: ticketOf(30)[0].id, toType: 'contacts', toId: contact.id },
		]);
	});

	it('association: pairs HubSpot does not confirm fail on their own items (the tickets are still written)', async () => {
		const contacts = [31, 32].map(hubspotContact);
		sim.pipeline.faults.add({
			match: { method: 'POST', path: '/crm/associations/2026-09/tickets/contacts/batch/associate/default' },
			action: {
				kind: 'respond',
				response: {
					status: 207,
					body: {
						status: 'COMPLETE',
						results: [],
						errors: [],
						startedAt: '2026-11-22T10:00:00Z',
						completedAt: '2026-11-22T10:00:00Z',
					},
				},
			},
		});
		const { items, error } = await upsert([event(conversation(31)), event(conversation(32))], {}, true);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		items.forEach((item, i) => {
			expect(item.json.error).toMatch(/did not confirm the association of tickets \d+ with contacts/);
			expect(item.json.association).toMatchObject({ status: 'failed', contactId: contacts[i].id });
		});
		expect([31, 32].map((n) => ticketOf(n))).toEqual([[expect.anything()], [expect.anything()]]);
		expect(sim.store.associations).toHaveLength(0);
	});

	it('batches across items: 150 conversations (two items for one) → 2 reads, 2 upserts, 2 contact reads, 2 association batches', async () => {
		for (let n = 100; n < 250; n++) hubspotContact(n);
		const input = Array.from({ length: 150 }, (_, k) => event(conversation(100 + k)));
		input.push(event(conversation(100, { status: 'pending' })));
		sim.pipeline.log.clear();
		const { items, error } = await upsert(input, { options: { tenSecondBudget: 0 } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(151);
		expect(items.map((i) => i.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		const counts: Record<string, number> = {};
		for (const r of requests()) counts[r] = (counts[r] ?? 0) + 1;
		expect(counts).toEqual({
			'GET /crm/pipelines/2026-09/tickets/{id}': 1,
			'GET /crm/owners/2026-09': 1,
			'GET /crm/properties/2026-09/tickets/kirim_conversation_id': 1,
			'POST /crm/objects/2026-09/tickets/batch/read': 2,
			'POST /crm/objects/2026-09/tickets/batch/upsert': 2,
			'POST /crm/objects/2026-09/contacts/batch/read': 2,
			'POST /crm/associations/2026-09/tickets/contacts/batch/associate/default': 2,
		});
		const upserts = sim.pipeline.log.entries
			.filter((e) => e.path.endsWith('/batch/upsert'))
			.map((e) => (e.body as { inputs: unknown[] }).inputs.length);
		expect(upserts).toEqual([100, 50]);
		// The two items of conversation 100 became one input; the later item's status won.
		expect(ticketOf(100)).toHaveLength(1);
		expect(ticketOf(100)[0].properties.hs_pipeline_stage).toBe('2');
		expect(items[0].json.hubspotTicketId).toBe(items[150].json.hubspotTicketId);
	});

	it('a bad stage on one item fails that item only (continueOnFail); without it the node stops on that item', async () => {
		const input = [0, 1, 2].map((k) => ({ ...event(conversation(40 + k)), stage: k === 1 ? '77' : '3' }));
		const { items, error } = await upsert(input, { openStage: '={{ $json.stage }}' }, true);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json).toMatchObject({
			kirimConversationId: cnv(41),
			hubspotTicketId: null,
			sync: { status: 'failed' },
		});
		expect(items[1].json.error).toMatch(/"77" is not a stage of the pipeline Support Pipeline \(0\)/);
		expect(ticketOf(41)).toHaveLength(0);
		expect([40, 42].map((n) => ticketOf(n)[0]?.properties.hs_pipeline_stage)).toEqual(['3', '3']);

		const stopped = await upsert([{ ...event(conversation(43)), stage: '77' }], { openStage: '={{ $json.stage }}' });
		expect(stopped.error?.message).toMatch(/not a stage/);
	});

	it('a value HubSpot refuses (207) lands on its own item; a malformed conversation id is reported on its item', async () => {
		const mapping = { mapping: [{ target: 'hs_ticket_priority', value: '={{ $json.priority }}' }] };
		const input: IDataObject[] = [0, 1, 2].map((k) => ({
			...event(conversation(50 + k)),
			priority: k === 2 ? 'SOON' : 'HIGH',
		}));
		input.push({ ...event(conversation(53)), data: { conversation: { id: 'cnv_bad' } } });
		const { items, error } = await upsert(input, { fieldMappings: mapping }, true);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items[2].json.error).toMatch(/SOON|option/i);
		expect(items[2].json.sync).toMatchObject({ status: 'failed' });
		expect(items[3].json.error).toMatch(/not a Kirim conversation ID/);
		expect([50, 51].map((n) => ticketOf(n)[0].properties.hs_ticket_priority)).toEqual(['HIGH', 'HIGH']);
	});
});

describe('HubSpot Sync → Ticket → Close', () => {
	beforeEach(async () => {
		await start();
		await ensure();
	});

	it('moves the ticket to the pipeline’s closed stage; again is a skip; a conversation without a ticket is an error on its item', async () => {
		await upsert([event(conversation(60)), event(conversation(61))]);
		const closed = await run({ operation: 'close' }, [event(conversation(60)), event(conversation(62))], true);
		expect(closed.error).toBeUndefined();
		expect(closed.items[0].json).toMatchObject({
			operation: 'update',
			path: 'upsert',
			stageId: '4',
			hubspotTicketId: ticketOf(60)[0].id,
			sync: { changes: [{ field: 'hs_pipeline_stage', from: '1', to: '4' }] },
		});
		expect(ticketOf(60)[0].properties.hs_pipeline_stage).toBe('4');
		expect(ticketOf(61)[0].properties.hs_pipeline_stage).toBe('1');
		expect(closed.items[1].json.error).toMatch(/No HubSpot ticket has kirim_conversation_id = cnv_0+62/);
		const again = await run({ operation: 'close' }, [event(conversation(60))]);
		expect(again.items[0].json).toMatchObject({ operation: 'skip', stageId: '4' });
		const picked = await run({ operation: 'close', closedStage: '3' }, [event(conversation(61))]);
		expect(picked.items[0].json.stageId).toBe('3');
		expect(ticketOf(61)[0].properties.hs_pipeline_stage).toBe('3');
	});
});

describe('HubSpot Sync → Ticket without unique-value properties (search, then write)', () => {
	beforeEach(async () => {
		await start({ ticketUniqueProperties: false });
		await ensure();
	});

	it('finds tickets by search, creates the new and updates the known — no duplicate; Close works the same way', async () => {
		const contact = hubspotContact(70);
		const first = await upsert([event(conversation(70)), event(conversation(71))]);
		expect(first.error).toBeUndefined();
		expect(first.items.map((i) => [i.json.path, i.json.operation])).toEqual([
			['search', 'create'],
			['search', 'create'],
		]);
		expect(first.items[0].json.associatedContactId).toBe(contact.id);
		sim.pipeline.log.clear();
		const second = await upsert([event(conversation(70, { status: 'resolved' })), event(conversation(72))]);
		expect(second.items.map((i) => i.json.operation)).toEqual(['update', 'create']);
		expect(ticketOf(70)).toHaveLength(1);
		expect(ticketOf(70)[0].properties.hs_pipeline_stage).toBe('4');
		expect(requests()).toEqual(
			expect.arrayContaining([
				'POST /crm/objects/2026-09/tickets/search',
				'POST /crm/objects/2026-09/tickets/batch/create',
				'POST /crm/objects/2026-09/tickets/batch/update',
			]),
		);
		expect(requests()).not.toContain('POST /crm/objects/2026-09/tickets/batch/upsert');
		const closed = await run({ operation: 'close' }, [event(conversation(71))]);
		expect(closed.items[0].json).toMatchObject({ path: 'search', operation: 'update', stageId: '4' });
		expect(ticketOf(71)[0].properties.hs_pipeline_stage).toBe('4');
	});

	it('reports duplicate tickets an earlier race left behind, and writes to the oldest', async () => {
		const older = sim.ui.create('tickets', {
			subject: 'a',
			hs_pipeline: '0',
			hs_pipeline_stage: '1',
			kirim_conversation_id: cnv(80),
		});
		const newer = sim.ui.create('tickets', {
			subject: 'b',
			hs_pipeline: '0',
			hs_pipeline_stage: '1',
			kirim_conversation_id: cnv(80),
		});
		const { items } = await upsert([event(conversation(80, { status: 'pending' }))]);
		expect(items[0].json).toMatchObject({
			hubspotTicketId: older.id,
			duplicateTicketIds: [newer.id],
			operation: 'update',
		});
		expect(sim.store.live('tickets', older.id)!.properties.hs_pipeline_stage).toBe('2');
	});
});

describe('HubSpot Sync → Ticket wiring', () => {
	it('the Ticket resource is offered and each of its operations has a route', () => {
		const resource = node.description.properties.find((p) => p.name === 'resource')!;
		expect(resource.options).toEqual(expect.arrayContaining([{ name: 'Ticket', value: 'ticket' }]));
		const operation = node.description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('ticket'),
		)!;
		const values = (operation.options as Array<{ value: string }>).map((o) => o.value).sort();
		expect(values).toEqual(['close', 'ensureProperties', 'upsert']);
		expect(Object.keys(operations.ticket).sort()).toEqual(values);
	});
});

describe('HubSpot Sync → Ticket dropdowns', () => {
	beforeEach(async () => start());

	it('lists pipelines, the chosen pipeline’s stages after Automatic, and owners', async () => {
		expect(await loadHubSpotOptions(sim, node, 'getTicketPipelines', {})).toEqual([
			{ name: 'Support Pipeline', value: '0', description: 'ID 0' },
		]);
		const stages = await loadHubSpotOptions(sim, node, 'getTicketStages', {
			resource: 'ticket',
			operation: 'upsert',
			pipeline: '0',
		});
		expect(stages.map((s) => [s.name, s.value])).toEqual([
			['Automatic', 'auto'],
			['New', '1'],
			['Waiting on contact', '2'],
			['Waiting on us', '3'],
			['Closed (closed)', '4'],
		]);
		const unknownPipeline = await loadHubSpotOptions(sim, node, 'getTicketStages', {
			pipeline: '={{ $json.pipeline }}',
		});
		expect(unknownPipeline[1].name).toBe('Support Pipeline › New');
		const owners = await loadHubSpotOptions(sim, node, 'getOwners', {});
		expect(owners.map((o) => o.value).sort()).toEqual(['5001', '5002', '5003']);
		expect(owners[0].name).toBe('Agent One (agent.one@example.com)');
	});
});

describe('HubSpot Sync → Ticket → Create or Update, in a run a Kirim event started', () => {
	const created = '2026-11-22T10:05:00.000Z';
	/** A production run (webhook mode) whose items come from a Kirim Trigger, the event carrying its time. */
	const runAsTriggered = () =>
		runHubSpotNode(
			sim,
			node,
			{ resource: 'ticket', operation: 'upsert' },
			[{ ...event(conversation(1)), created_at: created }],
			false,
			{
				source: { name: 'Kirim Trigger', type: 'n8n-nodes-kirim.kirimTrigger' },
				mode: 'webhook',
			},
		);

	it('stamps the event’s time, so the same event run twice at once — both reading before either writes — writes each value once', async () => {
		await start();
		await ensure();
		hubspotContact(1);
		const changes = new Map<string, number>();
		sim.store.listeners.push((change) => {
			if (change.objectType !== 'tickets' || change.kind !== 'propertyChange') return;
			const key = String(change.propertyName);
			changes.set(key, (changes.get(key) ?? 0) + 1);
		});
		const runs = await Promise.all([runAsTriggered(), runAsTriggered()]);
		expect(runs.map((r) => r.error)).toEqual([undefined, undefined]);
		// Both runs wrote (neither saw the other's ticket), yet every value changed once: the same stamp twice.
		expect(runs.map((r) => r.items[0]?.json.operation).sort()).toEqual(['create', 'update']);
		expect(ticketOf(1)).toHaveLength(1);
		expect(ticketOf(1)[0].properties.kirim_last_synced_at).toBe(created);
		expect([...changes.entries()].filter(([, n]) => n > 1)).toEqual([]);
		expect(changes.get('kirim_last_synced_at')).toBe(1);
	});
});
