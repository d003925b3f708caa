import { NodeOperationError } from 'n8n-workflow';

import { listsPath } from './api-version';
import type { HubSpotClient } from './client';

/**
 * HubSpot's Lists API, now "segments" (https://developers.hubspot.com/docs/guides/api/crm/lists/overview):
 * a segment's members by record id, and a MANUAL list this package keeps itself.
 */

/** The most members one page returns (the memberships endpoint's `limit` maximum). */
export const MEMBERSHIP_PAGE_SIZE = 250;

/** Contacts' object type id (lists name their object type by id). */
const CONTACTS_TYPE_ID = '0-1';

/** Ids per membership change: HubSpot documents no cap, this keeps each request body small. */
const MEMBERSHIP_CHANGE_SIZE = 1000;

export interface HubSpotList {
	listId: string;
	name: string;
	processingType: string;
	objectTypeId?: string;
}

/** A list id as HubSpot shows it in the segment's URL: digits only. */
export function isListId(value: string): boolean {
	return /^\d{1,19}$/.test(value);
}

/** Every member's record id, in HubSpot's order (record id ascending), one page of 250 per request. */
export async function listMembers(client: HubSpotClient, listId: string): Promise<{ ids: string[]; requests: number }> {
	const ids: string[] = [];
	let requests = 0;
	for await (const page of client.listPages<{ recordId: string | number }>(
		listsPath(`/${listId}/memberships`),
		{},
		MEMBERSHIP_PAGE_SIZE,
	)) {
		requests++;
		for (const member of page.items) ids.push(String(member.recordId));
	}
	return { ids, requests };
}

/** The list's definition, or undefined when HubSpot has no list with that id. */
export async function getList(client: HubSpotClient, listId: string): Promise<HubSpotList | undefined> {
	const found = await client.send({ method: 'GET', path: listsPath(`/${listId}`), accept: [404] });
	return found.status === 404 ? undefined : (found.body as { list: HubSpotList }).list;
}

/** The contact list of that exact name, or undefined. */
export async function listByName(client: HubSpotClient, name: string): Promise<HubSpotList | undefined> {
	const found = await client.send({
		method: 'GET',
		path: listsPath(`/object-type-id/${CONTACTS_TYPE_ID}/name/${encodeURIComponent(name)}`),
		accept: [404],
	});
	return found.status === 404 ? undefined : (found.body as { list: HubSpotList }).list;
}

/**
 * The MANUAL contact list of that name, created when missing. List names are unique, so a concurrent creator's
 * list is found by name (a 400 on create is looked up once); a create whose answer was lost is looked up too.
 */
export async function ensureManualList(
	client: HubSpotClient,
	name: string,
): Promise<HubSpotList & { created: boolean; requests: number }> {
	const existing = await listByName(client, name);
	if (existing) return { ...checkManual(client, existing), created: false, requests: 1 };
	const created = await client.send({
		method: 'POST',
		path: listsPath(),
		body: { name, objectTypeId: CONTACTS_TYPE_ID, processingType: 'MANUAL' },
		accept: [400],
		readBack: async () => {
			const list = await listByName(client, name);
			return list ? { status: 200, headers: {}, body: { list } } : undefined;
		},
	});
	if (created.status === 400) {
		const raced = await listByName(client, name);
		if (raced) return { ...checkManual(client, raced), created: false, requests: 3 };
		const message = (created.body as { message?: string } | undefined)?.message ?? 'no reason given';
		throw new NodeOperationError(client.context.getNode(), `HubSpot refused to create the list "${name}": ${message}`);
	}
	return { ...(created.body as { list: HubSpotList }).list, created: true, requests: 2 };
}

function checkManual(client: HubSpotClient, list: HubSpotList): HubSpotList {
	if (list.processingType !== 'MANUAL' && list.processingType !== 'SNAPSHOT') {
		throw new NodeOperationError(
			client.context.getNode(),
			`The HubSpot list "${list.name}" (${list.listId}) is ${list.processingType}: this package records label holders in a MANUAL list of that name`,
			{ description: 'Rename or delete that list in HubSpot, or choose another Labelled List Name.' },
		);
	}
	return list;
}

/** Adds and removes members in one call per 1000 ids; HubSpot ignores members already in and ids it does not have. */
export async function changeMembers(
	client: HubSpotClient,
	listId: string,
	add: string[],
	remove: string[],
): Promise<number> {
	let requests = 0;
	for (let start = 0; start < Math.max(add.length, remove.length); start += MEMBERSHIP_CHANGE_SIZE) {
		requests++;
		await client.send({
			method: 'PUT',
			path: listsPath(`/${listId}/memberships/add-and-remove`),
			body: {
				recordIdsToAdd: add.slice(start, start + MEMBERSHIP_CHANGE_SIZE),
				recordIdsToRemove: remove.slice(start, start + MEMBERSHIP_CHANGE_SIZE),
			},
		});
	}
	return requests;
}
