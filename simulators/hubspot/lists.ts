import type { ApiVersion } from './api-versions';
import { fieldError, HubSpotInvalid } from './errors';
import type { HubSpotStore } from './store';

/**
 * HubSpot's Lists API (segments), contact lists only. Sources: the lists guide
 * (https://developers.hubspot.com/docs/guides/api/crm/lists/overview), the 2026-03 reference pages (e.g.
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/lists/memberships/add-to-list) and HubSpot's public
 * OpenAPI specs for 2026-03 and 2026-09 (github.com/HubSpot/HubSpot-public-api-spec-collection,
 * PublicApiSpecs/CRM/Lists), which agree on every shape modelled here.
 *
 * Modelled: MANUAL and SNAPSHOT lists of contacts (objectTypeId 0-1) without filters, created, fetched by id or
 * name, deleted; their memberships read in recordId order and changed by add, remove and add-and-remove. Not
 * modelled (refused, not faked): DYNAMIC lists and `filterBranch` (the simulator does not evaluate filters), other
 * object types, `before` paging without `after`. Not served at all: fetching several lists (`GET` on the base),
 * removing all members, add-from another list, folders, search, restore, rename, filter updates, conversions,
 * join-order reads, record → lists reads.
 */

/** The one object type whose lists are modelled (contacts). */
export const LIST_OBJECT_TYPE_ID = '0-1';
/** Membership pages: default 100 (the spec's default), at most 250 (the spec's `limit` description). */
export const MEMBERSHIPS_DEFAULT_LIMIT = 100;
export const MEMBERSHIPS_MAX_LIMIT = 250;
/** The processing types HubSpot knows (ListCreateRequest); only MANUAL and SNAPSHOT are modelled. */
export const PROCESSING_TYPES = ['MANUAL', 'DYNAMIC', 'SNAPSHOT'] as const;
export type ModelledProcessingType = 'MANUAL' | 'SNAPSHOT';

/** Where one version's lists API lives: `/crm/lists/<v>`, or `/crm/v3/lists` among the numbered paths. */
export function listsBase(version: ApiVersion): string {
	return version === 'numbered' ? '/crm/v3/lists' : `/crm/lists/${version}`;
}

/** PublicMembershipSettings and PublicListPermissions of the spec, stored and shown as given. */
export interface MembershipSettings {
	includeUnassigned?: boolean;
	membershipTeamId?: number;
}
export interface ListPermissions {
	teamsWithEditAccess: number[];
	usersWithEditAccess: number[];
}

export interface ListInput {
	name: string;
	processingType: ModelledProcessingType;
	customProperties?: Record<string, string>;
	listFolderId?: number;
	membershipSettings?: MembershipSettings;
	listPermissions?: ListPermissions;
}

export interface CrmList extends ListInput {
	listId: string;
	listVersion: number;
	objectTypeId: typeof LIST_OBJECT_TYPE_ID;
	createdAt: string;
	updatedAt: string;
	/** recordId → when it joined (the membership's `membershipTimestamp`). */
	members: Map<string, string>;
}

/** What a membership write did (MembershipsUpdateResponse: HubSpot's spec spells the first key `recordsIdsAdded`). */
export interface MembershipsUpdate {
	recordsIdsAdded: string[];
	recordIdsRemoved: string[];
	recordIdsMissing: string[];
}

/**
 * The portal's lists. A membership names a contact id; a contact that is archived (deleted), merged away or
 * GDPR-deleted is left out of every read and of `size`, at read time, so a contact restored from the recycle bin
 * shows in its lists again. Adding an id that is not a live contact reports it in `recordIdsMissing`.
 */
export class HubSpotLists {
	readonly lists = new Map<string, CrmList>();
	private lastId = 0;

	constructor(private readonly store: HubSpotStore) {}

	create(input: ListInput): CrmList {
		// "must be globally unique across all public lists in the portal" (ListCreateRequest.name); compared as
		// written (whether HubSpot folds case is not documented).
		if (this.byName(LIST_OBJECT_TYPE_ID, input.name))
			throw new HubSpotInvalid(`A list named "${input.name}" already exists.`, 'VALIDATION_ERROR', 400, [
				{ message: 'list names are unique in the portal', in: 'name', code: 'DUPLICATE_LIST_NAME' },
			]);
		const now = this.store.now();
		this.lastId += 1;
		const list: CrmList = {
			...input,
			listId: String(this.lastId),
			listVersion: 1,
			objectTypeId: LIST_OBJECT_TYPE_ID,
			createdAt: now,
			updatedAt: now,
			members: new Map(),
		};
		this.lists.set(list.listId, list);
		return list;
	}

	/** The list with this id, or HubSpot's 404. */
	find(listId: string): CrmList {
		const list = this.lists.get(listId);
		if (!list)
			throw new HubSpotInvalid(`List ${listId} does not exist.`, 'OBJECT_NOT_FOUND', 404, [
				{ message: `no list with listId ${listId}`, in: 'listId', context: { listId: [listId] } },
			]);
		return list;
	}

	byName(objectTypeId: string, name: string): CrmList | undefined {
		return [...this.lists.values()].find((l) => l.objectTypeId === objectTypeId && l.name === name);
	}

	delete(listId: string): void {
		this.lists.delete(this.find(listId).listId);
	}

	/** The members that are live contacts, by recordId ascending (numeric). */
	liveMembers(list: CrmList): Array<{ recordId: string; membershipTimestamp: string }> {
		return [...list.members]
			.filter(([recordId]) => this.store.live('contacts', recordId))
			.sort(([a], [b]) => Number(a) - Number(b))
			.map(([recordId, membershipTimestamp]) => ({ recordId, membershipTimestamp }));
	}

	/**
	 * Adds and removes records. Ids that are not live contacts are `missing` (and an old membership of such an id is
	 * dropped on remove); an id already a member is not added again, one not a member is not removed: both are left
	 * out of the answer, as the add and remove endpoints' descriptions say such records are ignored.
	 */
	change(list: CrmList, add: string[], remove: string[]): MembershipsUpdate {
		const result: MembershipsUpdate = { recordsIdsAdded: [], recordIdsRemoved: [], recordIdsMissing: [] };
		const now = this.store.now();
		const missing = new Set<string>();
		for (const id of new Set(add)) {
			if (!this.store.live('contacts', id)) missing.add(id);
			else if (!list.members.has(id)) {
				list.members.set(id, now);
				result.recordsIdsAdded.push(id);
			}
		}
		for (const id of new Set(remove)) {
			const wasMember = list.members.delete(id);
			if (!this.store.live('contacts', id)) missing.add(id);
			else if (wasMember) result.recordIdsRemoved.push(id);
		}
		result.recordIdsMissing = [...missing];
		return result;
	}

	/** A list as the API shows it (PublicObjectList); `size` counts live members. */
	view(list: CrmList): Record<string, unknown> {
		return {
			listId: list.listId,
			listVersion: list.listVersion,
			name: list.name,
			objectTypeId: list.objectTypeId,
			processingType: list.processingType,
			processingStatus: 'COMPLETE',
			createdAt: list.createdAt,
			updatedAt: list.updatedAt,
			size: this.liveMembers(list).length,
			...(list.membershipSettings ? { membershipSettings: list.membershipSettings } : {}),
			...(list.listPermissions ? { listPermissions: list.listPermissions } : {}),
		};
	}
}

/** One set of lists per simulated portal (its store), made on first use, so the store itself needs no field. */
const portals = new WeakMap<HubSpotStore, HubSpotLists>();

export function listsOf(store: HubSpotStore): HubSpotLists {
	let lists = portals.get(store);
	if (!lists) {
		lists = new HubSpotLists(store);
		portals.set(store, lists);
	}
	return lists;
}

/** Record ids in a membership write: strings of digits (HubSpot's record ids are numeric; a string per the spec). */
export function recordIds(value: unknown, at: string): string[] {
	if (!Array.isArray(value)) throw fieldError(at, 'must be an array of record id strings');
	const bad = value.filter((id) => typeof id !== 'string' || !/^\d+$/.test(id));
	if (bad.length)
		throw new HubSpotInvalid(
			`Invalid input JSON: ${at} must hold record ids as strings of digits; got ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
			'VALIDATION_ERROR',
			400,
			[{ message: 'record ids are strings of digits', in: at, code: 'INVALID_INPUT' }],
		);
	return value as string[];
}

/**
 * For tests: a contacts list made in-process (no HTTP, no rate limit, no scope check), with these contacts as
 * members (they must exist). Returns the list as the API shows it.
 */
export function createList(
	store: HubSpotStore,
	name: string,
	members: string[] = [],
	processingType: ModelledProcessingType = 'MANUAL',
): Record<string, unknown> & { listId: string } {
	const missing = recordIds(members, 'members').filter((id) => !store.live('contacts', id));
	if (missing.length) throw new Error(`createList: no live contact ${missing.join(', ')}`);
	const lists = listsOf(store);
	const list = lists.create({ name, processingType });
	lists.change(list, members, []);
	return { ...lists.view(list), listId: list.listId };
}
