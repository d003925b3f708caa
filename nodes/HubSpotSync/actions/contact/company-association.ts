import { associateDefault } from '../../../shared/hubspot/associations';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import { searchByValues } from '../../../shared/hubspot/search';
import { companyDomainOf } from '../../../shared/sync/email-domain';
import type { ContactSyncResult } from './contact-sync';

export interface CompanyLink {
	status: 'associated' | 'skipped' | 'failed';
	companyId?: string;
	domain?: string;
	reason?: string;
}

/**
 * Associates contacts whose email this run wrote (new contacts, changed addresses) with the HubSpot company that
 * has their email's domain — HubSpot's own rule for automatic company association
 * (https://knowledge.hubspot.com/records/automatically-create-and-associate-companies-with-contacts), for portals
 * where that setting is off or for API-created contacts. Only existing companies, only when exactly one has the
 * domain; personal mailboxes (gmail.com, …) are never matched. One search per 100 domains, one association request
 * per 100 contacts; associating twice is harmless.
 */
export async function associateByEmailDomain(
	client: HubSpotClient,
	results: ContactSyncResult[],
): Promise<{ links: Map<number, CompanyLink>; requests: number }> {
	const links = new Map<number, CompanyLink>();
	const wanted = new Map<number, { contactId: string; domain: string }>();
	for (const result of results) {
		if (result.error || !result.hubspotId) continue;
		const email = result.history.changes.find((change) => change.field === 'email')?.to;
		if (email === undefined) continue;
		const domain = companyDomainOf(email);
		if (!domain) {
			links.set(result.itemIndex, { status: 'skipped', reason: 'no company domain (personal mailbox or none)' });
			continue;
		}
		wanted.set(result.itemIndex, { contactId: result.hubspotId, domain });
	}
	if (wanted.size === 0) return { links, requests: 0 };

	const domains = [...new Set([...wanted.values()].map((w) => w.domain))];
	const found = await searchByValues(client, 'companies', 'domain', domains, ['domain', 'name']);
	const companiesOf = new Map<string, string[]>();
	for (const company of found.objects) {
		const domain = String(company.properties?.domain ?? '').toLowerCase();
		companiesOf.set(domain, [...(companiesOf.get(domain) ?? []), company.id]);
	}
	const pairs: Array<{ key: string; fromId: string; toId: string }> = [];
	for (const [itemIndex, { contactId, domain }] of wanted) {
		const ids = companiesOf.get(domain) ?? [];
		if (ids.length === 1) {
			pairs.push({ key: String(itemIndex), fromId: contactId, toId: ids[0] });
			links.set(itemIndex, { status: 'associated', companyId: ids[0], domain });
		} else
			links.set(itemIndex, {
				status: 'skipped',
				domain,
				reason:
					ids.length === 0
						? `no HubSpot company has the domain ${domain}`
						: `${ids.length} HubSpot companies have the domain ${domain}`,
			});
	}
	if (pairs.length === 0) return { links, requests: found.requests };
	const associated = await associateDefault(client, 'contacts', 'companies', pairs);
	for (const [key, error] of associated.failed)
		links.set(Number(key), { ...links.get(Number(key)), status: 'failed', reason: error.message });
	return { links, requests: found.requests + associated.requests };
}
