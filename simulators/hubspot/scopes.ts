import type { SimRequest } from '../common/http';
import { objectTypeOf } from './schema';
import { crmApiOf } from './api-versions';

/**
 * The Lists API's scopes (reads crm.lists.read; writes crm.lists.write, with crm.lists.read beside it on delete and
 * membership writes: the 2026-03 and 2026-09 lists specs' security).
 */
export const LIST_SCOPES = ['crm.lists.read', 'crm.lists.write'];

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
];

const READS = new Set(['GET']);
/** `/crm/lists/<v>/…` or, among the numbered paths, `/crm/v3/lists/…`. */
const LISTS_PATH = /^\/crm\/(?:lists\/\d{4}-\d{2}|v3\/lists)(?:\/|$)/;
/** POSTs that only read (search, batch read) need the read scope. */
const READ_POSTS = /\/(search|batch\/read)$/;

/**
 * The scopes that each allow a request (any one suffices), or undefined when the route needs none.
 * Contacts: crm.objects.contacts.read/.write (contacts v3 OpenAPI spec); communications: the same contacts scopes
 * (the communications guide's "Scope requirements"); tickets: `tickets`; owners: crm.objects.owners.read;
 * properties: crm.schemas.<type>.read/.write (a write grant also allows reading). Communication properties take
 * the contacts schema scopes: inferred, HubSpot names none for them.
 */
export function scopesFor(req: SimRequest): string[] | undefined {
	// Lists: reads need crm.lists.read (crm.lists.write does not replace it in the specs), writes crm.lists.write.
	// The read scope the specs also ask for on delete and membership writes is not checked: this check takes any
	// one scope of a list, so a token with crm.lists.write alone may write.
	if (LISTS_PATH.test(req.path)) return READS.has(req.method) ? ['crm.lists.read'] : ['crm.lists.write'];
	const read = READS.has(req.method) || READ_POSTS.test(req.path);
	const route = crmApiOf(req.path);
	if (route?.api === 'objects') {
		const type = objectTypeOf(route.objectType ?? '');
		if (type === 'tickets') return ['tickets'];
		if (type === 'contacts' || type === 'communications')
			return read ? ['crm.objects.contacts.read', 'crm.objects.contacts.write'] : ['crm.objects.contacts.write'];
		return undefined;
	}
	if (route?.api === 'properties') {
		const type = objectTypeOf(route.objectType ?? '');
		if (type === 'tickets') return ['tickets'];
		return read ? ['crm.schemas.contacts.read', 'crm.schemas.contacts.write'] : ['crm.schemas.contacts.write'];
	}
	if (route?.api === 'pipelines' && route.objectType === 'tickets') return ['tickets'];
	if (route?.api === 'owners') return ['crm.objects.owners.read'];
	return undefined;
}
