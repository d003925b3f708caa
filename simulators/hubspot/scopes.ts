import type { SimRequest } from '../common/http';
import { objectTypeOf, type ObjectType } from './schema';
import { crmApiOf } from './api-versions';

/**
 * The Lists API's scopes (reads crm.lists.read; writes crm.lists.write, with crm.lists.read beside it on delete and
 * membership writes: the 2026-03 and 2026-09 lists specs' security).
 */
export const LIST_SCOPES = ['crm.lists.read', 'crm.lists.write'];

/**
 * The companies scopes (the companies guide): records crm.objects.companies.read/.write, properties
 * crm.schemas.companies.read/.write.
 */
export const COMPANY_OBJECT_SCOPES = ['crm.objects.companies.read', 'crm.objects.companies.write'];
export const COMPANY_SCHEMA_SCOPES = ['crm.schemas.companies.read', 'crm.schemas.companies.write'];

/** Every scope the sync needs (README of the package, "HubSpot Sync API"); the default grant of a new simulator. */
export const ALL_SCOPES = [
	'crm.objects.contacts.read',
	'crm.objects.contacts.write',
	'crm.schemas.contacts.read',
	'crm.schemas.contacts.write',
	'tickets',
	'crm.objects.owners.read',
	// The HubSpot Sync node's List (Segment) resource.
	...LIST_SCOPES,
	// Contacts' companies (search by domain, association reads and writes). Company properties are not managed by the
	// nodes, so COMPANY_SCHEMA_SCOPES are not here: a simulator grants them only when told to (option `scopes`).
	...COMPANY_OBJECT_SCOPES,
];

const READS = new Set(['GET']);
/** `/crm/lists/<v>/…` or, among the numbered paths, `/crm/v3/lists/…`. */
const LISTS_PATH = /^\/crm\/(?:lists\/\d{4}-\d{2}|v3\/lists)(?:\/|$)/;
/** POSTs that only read (search, batch read) need the read scope. */
const READ_POSTS = /\/(search|batch\/read)$/;
/** `/crm/objects/<v>/<from>/<id>/associations/[default/]<to>…` (v4 on the numbered paths). */
const RECORD_ASSOCIATION_PATH =
	/^\/crm\/(?:objects\/\d{4}-\d{2}|v\d+\/objects)\/([^/]+)\/[^/]+\/associations\/(?:default\/)?([^/]+)/;
/** `/crm/associations/<v>/<from>/<to>/…` (v4 on the numbered paths). */
const BATCH_ASSOCIATION_PATH = /^\/crm\/(?:associations\/\d{4}-\d{2}|v\d+\/associations)\/([^/]+)\/([^/]+)\//;

interface Grants {
	read: string[];
	write: string[];
}
const grants = (read: string, write: string): Grants => ({ read: [read, write], write: [write] });
const CONTACT_OBJECTS = grants('crm.objects.contacts.read', 'crm.objects.contacts.write');
const CONTACT_SCHEMAS = grants('crm.schemas.contacts.read', 'crm.schemas.contacts.write');
const TICKETS: Grants = { read: ['tickets'], write: ['tickets'] };

/** Scopes for a type's records (a write grant also allows reading, except where one scope does both). */
const OBJECT_SCOPES: Record<ObjectType, Grants> = {
	contacts: CONTACT_OBJECTS,
	communications: CONTACT_OBJECTS,
	tickets: TICKETS,
	companies: grants('crm.objects.companies.read', 'crm.objects.companies.write'),
};
/** Scopes for a type's property definitions. */
const SCHEMA_SCOPES: Record<ObjectType, Grants> = {
	contacts: CONTACT_SCHEMAS,
	communications: CONTACT_SCHEMAS,
	tickets: TICKETS,
	companies: grants('crm.schemas.companies.read', 'crm.schemas.companies.write'),
};

/**
 * What a request needs: every entry of the answer must be met, an entry by any one of its scopes (undefined: the
 * route needs none). Contacts: crm.objects.contacts.read/.write (contacts v3 OpenAPI spec); communications: the
 * same contacts scopes (the communications guide's "Scope requirements"); companies: crm.objects.companies.read/
 * .write (the companies guide); tickets: `tickets`; owners: crm.objects.owners.read; properties:
 * crm.schemas.<type>.read/.write (a write grant also allows reading). Communication properties take the contacts
 * schema scopes: inferred, HubSpot names none for them. An association (a record's PUT, or any batch under
 * /crm/associations) needs the scopes of both its types: read for a batch read, write otherwise.
 */
export function scopesFor(req: SimRequest): string[][] | undefined {
	// Lists: reads need crm.lists.read (crm.lists.write does not replace it in the specs), writes crm.lists.write.
	// The read scope the specs also ask for on delete and membership writes is not checked: this check takes any
	// one scope of a list, so a token with crm.lists.write alone may write.
	if (LISTS_PATH.test(req.path)) return [READS.has(req.method) ? ['crm.lists.read'] : ['crm.lists.write']];
	const read = READS.has(req.method) || READ_POSTS.test(req.path);
	const association = RECORD_ASSOCIATION_PATH.exec(req.path) ?? BATCH_ASSOCIATION_PATH.exec(req.path);
	if (association) {
		const ends = [objectTypeOf(association[1]), objectTypeOf(association[2])];
		// An unknown type needs nothing here: the route answers 404.
		if (ends.some((type) => type === undefined)) return undefined;
		return ends.map((type) => OBJECT_SCOPES[type!][read ? 'read' : 'write']);
	}
	const route = crmApiOf(req.path);
	if (route?.api === 'objects') {
		const type = objectTypeOf(route.objectType ?? '');
		return type ? [OBJECT_SCOPES[type][read ? 'read' : 'write']] : undefined;
	}
	if (route?.api === 'properties') {
		// An unknown type takes the contacts schema scopes, as before companies; the route answers 404.
		const type = objectTypeOf(route.objectType ?? '') ?? 'contacts';
		return [SCHEMA_SCOPES[type][read ? 'read' : 'write']];
	}
	if (route?.api === 'pipelines' && route.objectType === 'tickets') return [['tickets']];
	if (route?.api === 'owners') return [['crm.objects.owners.read']];
	return undefined;
}
