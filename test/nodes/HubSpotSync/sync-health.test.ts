import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import type { RunHealth } from '../../../nodes/shared/health/run-health';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { startKirimSimulator } from '../../../simulators/kirim';
import { runWithBothSimulators } from '../../harness/run-hubspot-kirim-node';

const node = new HubSpotSync();
const ulid = (n: number) => String(n).padStart(26, '0');
const ctc = (n: number) => `ctc_${ulid(n)}`;
const cnv = (n: number) => `cnv_${ulid(n)}`;
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
const contactEvent = (n: number, updatedAt: string, extra: IDataObject = {}) => ({
	event: 'contact.updated',
	data: {
		contact: {
			id: ctc(n),
			name: `Person ${n}`,
			email: `person${n}@example.com`,
			phone_number: `+62812000${String(n).padStart(5, '0')}`,
			updated_at: updatedAt,
		},
	},
	...extra,
});
const conversationEvent = (n: number, updatedAt: string) => ({
	event: 'conversation.assigned',
	data: {
		conversation: {
			id: cnv(n),
			status: 'open',
			contact: { id: ctc(n), name: `Person ${n}` },
			assignee: null,
			created_at: updatedAt,
			updated_at: updatedAt,
		},
	},
});

let sim: HubSpotSimulator;
beforeEach(async () => {
	sim = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	addSyncProperties(sim.store);
});
afterEach(async () => sim.close());

const run = (parameters: IDataObject, input: IDataObject[], staticData?: IDataObject, continueOnFail = true) =>
	runWithBothSimulators({ hubspot: sim }, node, parameters, input, { staticData, continueOnFail });
const healthOf = (json: IDataObject) => json.syncHealth as unknown as RunHealth;

describe('HubSpot Sync write operations carry syncHealth', () => {
	it('contact upsert: read, written, skipped, rejected as the simulator saw them; lag from the newest updated_at', async () => {
		sim.ui.create('contacts', {
			kirim_contact_id: ctc(1),
			firstname: 'Person',
			lastname: '1',
			email: 'person1@example.com',
			phone: '+6281200000001',
		});
		const mapping = { mapping: [{ target: 'lifecyclestage', value: '={{ $json.stage }}' }] };
		const input = [
			contactEvent(1, ago(600), { stage: '' }), // already as Kirim has it: skip
			contactEvent(2, ago(90), { stage: 'lead' }), // new: create
			contactEvent(3, ago(3600), { stage: 'not-a-stage' }), // HubSpot refuses the value: rejected
			contactEvent(4, ago(45), { stage: 'lead' }), // new: create (the newest source time)
		];
		const { items, error } = await run(
			{
				resource: 'contact',
				operation: 'upsert',
				mappingMode: 'custom',
				fieldMappings: {
					mapping: [...mapping.mapping, { target: 'phone', value: '={{ $json.data.contact.phone_number }}' }],
				},
				options: { link: false, readBefore: true },
			},
			input,
		);
		expect(error).toBeUndefined();
		const health = healthOf(items[0].json);
		// Written in this run: stamped with a send time at or after the run started.
		const stamped = [...sim.store.objects.contacts.values()].filter(
			(c) => Date.parse(String(c.properties.kirim_last_synced_at)) >= Date.parse(health.runAt),
		);
		expect(health).toMatchObject({
			read: input.length,
			written: stamped.length,
			skipped: 1,
			rejected: items.filter((i) => i.json.error).length,
		});
		expect(health.written).toBe(2);
		expect(health.rejected).toBe(1);
		expect(health.lagSeconds).toBeGreaterThanOrEqual(45);
		expect(health.lagSeconds).toBeLessThan(60);
		expect(Date.parse(health.newestSourceUpdatedAt!)).toBe(Date.parse(input[3].data.contact.updated_at));
		for (const item of items) expect(item.json.syncHealth).toEqual(health);
	});

	it('below a trigger that keeps state (here a test source) keeps nothing in static data and reports no last success', async () => {
		const staticData: IDataObject = {};
		const first = await run(
			{ resource: 'contact', operation: 'upsert', options: { link: false } },
			[contactEvent(5, ago(30))],
			staticData,
		);
		expect(healthOf(first.items[0].json)).toMatchObject({
			written: 1,
			lastSuccessfulRunAt: null,
			secondsSinceLastSuccess: null,
		});

		const bad = { mapping: [{ target: 'lifecyclestage', value: 'bogus' }] };
		const failed = await run(
			{ resource: 'contact', operation: 'upsert', mappingMode: 'custom', fieldMappings: bad, options: { link: false } },
			[contactEvent(6, ago(30))],
			staticData,
		);
		expect(healthOf(failed.items[0].json)).toMatchObject({
			rejected: 1,
			written: 0,
			lastSuccessfulRunAt: null,
			secondsSinceLastSuccess: null,
		});
		expect(staticData).toEqual({});
	});

	it('Reconcile below a Schedule Trigger keeps its last success (and only that, with Contacts per Run 0) between runs', async () => {
		const kirim = await startKirimSimulator({ tier: 'pro' });
		try {
			const staticData: IDataObject = {};
			const source = { name: 'Schedule Trigger', type: 'n8n-nodes-base.scheduleTrigger' };
			const reconcile = () =>
				runWithBothSimulators(
					{ hubspot: sim, kirim },
					node,
					{ resource: 'contact', operation: 'reconcile', output: 'summary' },
					[{}],
					{ staticData, source },
				);
			const first = healthOf((await reconcile()).items[0].json);
			expect(first).toMatchObject({ lastSuccessfulRunAt: null, secondsSinceLastSuccess: null });
			const second = healthOf((await reconcile()).items[0].json);
			expect(second.lastSuccessfulRunAt).toBe(first.runAt);
			expect(second.secondsSinceLastSuccess).toBe(
				Math.round((Date.parse(second.runAt) - Date.parse(first.runAt)) / 1000),
			);
			expect(staticData).toEqual({ 'node:Node Under Test': { lastSuccess: { v: 1, at: second.runAt } } });
		} finally {
			await kirim.close();
		}
	});

	it('the Source Updated At option, when set, is the time the lag is measured from', async () => {
		const { items } = await run(
			{ resource: 'contact', operation: 'upsert', options: { link: false, sourceUpdatedAt: '={{ $json.changedAt }}' } },
			[{ ...contactEvent(8, ago(5)), changedAt: ago(7200) }],
		);
		expect(healthOf(items[0].json).lagSeconds).toBeGreaterThanOrEqual(7200);
	});

	it('ticket upsert and close: figures on every item, an error counted as rejected', async () => {
		await run({ resource: 'ticket', operation: 'ensureProperties' }, [{}]);
		const upserted = await run({ resource: 'ticket', operation: 'upsert' }, [
			conversationEvent(1, ago(120)),
			conversationEvent(2, ago(20)),
		]);
		expect(upserted.error).toBeUndefined();
		const tickets = [...sim.store.objects.tickets.values()].filter((t) => !t.archived);
		expect(healthOf(upserted.items[1].json)).toMatchObject({
			read: 2,
			written: tickets.length,
			rejected: 0,
			skipped: 0,
		});
		expect(tickets).toHaveLength(2);
		expect(healthOf(upserted.items[0].json).lagSeconds).toBeGreaterThanOrEqual(20);
		expect(healthOf(upserted.items[0].json).lagSeconds).toBeLessThan(60);

		const closed = await run({ resource: 'ticket', operation: 'close' }, [
			conversationEvent(1, ago(10)),
			conversationEvent(9, ago(10)),
		]);
		expect(closed.items.map((i) => healthOf(i.json))).toEqual([
			expect.objectContaining({ read: 2, written: 1, rejected: 1 }),
			expect.objectContaining({ read: 2, written: 1, rejected: 1 }),
		]);
		expect(closed.items[1].json.error).toBeDefined();
	});

	it('reads and property setup carry no figures', async () => {
		const { items } = await run({ resource: 'contact', operation: 'ensureProperties' }, [{}]);
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((i) => i.json.syncHealth === undefined)).toBe(true);
	});
});
