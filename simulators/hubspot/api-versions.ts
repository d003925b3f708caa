/**
 * The API versions the simulator serves and where each puts its paths. HubSpot's date-based versions name the
 * version after the API (`/crm/objects/2026-09/contacts`, associations under `/crm/associations/2026-09/…`);
 * the numbered ones before it (`/crm/v3/objects/contacts`, `/crm/v4/associations/…`)
 * (https://developers.hubspot.com/docs/api-reference/2026-03/overview).
 */
export const DATED_VERSIONS = ['2026-03', '2026-09'] as const;
export type ApiVersion = (typeof DATED_VERSIONS)[number] | 'numbered';

/** Where one version's CRM APIs live. */
export interface CrmPaths {
	version: ApiVersion;
	/** `/crm/objects/<v>/<type>` or `/crm/v3/objects/<type>`. */
	objects(type: string): string;
	/** Record-level associations (`…/objects/<v>` or `/crm/v4/objects`), followed by `/<type>/<id>/associations/…`. */
	objectAssociations: string;
	/** Batch associations: `/crm/associations/<v>` or `/crm/v4/associations`, followed by `/<from>/<to>/batch/…`. */
	associations: string;
	properties: string;
	pipelines: string;
	owners: string;
	/**
	 * How a batch answers when some inputs failed: 207 with `errors[]` on v3 and 2026-03; 2026-09's specification
	 * has no 207, the success status carries `errors[]` and `numErrors` (HubSpot's public API spec collection).
	 */
	partialFailureStatus: 200 | 207;
}

export function crmPaths(version: ApiVersion, partialFailureStatus?: 200 | 207): CrmPaths {
	if (version === 'numbered') {
		return {
			version,
			objects: (type) => `/crm/v3/objects/${type}`,
			objectAssociations: '/crm/v4/objects',
			associations: '/crm/v4/associations',
			properties: '/crm/v3/properties',
			pipelines: '/crm/v3/pipelines',
			owners: '/crm/v3/owners',
			partialFailureStatus: partialFailureStatus ?? 207,
		};
	}
	return {
		version,
		objects: (type) => `/crm/objects/${version}/${type}`,
		objectAssociations: `/crm/objects/${version}`,
		associations: `/crm/associations/${version}`,
		properties: `/crm/properties/${version}`,
		pipelines: `/crm/pipelines/${version}`,
		owners: `/crm/owners/${version}`,
		partialFailureStatus: partialFailureStatus ?? (version === '2026-09' ? 200 : 207),
	};
}

/** A numbered path (`/crm/v3/…`, `/crm/v4/…`): refused unless the simulator is told to serve them. */
export const NUMBERED_PATH = /^\/crm\/v\d+\//;

/** Which CRM API a path belongs to and the object type it names, whichever version form it uses. */
export function crmApiOf(path: string): { api: string; objectType?: string } | undefined {
	const dated = /^\/crm\/(objects|properties|pipelines|owners|associations)\/\d{4}-\d{2}(?:\/([^/]+))?/.exec(path);
	if (dated) return { api: dated[1], objectType: dated[2] };
	const numbered = /^\/crm\/v\d+\/(objects|properties|pipelines|owners|associations)(?:\/([^/]+))?/.exec(path);
	if (numbered) return { api: numbered[1], objectType: numbered[2] };
	return undefined;
}
