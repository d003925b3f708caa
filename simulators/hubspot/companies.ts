import type { HubSpotErrorDetail } from './errors';

/**
 * HubSpot's companies object (objectTypeId 0-2), modelled minimally: the generic object routes, a few built-in
 * properties (schema.ts), the create rule below, default associations with contacts (associations.ts).
 * Source: the companies guide, https://developers.hubspot.com/docs/api-reference/latest/crm/objects/companies/guide.
 *
 * Webhooks as for contacts (company.creation, company.propertyChange, …; no privacyDeletion). Not modelled: merge
 * (schema.ts MERGEABLE_TYPES), webhooks-journal entries (journal.ts reports contacts and tickets only), companies created automatically from a contact's email domain (an
 * account setting in HubSpot), the primary-company association (typeId 1 / 2: the store keeps no labels).
 * `domain` is an ordinary property: not unique, so not an idProperty (HubSpot refuses an upsert by it), and stored
 * as sent (search compares strings case-insensitively, so `EQ`/`IN` on domain ignore case anyway).
 */

/** The properties of which a new company needs at least one. */
export const COMPANY_IDENTIFYING_PROPERTIES = ['name', 'domain'];

/**
 * "When creating a new company, you should include at least one of the following properties in your request: name
 * or domain" (the companies guide). Checked on create only (`current` is the company before the write, undefined on
 * create): the guide says nothing of updates that clear both. The error code is ours, as for tickets.
 */
export function companyProblem(
	properties: Record<string, string | null>,
	current?: Record<string, string | null>,
): HubSpotErrorDetail | undefined {
	if (current) return undefined;
	if (COMPANY_IDENTIFYING_PROPERTIES.some((name) => properties[name])) return undefined;
	return {
		message: 'Property values were not valid: a company needs at least one of name or domain when created',
		code: 'REQUIRED_PROPERTY',
		context: { propertyName: [...COMPANY_IDENTIFYING_PROPERTIES] },
	};
}
