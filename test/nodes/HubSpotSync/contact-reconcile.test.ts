import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import type { RunHealth } from '../../../nodes/shared/health/run-health';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import type { Contact } from '../../../simulators/kirim/store';
import { runWithBothSimulators, type RunOptions } from '../../harness/run-hubspot-kirim-node';

const node = new HubSpotSync();
let hubspot: HubSpotSimulator;
let kirim: KirimSimulator;

beforeEach(async () => {
	hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	kirim = await startKirimSimulator({ tier: 'pro' });
	addSyncProperties(hubspot.store);
});
afterEach(async () => {
	await hubspot.close();
	await kirim.close();
});

const reconcile = (parameters: IDataObject = {}, options: RunOptions = {}) =>
	runWithBothSimulators(
		{ hubspot, kirim },
		node,
		{ resource: 'contact', operation: 'reconcile', ...parameters },
		[{}],
		options,
	);
const addKirim = (n: number, fields: Partial<Omit<Contact, 'phone_number'>> = {}) =>
	kirim.store.addContact(
		{
			phone_number: `+62812000${String(n).padStart(5, '0')}`,
			name: `Person${n} Tester`,
			email: `person${n}@example.com`,
			...fields,
		},
		kirim.phoneNumberIds[0],
	);
/** The HubSpot contact exactly as the sync would have written it from this Kirim contact. */
const linkedAsSynced = (c: Contact, overrides: Record<string, unknown> = {}) => {
	const [first, ...rest] = String(c.name).split(' ');
	return hubspot.ui.create('contacts', {
		kirim_contact_id: c.id,
		firstname: first,
		lastname: rest.join(' '),
		email: c.email,
		phone: c.phone_number,
		...overrides,
	});
};
const hubspotByKirimId = (id: string) => hubspot.store.findBy('contacts', 'kirim_contact_id', id);
const findings = (items: Array<{ json: IDataObject }>) =>
	items.filter((i) => i.json.kind !== 'summary').map((i) => i.json);
const summaryOf = (items: Array<{ json: IDataObject }>) => items.find((i) => i.json.kind === 'summary')!.json;
const kirimWrites = () => kirim.pipeline.log.entries.filter((e) => e.method !== 'GET');
const hubspotWrites = () => hubspot.pipeline.log.entries.filter((e) => /batch\/(upsert|update|create)$/.test(e.path));
/** A Kirim id of the right shape that Kirim does not have. */
const GONE = 'ctc_01GXNEGXNEGXNEGXNEGXNEGXNE';

/** One contact per kind of drift, plus one in sync and one HubSpot contact that is not linked at all. */
function plant() {
	const same = addKirim(1);
	linkedAsSynced(same);
	const missingInCrm = addKirim(2);
	const phoneDiffers = addKirim(3);
	linkedAsSynced(phoneDiffers, { phone: '+6281299999999' }); // Kirim owns the phone: repair HubSpot
	const nameDiffers = addKirim(4, { name: 'Bob Santoso' });
	linkedAsSynced(nameDiffers, { firstname: 'Robert' }); // HubSpot owns the name: repair Kirim
	const lastnameEmpty = addKirim(5, { name: 'Ana Lim' });
	linkedAsSynced(lastnameEmpty, { lastname: '' }); // empty in HubSpot: filled from Kirim
	const gone = hubspot.ui.create('contacts', {
		kirim_contact_id: GONE,
		firstname: 'Ghost',
		email: 'ghost@example.com',
	});
	hubspot.ui.create('contacts', { firstname: 'Unlinked', email: 'unlinked@example.com' });
	return { same, missingInCrm, phoneDiffers, nameDiffers, lastnameEmpty, gone };
}

describe('HubSpot Sync → Contact → Reconcile with Kirim', () => {
	it('finds planted drift of each kind, says who owns it and where it would be repaired, and writes nothing', async () => {
		const p = plant();
		const { items, error } = await reconcile();
		expect(error).toBeUndefined();
		const found = findings(items);
		const of = (kind: string, id: string) => found.filter((f) => f.kind === kind && f.kirimContactId === id);
		expect(found.some((f) => f.kirimContactId === p.same.id)).toBe(false);

		expect(of('missing_in_crm', p.missingInCrm.id)).toEqual([
			expect.objectContaining({
				repairIn: 'hubspot',
				hubspotId: null,
				repair: 'off',
				write: expect.objectContaining({ firstname: 'Person2', email: 'person2@example.com', phone: '+6281200000002' }),
			}),
		]);
		expect(of('field_differs', p.phoneDiffers.id)).toEqual([
			expect.objectContaining({
				repairIn: 'hubspot',
				write: { phone: '+6281200000003' },
				fields: [
					expect.objectContaining({
						field: 'phone',
						owner: 'kirim',
						kirim: '+6281200000003',
						hubspot: '+6281299999999',
					}),
				],
			}),
		]);
		expect(of('field_differs', p.nameDiffers.id)).toEqual([
			expect.objectContaining({
				repairIn: 'kirim',
				write: { name: 'Robert Santoso' },
				fields: [
					expect.objectContaining({
						field: 'firstname',
						owner: 'crm',
						kirim: 'Bob',
						hubspot: 'Robert',
						kirimField: 'name',
					}),
				],
			}),
		]);
		expect(of('field_differs', p.lastnameEmpty.id)).toEqual([
			expect.objectContaining({
				repairIn: 'hubspot',
				write: { lastname: 'Lim' },
				fields: [expect.objectContaining({ field: 'lastname', owner: 'crm', hubspot: null })],
			}),
		]);
		expect(of('missing_in_kirim', GONE)).toEqual([
			expect.objectContaining({ hubspotId: p.gone.id, repairIn: null, repair: 'report_only', confirmed: true }),
		]);
		expect(found).toHaveLength(5);
		expect(summaryOf(items)).toMatchObject({
			complete: true,
			kirimContacts: 5,
			hubspotLinkedContacts: 5,
			findings: { missing_in_crm: 1, field_differs: 3, missing_in_kirim: 1, error: 0 },
			toRepair: 4,
			missingInKirimChecked: true,
		});
		expect(kirimWrites()).toHaveLength(0);
		expect(hubspotWrites()).toHaveLength(0);
	});

	it('with Repair writes the owner’s values through the sync rules, and a second reconcile finds nothing to repair', async () => {
		const p = plant();
		const { items, error } = await reconcile({ repair: true });
		expect(error).toBeUndefined();
		const repaired = findings(items).filter((f) => f.kind !== 'missing_in_kirim');
		expect(repaired).toHaveLength(4);
		expect(repaired.every((f) => f.repair === 'written')).toBe(true);

		const created = hubspotByKirimId(p.missingInCrm.id)!;
		expect(created.properties).toMatchObject({
			firstname: 'Person2',
			lastname: 'Tester',
			email: 'person2@example.com',
			phone: '+6281200000002',
		});
		expect(repaired.find((f) => f.kirimContactId === p.missingInCrm.id)).toMatchObject({
			hubspotId: created.id,
			sync: { operation: 'create', direction: 'to_crm', status: 'success' },
		});
		expect(hubspotByKirimId(p.phoneDiffers.id)!.properties.phone).toBe('+6281200000003');
		expect(hubspotByKirimId(p.lastnameEmpty.id)!.properties.lastname).toBe('Lim');
		expect(hubspotByKirimId(p.nameDiffers.id)!.properties.firstname).toBe('Robert'); // HubSpot's own value is never overwritten
		expect(kirim.store.contacts.get(p.nameDiffers.id)!.name).toBe('Robert Santoso');
		expect(repaired.find((f) => f.repairIn === 'kirim')).toMatchObject({
			sync: {
				operation: 'update',
				direction: 'from_crm',
				changes: [{ field: 'name', from: 'Bob Santoso', to: 'Robert Santoso' }],
			},
		});
		expect(findings(items).find((f) => f.kind === 'missing_in_kirim')).toMatchObject({
			kirimContactId: GONE,
			repair: 'report_only',
		});
		expect(hubspot.store.live('contacts', p.gone.id)).toBeDefined(); // report only: nothing deleted, nothing recreated

		kirim.pipeline.log.clear();
		hubspot.pipeline.log.clear();
		const second = await reconcile({ repair: true });
		expect(second.error).toBeUndefined();
		expect(findings(second.items).map((f) => f.kind)).toEqual(['missing_in_kirim']);
		expect(summaryOf(second.items)).toMatchObject({
			toRepair: 0,
			findings: { missing_in_crm: 0, field_differs: 0, missing_in_kirim: 1 },
		});
		expect(kirimWrites()).toHaveLength(0);
		expect(hubspotWrites()).toHaveLength(0);
	});

	it('health figures match what the simulators saw; the summary’s request counts match their logs', async () => {
		plant();
		const newest = Math.max(...[...kirim.store.contacts.values()].map((c) => Date.parse(c.updated_at)));
		kirim.pipeline.log.clear();
		hubspot.pipeline.log.clear();
		const { items, error } = await reconcile({ repair: true });
		expect(error).toBeUndefined();
		const health = items[0].json.syncHealth as unknown as RunHealth;
		for (const item of items) expect(item.json.syncHealth).toEqual(health);
		const summary = summaryOf(items);
		const kirimPatches = kirim.pipeline.log.entries.filter((e) => e.method === 'PATCH').length;
		const upserted = hubspotWrites().reduce((n, e) => n + ((e.body as { inputs: unknown[] }).inputs?.length ?? 0), 0);
		expect(health.read).toBe(kirim.store.contacts.size);
		expect(health.written).toBe(kirimPatches + upserted);
		expect(health.written).toBe(4);
		expect(health.skipped).toBe(1); // missing in Kirim: report only
		expect(health.rejected).toBe(0);
		expect(health.newestSourceUpdatedAt).toBe(new Date(newest).toISOString());
		expect(summary.requests).toEqual({
			kirim: kirim.pipeline.log.entries.filter((e) => e.path.startsWith('/v1/')).length,
			hubspot: hubspot.pipeline.log.entries.filter((e) => e.path.startsWith('/crm/')).length,
		});
	});

	it('custom mapping: a metadata field HubSpot owns is repaired in Kirim, a field overridden to Kirim is repaired in HubSpot', async () => {
		const c = addKirim(10, { metadata: { stage: 'lead', company: 'Kirim Co' } });
		linkedAsSynced(c, { lifecyclestage: 'customer', company: 'Old Co' });
		const parameters = {
			repair: true,
			mappingMode: 'custom',
			fieldMappings: {
				mapping: [
					{ target: 'lifecyclestage', value: '={{ $json.metadata.stage }}' },
					{ target: 'company', value: '={{ $json.data?.contact?.metadata?.company ?? $json.metadata.company }}' },
				],
			},
			fieldOwnership: { rule: [{ field: 'company', owner: 'kirim' }] },
			options: { checkMissingInKirim: false },
		};
		const { items, error } = await reconcile(parameters);
		expect(error).toBeUndefined();
		expect(findings(items)).toEqual([
			expect.objectContaining({
				repairIn: 'hubspot',
				repair: 'written',
				write: { company: 'Kirim Co' },
				fields: [expect.objectContaining({ field: 'company', owner: 'kirim' })],
			}),
			expect.objectContaining({
				repairIn: 'kirim',
				repair: 'written',
				write: { metadata: { stage: 'customer' } },
				fields: [expect.objectContaining({ field: 'lifecyclestage', owner: 'crm', kirimField: 'metadata.stage' })],
			}),
		]);
		expect(kirim.store.contacts.get(c.id)!.metadata).toMatchObject({ stage: 'customer', company: 'Kirim Co' });
		expect(hubspotByKirimId(c.id)!.properties).toMatchObject({ company: 'Kirim Co', lifecyclestage: 'customer' });
		const second = await reconcile(parameters);
		expect(findings(second.items)).toEqual([]);
		expect(summaryOf(second.items)).toMatchObject({ toRepair: 0, missingInKirimChecked: false });
	});

	it('drift no write can settle is reported as not repairable (and left alone)', async () => {
		const c = addKirim(11, { name: 'bob' });
		linkedAsSynced(c, { firstname: 'Robert' });
		const parameters = {
			repair: true,
			mappingMode: 'custom',
			fieldMappings: { mapping: [{ target: 'firstname', value: '={{ $json.name }}', transforms: ['lowercase'] }] },
		};
		const { items } = await reconcile(parameters);
		expect(findings(items)).toEqual([
			expect.objectContaining({
				repair: 'not_repairable',
				fields: [expect.objectContaining({ notRepairable: expect.stringMatching(/cannot give HubSpot's value back/) })],
			}),
		]);
		expect(kirim.store.contacts.get(c.id)!.name).toBe('bob');
		expect(kirimWrites()).toHaveLength(0);
	});

	it('Contacts per Run: each run continues where the last stopped (static data), no contact twice, none missed', async () => {
		const ids = Array.from({ length: 250 }, (_, n) => addKirim(100 + n).id).sort(); // Kirim lists them in id order
		const staticData: IDataObject = {};
		const seen: string[] = [];
		const summaries: IDataObject[] = [];
		for (let run = 0; run < 3; run++) {
			const { items, error } = await reconcile({ options: { maxContacts: 100 } }, { staticData });
			expect(error).toBeUndefined();
			seen.push(...findings(items).map((f) => String(f.kirimContactId)));
			summaries.push(summaryOf(items));
		}
		expect(summaries.map((s) => [s.kirimContacts, s.complete, s.missingInKirimChecked])).toEqual([
			[100, false, false],
			[100, false, false],
			[50, true, false],
		]);
		expect(seen).toHaveLength(250);
		expect(new Set(seen)).toEqual(new Set(ids));
		// After a complete walk the next run starts again from the first page.
		const again = await reconcile({ options: { maxContacts: 100 } }, { staticData });
		expect(findings(again.items)[0].kirimContactId).toBe(ids[0]);
	});

	it('Contacts per Run below one of our poll triggers is refused (its save would put the trigger back); without it Reconcile runs there', async () => {
		addKirim(1);
		const below = { name: 'New Contacts', type: 'n8n-nodes-kirim.kirimPollTrigger' };
		const staticData: IDataObject = {};
		const refused = await reconcile({ options: { maxContacts: 100 } }, { staticData, source: below });
		expect(refused.error?.message).toBe('Contacts per Run cannot be used in a workflow started by "New Contacts"');
		expect(refused.error?.description).toContain('set Contacts per Run to 0');
		expect(staticData).toEqual({});
		expect(kirim.pipeline.log.entries).toHaveLength(0);

		const whole = await reconcile({}, { staticData, source: below });
		expect(whole.error).toBeUndefined();
		expect(summaryOf(whole.items)).toMatchObject({ kirimContacts: 1, complete: true });
		// n8n hands the node an empty record (not a change n8n saves); nothing is written into it.
		expect(staticData).toEqual({ 'node:Node Under Test': {} });
		const scheduled = await reconcile(
			{ options: { maxContacts: 100 } },
			{ source: { name: 'Schedule Trigger', type: 'n8n-nodes-base.scheduleTrigger' } },
		);
		expect(scheduled.error).toBeUndefined();
	});

	it.each([
		['Kirim Trigger', 'n8n-nodes-kirim.kirimTrigger', 'dedupe snapshot and its Kirim subscription'],
		['HubSpot Sync Trigger', 'n8n-nodes-kirim.hubSpotSyncTrigger', 'dedupe snapshot'],
	])(
		'Contacts per Run below the %s is refused too (its save would put back what deliveries wrote meanwhile)',
		async (name, type, kept) => {
			addKirim(1);
			const staticData: IDataObject = {};
			const refused = await reconcile({ options: { maxContacts: 100 } }, { staticData, source: { name, type } });
			expect(refused.error?.message).toBe(`Contacts per Run cannot be used in a workflow started by "${name}"`);
			expect(refused.error?.description).toContain(kept);
			expect(staticData).toEqual({});
			expect(kirim.pipeline.log.entries).toHaveLength(0);
		},
	);

	it('a saved position Kirim refuses (invalid_cursor) starts the walk again from the first page', async () => {
		addKirim(1);
		const staticData: IDataObject = { 'node:Node Under Test': { reconcilePosition: { v: 1, cursor: 'not-a-cursor' } } };
		const { items, error } = await reconcile({ options: { maxContacts: 100 } }, { staticData });
		expect(error).toBeUndefined();
		expect(summaryOf(items)).toMatchObject({ restartedFromFirstPage: true, complete: true, kirimContacts: 1 });
	});

	it('Kirim Repairs per Run: the rest are deferred, and the next run repairs them', async () => {
		const contacts = [20, 21, 22].map((n) => addKirim(n));
		for (const c of contacts) linkedAsSynced(c, { email: `crm${c.phone_number}@example.com` });
		const first = await reconcile({ repair: true, options: { kirimRepairsPerRun: 2 } });
		expect(findings(first.items).map((f) => f.repair)).toEqual(['written', 'written', 'deferred']);
		expect(summaryOf(first.items)).toMatchObject({ toRepair: 1 });
		expect(kirim.pipeline.log.entries.filter((e) => e.method === 'PATCH')).toHaveLength(2);
		const deferred = findings(first.items)[2].kirimContactId;
		expect(kirim.store.contacts.get(String(deferred))!.email).toMatch(/^person/);
		const second = await reconcile({ repair: true, options: { kirimRepairsPerRun: 2 } });
		expect(findings(second.items)).toEqual([expect.objectContaining({ kirimContactId: deferred, repair: 'written' })]);
		const third = await reconcile({ repair: true });
		expect(findings(third.items)).toEqual([]);
	});

	it('Summary Only outputs one item with the counts and the run’s health', async () => {
		plant();
		const { items } = await reconcile({ output: 'summary' });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			kind: 'summary',
			findings: { missing_in_crm: 1, field_differs: 3, missing_in_kirim: 1 },
		});
		expect(items[0].json.syncHealth).toMatchObject({ read: 5, skipped: 5, written: 0 });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('a mapping value Reconcile cannot read against a contact is refused, naming the mapping', async () => {
		addKirim(1);
		const { error } = await reconcile({
			mappingMode: 'custom',
			fieldMappings: { mapping: [{ target: 'firstname', value: '={{ $json.name.toUpperCase() }}' }] },
		});
		expect(error?.message).toMatch(/Mapping 1: Reconcile reads each Kirim contact itself/);
	});

	it('a contact whose two mappings give one field two values fails only that contact (continueOnFail), else the run', async () => {
		const a = addKirim(30, { metadata: { x: 'A', y: 'A' } });
		const b = addKirim(31, { metadata: { x: 'A', y: 'B' } });
		const parameters = {
			mappingMode: 'custom',
			fieldMappings: {
				mapping: [
					{ target: 'company', value: '={{ $json.metadata.x }}' },
					{ target: 'company', value: '={{ $json.metadata.y }}' },
				],
			},
			options: { checkMissingInKirim: false },
		};
		const soft = await reconcile(parameters, { continueOnFail: true });
		expect(soft.error).toBeUndefined();
		const byId = new Map(findings(soft.items).map((f) => [f.kirimContactId, f]));
		expect(byId.size).toBe(2);
		expect(byId.get(a.id)).toMatchObject({ kind: 'missing_in_crm' });
		expect(byId.get(b.id)).toMatchObject({
			kind: 'error',
			error: expect.stringMatching(/Two mappings write the field "company"/),
		});
		expect((soft.items[0].json.syncHealth as IDataObject).rejected).toBe(1);
		const hard = await reconcile(parameters);
		expect(hard.error?.message).toMatch(new RegExp(`Kirim contact ${b.id}: Two mappings`));
	});

	it('links a HubSpot contact made elsewhere (same email) instead of creating a twin', async () => {
		const c = addKirim(40);
		const form = hubspot.ui.create('contacts', { email: 'person40@example.com', firstname: 'Formfill' });
		const { items } = await reconcile({ repair: true });
		expect(findings(items)).toEqual([
			expect.objectContaining({
				kind: 'missing_in_crm',
				repair: 'written',
				hubspotId: form.id,
				sync: expect.objectContaining({ operation: 'link' }),
			}),
		]);
		expect(hubspot.store.live('contacts', form.id)!.properties).toMatchObject({
			kirim_contact_id: c.id,
			firstname: 'Formfill',
		});
	});
});
