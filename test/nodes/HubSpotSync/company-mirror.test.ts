import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { runWithBothSimulators } from '../../harness/run-hubspot-kirim-node';

// HubSpot Sync → Company → Mirror to Kirim Contacts through n8n-core against both simulators: a company renamed in
// HubSpot reaches the metadata of the Kirim contacts it is the company of, and only those.
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

function linkedContact(n: number, companyId?: string): { hubspotId: string; kirimId: string } {
	const contact = kirim.store.addContact(
		{ phone_number: `+62812000${String(n).padStart(5, '0')}`, name: `Person ${n}`, metadata: { tier: 'gold' } },
		kirim.phoneNumberIds[0],
	);
	const record = hubspot.ui.create('contacts', { firstname: `Person ${n}`, kirim_contact_id: contact.id });
	if (companyId) hubspot.ui.associate('contacts', record.id, 'companies', companyId);
	return { hubspotId: record.id, kirimId: contact.id };
}
const metadataOf = (kirimId: string) => {
	const metadata = { ...(kirim.store.contacts.get(kirimId)?.metadata ?? {}) } as IDataObject;
	delete metadata.n8n_kirim_sync;
	return metadata;
};
const mirror = (companyIds: string[], continueOnFail = false) =>
	runWithBothSimulators(
		{ hubspot, kirim },
		node,
		{ resource: 'company', operation: 'mirrorToKirim' },
		companyIds.map((objectId) => ({ objectId, subscriptionType: 'company.propertyChange' })),
		{ continueOnFail },
	);

describe('HubSpot Sync → Company → Mirror to Kirim Contacts', () => {
	it('a rename reaches the Kirim contacts whose company it is; a second run writes nothing', async () => {
		const company = hubspot.ui.createCompany({ name: 'Example Trading', domain: 'example.com' });
		const a = linkedContact(1, company.id);
		const b = linkedContact(2, company.id);
		const unlinked = hubspot.ui.create('contacts', { firstname: 'No Kirim' });
		hubspot.ui.associate('contacts', unlinked.id, 'companies', company.id);
		const outsider = linkedContact(3);
		hubspot.ui.updateCompany(company.id, { name: 'Example Trading Group' });

		const first = (await mirror([company.id])).items[0].json;
		expect(first).toMatchObject({
			companyId: company.id,
			name: 'Example Trading Group',
			domain: 'example.com',
			contacts: 3,
			notLinked: 1,
			otherCompany: 0,
			operation: 'update',
		});
		for (const contact of [a, b])
			expect(metadataOf(contact.kirimId)).toEqual({
				tier: 'gold',
				crm_company: 'Example Trading Group',
				crm_company_domain: 'example.com',
			});
		expect(metadataOf(outsider.kirimId)).toEqual({ tier: 'gold' });

		const writes = kirim.pipeline.log.entries.filter((e) => e.method === 'PATCH').length;
		const second = (await mirror([company.id, company.id])).items.map((i) => i.json);
		expect(second[0]).toMatchObject({ operation: 'skip' });
		expect(second[1]).toMatchObject({ operation: 'skip', reason: 'done for item 0 of this run' });
		expect(kirim.pipeline.log.entries.filter((e) => e.method === 'PATCH')).toHaveLength(writes);
	});

	it('a contact whose company (primary, else lowest ID) is another one keeps that company in Kirim', async () => {
		const first = hubspot.ui.createCompany({ name: 'Alpha', domain: 'alpha.example' });
		const second = hubspot.ui.createCompany({ name: 'Beta', domain: 'beta.example' });
		const a = linkedContact(1, first.id);
		hubspot.ui.associate('contacts', a.hubspotId, 'companies', second.id);
		const out = (await mirror([second.id])).items[0].json;
		expect(out).toMatchObject({ contacts: 1, otherCompany: 1, kirimContacts: [] });
		expect(metadataOf(a.kirimId)).toEqual({ tier: 'gold' });
	});

	it('an unknown company is an answer; a bad ID or a Kirim failure fails its item only', async () => {
		const company = hubspot.ui.createCompany({ name: 'Gamma', domain: 'gamma.example' });
		linkedContact(1, company.id);
		const missing = (await mirror(['999999'])).items[0].json;
		expect(missing).toMatchObject({ found: false, contacts: 0, operation: 'skip' });
		kirim.pipeline.faults.add({
			match: { method: 'PATCH', path: `/v1/${kirim.phoneNumberIds[0]}/contacts/*` },
			action: { kind: 'server-error', status: 503 },
			times: 20,
		});
		const out = (await mirror(['abc', company.id], true)).items.map((i) => i.json);
		expect(out[0].error).toMatch(/is not a HubSpot company ID/);
		expect(out[1].error).toMatch(/could not be given company/);
	});
});
