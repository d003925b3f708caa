import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { chooseCompany } from '../../../nodes/HubSpotSync/actions/contact/contact-company';
import { runHubSpotNode } from '../../harness/run-hubspot-node';

// Companies through n8n-core against the HubSpot simulator: Contact → Create or Update with *Associate With Company
// by Email Domain* (Kirim → HubSpot), and Contact → Get with *Include Company* (what HubSpot → Kirim puts into the
// Kirim contact's metadata).
const node = new HubSpotSync();
let hubspot: HubSpotSimulator;

beforeEach(async () => {
	hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	addSyncProperties(hubspot.store);
});
afterEach(async () => hubspot.close());

const ctc = (n: number) => `ctc_${String(n).padStart(26, '0')}`;
const kirimContact = (n: number, email: string | null) => ({
	id: ctc(n),
	object: 'contact',
	name: `Person ${n}`,
	email,
	phone_number: `+62812000${String(n).padStart(5, '0')}`,
	metadata: null,
	updated_at: '2026-12-04T06:00:00.000Z',
});
const contactEvent = (contact: IDataObject, type = 'contact.created', changed?: string[]) => ({
	event: type,
	data: { contact, ...(changed ? { changed_fields: changed } : {}) },
});
const upsert = (input: IDataObject[], options: IDataObject = { associateCompany: true }) =>
	runHubSpotNode(hubspot, node, { resource: 'contact', operation: 'upsert', options }, input, true);
const companiesOfContact = (contactId: string) =>
	hubspot.store.associations
		.filter((a) => a.fromType === 'contacts' && a.fromId === contactId && a.toType === 'companies')
		.map((a) => a.toId);
const hubspotIdOf = (n: number) => hubspot.store.findBy('contacts', 'kirim_contact_id', ctc(n))!.id;

describe('HubSpot Sync → Contact → Create or Update → Associate With Company by Email Domain', () => {
	it('new contacts join the one company with their email domain; personal mailboxes and unknown domains do not', async () => {
		const acme = hubspot.ui.createCompany({ name: 'Acme', domain: 'acme.co.id' });
		hubspot.ui.createCompany({ name: 'Globex', domain: 'globex.com' });
		const result = await upsert([
			contactEvent(kirimContact(1, 'budi@acme.co.id')),
			contactEvent(kirimContact(2, 'sari@gmail.com')),
			contactEvent(kirimContact(3, 'rina@unknown.example')),
			contactEvent(kirimContact(4, 'DEWI@ACME.CO.ID')),
		]);
		expect(result.items.map((i) => (i.json.company as IDataObject | undefined)?.status)).toEqual([
			'associated',
			'skipped',
			'skipped',
			'associated',
		]);
		expect(result.items[2].json.company).toMatchObject({ reason: 'no HubSpot company has the domain unknown.example' });
		expect(companiesOfContact(hubspotIdOf(1))).toEqual([acme.id]);
		expect(companiesOfContact(hubspotIdOf(2))).toEqual([]);
		expect(companiesOfContact(hubspotIdOf(4))).toEqual([acme.id]);
	});

	it('two companies with one domain: no guess, the item says why', async () => {
		hubspot.ui.createCompany({ name: 'Acme ID', domain: 'acme.co.id' });
		hubspot.ui.createCompany({ name: 'Acme Holding', domain: 'acme.co.id' });
		const result = await upsert([contactEvent(kirimContact(1, 'budi@acme.co.id'))]);
		expect(result.items[0].json.company).toMatchObject({
			status: 'skipped',
			reason: '2 HubSpot companies have the domain acme.co.id',
		});
		expect(companiesOfContact(hubspotIdOf(1))).toEqual([]);
	});

	it('off by default; an update that writes no email (HubSpot owns it once set) associates nothing', async () => {
		hubspot.ui.createCompany({ name: 'Acme', domain: 'acme.co.id' });
		await upsert([contactEvent(kirimContact(1, 'budi@acme.co.id'))], {});
		expect(companiesOfContact(hubspotIdOf(1))).toEqual([]);
		hubspot.ui.createCompany({ name: 'Globex', domain: 'globex.com' });
		const moved = await upsert([contactEvent(kirimContact(1, 'budi@globex.com'), 'contact.updated', ['email'])]);
		expect(moved.items[0].json.error).toBeUndefined();
		expect(moved.items[0].json.company).toBeUndefined();
		expect(companiesOfContact(hubspotIdOf(1))).toEqual([]);
	});

	it('150 new contacts over 120 domains: 2 company searches and 2 association requests', async () => {
		for (let d = 0; d < 120; d++) hubspot.ui.createCompany({ name: `Co ${d}`, domain: `co${d}.example` });
		hubspot.pipeline.log.clear();
		const items = Array.from({ length: 150 }, (_, n) => contactEvent(kirimContact(n, `p${n}@co${n % 120}.example`)));
		const result = await upsert(items);
		expect(result.items.filter((i) => (i.json.company as IDataObject)?.status !== 'associated')).toEqual([]);
		const calls = hubspot.pipeline.log.entries.map((e) => `${e.method} ${e.path}`);
		expect(calls.filter((c) => c === 'POST /crm/objects/2026-09/companies/search')).toHaveLength(2);
		expect(calls.filter((c) => c.endsWith('/contacts/companies/batch/associate/default'))).toHaveLength(2);
	});
});

describe('HubSpot Sync → Contact → Get → Include Company', () => {
	const get = (hubspotId: string, includeCompany = true) =>
		runHubSpotNode(
			hubspot,
			node,
			{ resource: 'contact', operation: 'get', lookupBy: 'hubspotId', hubspotId, includeCompany },
			[{}],
		);

	// The simulator keeps no association labels, so the primary-company branch (type 1) is not exercised here.
	it('adds the first associated company, null without one, nothing when off', async () => {
		const contact = hubspot.ui.create('contacts', { firstname: 'Budi', kirim_contact_id: ctc(1) });
		const alone = hubspot.ui.create('contacts', { firstname: 'Sari', kirim_contact_id: ctc(2) });
		const acme = hubspot.ui.createCompany({ name: 'Acme', domain: 'acme.co.id', city: 'Jakarta' });
		const globex = hubspot.ui.createCompany({ name: 'Globex', domain: 'globex.com' });
		hubspot.ui.associate('contacts', contact.id, 'companies', globex.id);
		hubspot.ui.associate('contacts', contact.id, 'companies', acme.id);
		const first = Number(acme.id) < Number(globex.id) ? acme : globex;
		expect((await get(contact.id)).items[0].json.company).toMatchObject({ id: first.id, name: first.properties.name });
		expect((await get(alone.id)).items[0].json.company).toBeNull();
		expect((await get(contact.id, false)).items[0].json).not.toHaveProperty('company');
	});
});

describe('which company a contact shows', () => {
	it('the one HubSpot marks primary (association type 1), else the lowest id, else none', () => {
		expect(
			chooseCompany([
				{ id: '30', typeIds: [279] },
				{ id: '20', typeIds: [279] },
			]),
		).toBe('20');
		expect(
			chooseCompany([
				{ id: '20', typeIds: [279] },
				{ id: '30', typeIds: [279, 1] },
			]),
		).toBe('30');
		expect(chooseCompany([])).toBeUndefined();
	});
});
