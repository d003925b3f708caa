/**
 * The one place that names the HubSpot API version: every call goes to a date-based path built here.
 *
 * HubSpot's date-based versions put the version after the API's name — `/crm/objects/2026-09/contacts`
 * (https://developers.hubspot.com/docs/api-reference/2026-03/overview) — and HubSpot asks integrations to move
 * straight to them from v3/v4, which lose support in 2027
 * (https://developers.hubspot.com/changelog/legacy-apis-and-legacy-apps-whats-going-unsupported-and-when).
 * 2026-09 rather than 2026-03, which loses support about when v3 does; from 2026-09 HubSpot also applies the
 * portal's own validation rules to API writes
 * (https://developers.hubspot.com/changelog/crm-api-write-validation-enforcement).
 */
export const HUBSPOT_API_VERSION = '2026-09';

const version = HUBSPOT_API_VERSION;
const segment = (value: string) => encodeURIComponent(value);

/** CRM records: list, read, batch, search, merge (`/crm/objects/<version>/<type>…`). */
export function objectsPath(objectType: string, rest = ''): string {
	return `/crm/objects/${version}/${segment(objectType)}${rest}`;
}

/** Property definitions of an object type (`/crm/properties/<version>/<type>…`). */
export function propertiesPath(objectType: string, rest = ''): string {
	return `/crm/properties/${version}/${segment(objectType)}${rest}`;
}

/** Pipelines and their stages (`/crm/pipelines/<version>/<type>…`). */
export function pipelinesPath(objectType: string, rest = ''): string {
	return `/crm/pipelines/${version}/${segment(objectType)}${rest}`;
}

/** Users who can own records (`/crm/owners/<version>…`). */
export function ownersPath(rest = ''): string {
	return `/crm/owners/${version}${rest}`;
}

/** Record associations in batches (on the numbered versions they were part of the v4 associations API). */
export function associationsPath(fromObjectType: string, toObjectType: string, rest: string): string {
	return `/crm/associations/${version}/${segment(fromObjectType)}/${segment(toObjectType)}${rest}`;
}

/** Lists, now called segments (`/crm/lists/<version>…`). */
export function listsPath(rest = ''): string {
	return `/crm/lists/${version}${rest}`;
}
