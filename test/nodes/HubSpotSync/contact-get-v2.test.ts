import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { runHubSpotNode } from '../../harness/run-hubspot-node';

// HubSpot Sync typeVersion 2, Contact → Get: by default the CRM-owned fields and the company are read and handed on
// as kirimMetadata for the Kirim contact; typeVersion 1 with the same saved parameters does what it always did.
const node = new HubSpotSync();
let hubspot: HubSpotSimulator;

beforeEach(async () => {
	hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	addSyncProperties(hubspot.store);
});
afterEach(async () => hubspot.close());

/** The parameters n8n's editor saves for a Get by HubSpot ID left at its defaults. */
const saved = (extra: IDataObject = {}) => ({ resource: 'contact', operation: 'get', lookupBy: 'hubspotId', ...extra });
const get = async (typeVersion: number, extra: IDataObject = {}, objectId?: string) => {
	const result = await runHubSpotNode(hubspot, node, saved(extra), [{ objectId }], false, { typeVersion });
	if (result.error) throw result.error;
	return result.items[0].json;
};

function customer(): string {
	const company = hubspot.ui.createCompany({ name: 'Example Trading', domain: 'example.com', industry: 'RETAIL' });
	const contact = hubspot.ui.create('contacts', {
		firstname: 'Siti',
		email: 'siti@example.com',
		lifecyclestage: 'customer',
		hs_lead_status: 'OPEN',
		jobtitle: 'Buyer',
		kirim_contact_id: 'ctc_01JABCDEFGHJKMNPQRSTVWXYZ0',
	});
	hubspot.ui.associate('contacts', contact.id, 'companies', company.id);
	return contact.id;
}

describe('HubSpot Sync v2 → Contact → Get', () => {
	it('reads the CRM fields and the company by default and outputs them as kirimMetadata', async () => {
		const id = customer();
		const json = await get(2, {}, id);
		expect(json.properties).toMatchObject({ lifecyclestage: 'customer', hs_lead_status: 'OPEN', jobtitle: 'Buyer' });
		expect(json.company).toMatchObject({ name: 'Example Trading', domain: 'example.com' });
		expect(json.kirimMetadata).toEqual({
			crm_id: id,
			crm_lifecycle_stage: 'customer',
			crm_lead_status: 'OPEN',
			crm_owner_id: null,
			crm_job_title: 'Buyer',
			crm_company: 'Example Trading',
			crm_company_domain: 'example.com',
		});
	});

	it('typeVersion 1 with the same saved parameters: no CRM fields, no company, no kirimMetadata (as before)', async () => {
		const id = customer();
		const json = await get(1, {}, id);
		expect(Object.keys(json.properties as IDataObject).sort()).toEqual(
			['email', 'firstname', 'kirim_contact_id', 'kirim_last_synced_at', 'lastname', 'phone'].sort(),
		);
		expect(json).not.toHaveProperty('company');
		expect(json).not.toHaveProperty('kirimMetadata');
	});

	it('the mapping is editable: its properties and the company are read even when not listed; none → no kirimMetadata', async () => {
		const id = customer();
		const mapped = await get(
			2,
			{
				properties: 'firstname',
				includeCompany: false,
				kirimMetadata: {
					entries: [
						{ key: 'tier', from: 'company.industry' },
						{ key: 'stage', from: 'lifecyclestage' },
					],
				},
			},
			id,
		);
		expect(mapped.kirimMetadata).toEqual({ tier: 'RETAIL', stage: 'customer' });
		const none = await get(2, { kirimMetadata: {} }, id);
		expect(none).not.toHaveProperty('kirimMetadata');
		const bad = await runHubSpotNode(
			hubspot,
			node,
			saved({ kirimMetadata: { entries: [{ key: 'x', from: '' }] } }),
			[{ objectId: id }],
			false,
			{ typeVersion: 2 },
		);
		expect(bad.error?.message).toMatch(/Kirim Metadata entry 1 needs both/);
	});
});
