import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { readAssociations } from '../../../shared/hubspot/associations';
import { batchRead } from '../../../shared/hubspot/batch';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import type { KirimClient } from '../../../shared/kirim/client';
import { isKirimNotFound } from '../../../shared/kirim/errors';
import { syncKirimContactUpdate } from '../../../shared/kirim/contact-sync-update';
import type { SyncHistory } from '../../../shared/sync/history';
import { companiesOf } from '../contact/contact-company';

export interface CompanyMirrorSettings {
	idProperty: string;
	nameKey: string;
	domainKey: string;
	phoneNumberId?: string;
}

export interface CompanyMirrorReport extends IDataObject {
	companyId: string;
	found: boolean;
	name: string | null;
	domain: string | null;
	/** Contacts associated with the company. */
	contacts: number;
	/** Kirim contacts whose metadata now shows the company (written, or already so). */
	kirimContacts: Array<{ kirimContactId: string; operation: string; missingInKirim?: boolean; sync?: SyncHistory }>;
	/** Associated contacts whose company (primary, else lowest id) is another one: left alone. */
	otherCompany: number;
	/** Associated contacts with no Kirim contact ID. */
	notLinked: number;
}

/**
 * A company's name and domain carried to the metadata of the Kirim contacts it is the company of (the one Contact →
 * Get's Include Company shows: primary, else lowest id), so a rename reaches the inbox without waiting for each
 * contact's next change. Reads: the company, its contacts (associations), their companies and Kirim IDs; writes:
 * one Kirim update per contact whose metadata differs (stamped as the sync's own, like every HubSpot → Kirim write).
 */
export async function mirrorCompany(
	hubspot: HubSpotClient,
	kirim: KirimClient,
	companyId: string,
	settings: CompanyMirrorSettings,
	itemIndex: number,
): Promise<CompanyMirrorReport> {
	const { found } = await batchRead(hubspot, 'companies', [companyId], ['name', 'domain']);
	const company = found.get(companyId);
	const report: CompanyMirrorReport = {
		companyId,
		found: Boolean(company),
		name: company?.properties?.name ?? null,
		domain: company?.properties?.domain ?? null,
		contacts: 0,
		kirimContacts: [],
		otherCompany: 0,
		notLinked: 0,
	};
	if (!company) return report;
	const { associated } = await readAssociations(hubspot, 'companies', 'contacts', [companyId]);
	const contactIds = (associated.get(companyId) ?? []).map((record) => record.id);
	report.contacts = contactIds.length;
	if (!contactIds.length) return report;
	const chosen = await companiesOf(hubspot, contactIds);
	const mine = contactIds.filter((id) => chosen.get(id)?.id === companyId);
	report.otherCompany = contactIds.length - mine.length;
	const contacts = await batchRead(hubspot, 'contacts', mine, [settings.idProperty]);
	for (const contactId of mine) {
		const kirimContactId = contacts.found.get(contactId)?.properties?.[settings.idProperty]?.trim();
		if (!kirimContactId) {
			report.notLinked++;
			continue;
		}
		const fields = chosen.get(contactId) as IDataObject;
		const metadata = { [settings.nameKey]: fields.name ?? null, [settings.domainKey]: fields.domain ?? null };
		const path = kirim.scopedPath(
			'contacts',
			`/${encodeURIComponent(kirimContactId)}`,
			settings.phoneNumberId,
			itemIndex,
		);
		try {
			const { history } = await syncKirimContactUpdate(kirim, path, { metadata }, 'merge', itemIndex);
			report.kirimContacts.push({ kirimContactId, operation: history.operation, sync: history });
		} catch (error) {
			if (!isKirimNotFound(error))
				throw new NodeOperationError(
					hubspot.context.getNode(),
					`Kirim contact ${kirimContactId} could not be given company ${companyId}'s name and domain: ${(error as Error).message}`,
					{ itemIndex, description: 'Run the item again: contacts already updated are left as they are.' },
				);
			report.kirimContacts.push({ kirimContactId, operation: 'skip', missingInKirim: true });
		}
	}
	return report;
}
