import type { IDataObject } from 'n8n-workflow';

import { readAssociations, type AssociatedRecord } from '../../../shared/hubspot/associations';
import { batchRead } from '../../../shared/hubspot/batch';
import type { HubSpotClient } from '../../../shared/hubspot/client';

/** The company fields a Kirim agent needs beside the chat (Kirim has no company object, so they go to metadata). */
export const COMPANY_FIELDS = ['name', 'domain', 'industry', 'city', 'country', 'phone', 'website'];

/** HubSpot's association type id for a contact's primary company (https://developers.hubspot.com/docs/api-reference/latest/crm/associations/overview). */
const PRIMARY_COMPANY = 1;

/** The company to show for one contact: the one marked primary, else the lowest id; undefined for none. */
export function chooseCompany(records: AssociatedRecord[]): string | undefined {
	const primary = records.find((record) => record.typeIds.includes(PRIMARY_COMPANY));
	return (primary ?? [...records].sort((a, b) => Number(a.id) - Number(b.id))[0])?.id;
}

/**
 * Each contact's company: the one marked primary, else the lowest id among its associated companies; contacts
 * without one are absent. One association read per 1000 contacts, one company read per 100 companies.
 */
export async function companiesOf(client: HubSpotClient, contactIds: string[]): Promise<Map<string, IDataObject>> {
	const companies = new Map<string, IDataObject>();
	if (contactIds.length === 0) return companies;
	const { associated } = await readAssociations(client, 'contacts', 'companies', contactIds);
	const chosen = new Map<string, string>();
	for (const [contactId, records] of associated) {
		const pick = chooseCompany(records);
		if (pick) chosen.set(contactId, pick);
	}
	const { found } = await batchRead(client, 'companies', [...new Set(chosen.values())], COMPANY_FIELDS);
	for (const [contactId, companyId] of chosen) {
		const company = found.get(companyId);
		if (!company) continue;
		const fields: IDataObject = { id: company.id };
		for (const name of COMPANY_FIELDS) fields[name] = company.properties?.[name] ?? null;
		companies.set(contactId, fields);
	}
	return companies;
}
