import type { HubSpotClient } from './client';
import type { HubSpotObjectType } from './batch';
import { SEARCH_PAGE_SIZE, searchPage, type SearchFilter } from './search';
import type { HubSpotObject } from './types';

/**
 * Where a walk stands, exactly, so another walk (the next poll) can go on from there without repeating or
 * missing an object: everything modified before `sinceMs` is behind it; at `sinceMs` the objects in
 * `idsAtSince` are taken, and when `tieAfterId` is set `sinceMs` is being walked by `hs_object_id` and every
 * object up to that id is taken too. Plain JSON, so it can be kept in a node's static data.
 */
export interface WindowPosition {
	sinceMs: number;
	idsAtSince: string[];
	tieAfterId?: string;
}

export interface ChangedSinceOptions {
	objectType: HubSpotObjectType;
	/** Epoch ms; objects whose lastmodifieddate is at or after it. Ignored when `start` is given. */
	sinceMs: number;
	/** Resume a walk where a `WindowCursor` left it. */
	start?: WindowPosition;
	properties: string[];
	filters?: SearchFilter[];
	pageSize?: number;
	/**
	 * Walk a modification time by `hs_object_id` once this many objects share it (at most a page; a page of one
	 * time is walked by id anyway). Keeps `WindowPosition.idsAtSince` at most this long.
	 */
	tieWalkAfter?: number;
}

/** A page of a walk. `byId`: the objects share one modification time and come in `hs_object_id` order (a tie walk). */
export interface WindowPage {
	objects: HubSpotObject[];
	byId: boolean;
}

/** Contacts name their modification time differently from other objects (HubSpot's default properties). */
export const MODIFIED_PROPERTY: Record<HubSpotObjectType, string> = {
	contacts: 'lastmodifieddate',
	tickets: 'hs_lastmodifieddate',
	communications: 'hs_lastmodifieddate',
	companies: 'hs_lastmodifieddate',
};

/** An object's modification time in epoch ms (HubSpot returns ISO strings; epoch ms are read too). */
export function modifiedMs(object: HubSpotObject, objectType: HubSpotObjectType): number {
	const raw = object.properties?.[MODIFIED_PROPERTY[objectType]] ?? object.updatedAt;
	const asNumber = Number(raw);
	return raw !== null && raw !== undefined && raw !== '' && Number.isFinite(asNumber)
		? asNumber
		: Date.parse(String(raw));
}

/**
 * Every object changed since a moment, oldest first, in pages — however many there are. Every page is a new
 * query from the last modification time seen (a keyset: ids already taken at that time are skipped), never an
 * offset: so no query pages past search's 10 000-result cap, and an object changed during the walk cannot shift
 * an unread one past it (it moves to the end and comes again, as the change it is). When a whole page shares one
 * time — or `tieWalkAfter` objects do — that time is walked by `hs_object_id` (the tie-break), then the walk moves
 * past it.
 */
export async function* walkChangedSince(
	client: HubSpotClient,
	options: ChangedSinceOptions,
): AsyncGenerator<WindowPage> {
	const pageSize = Math.min(options.pageSize ?? SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE);
	const tieAfter = Math.min(options.tieWalkAfter ?? pageSize, pageSize);
	const MODIFIED = MODIFIED_PROPERTY[options.objectType];
	const modified = (o: HubSpotObject) => modifiedMs(o, options.objectType);
	const properties = [...new Set([...options.properties, MODIFIED])];
	const extra = options.filters ?? [];

	const search = async (filters: SearchFilter[], sortBy: string): Promise<HubSpotObject[]> => {
		const body = await searchPage(client, options.objectType, {
			filters: [...filters, ...extra],
			sort: { propertyName: sortBy, direction: 'ASCENDING' },
			properties,
			limit: pageSize,
		});
		return body.results ?? [];
	};

	/** Walks one modification time by id, past `afterId`, skipping `taken`. */
	async function* tieWalk(at: number, taken: Set<string>, afterId: string): AsyncGenerator<WindowPage> {
		let lastId = afterId;
		for (;;) {
			const results = await search(
				[
					{ propertyName: MODIFIED, operator: 'EQ', value: String(at) },
					{ propertyName: 'hs_object_id', operator: 'GT', value: lastId },
				],
				'hs_object_id',
			);
			const fresh = results.filter((o) => !taken.has(o.id));
			if (fresh.length) yield { objects: fresh, byId: true };
			if (results.length < pageSize) return;
			lastId = results[results.length - 1].id;
		}
	}

	const start = options.start ?? { sinceMs: options.sinceMs, idsAtSince: [] };
	let lower = start.sinceMs;
	let taken = new Set<string>(start.idsAtSince);
	if (start.tieAfterId !== undefined) {
		yield* tieWalk(lower, taken, start.tieAfterId);
		lower += 1;
		taken = new Set();
	}
	for (;;) {
		const results = await search([{ propertyName: MODIFIED, operator: 'GTE', value: String(lower) }], MODIFIED);
		const fresh: HubSpotObject[] = [];
		let crowded = false;
		for (const o of results) {
			const at = modified(o);
			if (at === lower && taken.has(o.id)) continue;
			if (at > lower) {
				lower = at;
				taken = new Set();
			}
			taken.add(o.id);
			fresh.push(o);
			// The rest of the page is read again by the next query.
			if (taken.size >= tieAfter) {
				crowded = true;
				break;
			}
		}
		if (fresh.length) yield { objects: fresh, byId: false };
		if (!crowded && results.length < pageSize) return;
		if (!crowded && fresh.length) continue;
		// Too many objects at one time for a keyset on time alone: walk it by id (skipping those taken), then move past it.
		yield* tieWalk(lower, taken, '0');
		lower += 1;
		taken = new Set();
	}
}

/** `walkChangedSince` as plain pages of objects. */
export async function* changedSince(
	client: HubSpotClient,
	options: ChangedSinceOptions,
): AsyncGenerator<HubSpotObject[]> {
	for await (const page of walkChangedSince(client, options)) yield page.objects;
}

/**
 * Follows a consumer through a walk, object by object, so it can stop anywhere (mid-page included) and keep a
 * `WindowPosition` that resumes exactly there. Feed it every object the walk yields, in order, with its page's `byId`.
 */
export class WindowCursor {
	private sinceMs: number;
	private ids: string[];
	private tieAfterId?: string;

	constructor(
		start: WindowPosition,
		private readonly objectType: HubSpotObjectType,
	) {
		this.sinceMs = start.sinceMs;
		this.ids = [...start.idsAtSince];
		this.tieAfterId = start.tieAfterId;
	}

	take(object: HubSpotObject, byId: boolean): void {
		const at = modifiedMs(object, this.objectType);
		if (!Number.isFinite(at)) return;
		if (byId) {
			// Entering a tie walk keeps the ids taken at that time before it (the walk skips them); within it, the id is enough.
			if (at !== this.sinceMs) this.ids = [];
			this.sinceMs = at;
			this.tieAfterId = object.id;
			return;
		}
		if (at > this.sinceMs) {
			this.sinceMs = at;
			this.ids = [object.id];
			this.tieAfterId = undefined;
		} else if (at === this.sinceMs && this.tieAfterId === undefined) {
			this.ids.push(object.id);
		}
		// Anything else is behind the position already (a walk never goes back).
	}

	get position(): WindowPosition {
		return {
			sinceMs: this.sinceMs,
			idsAtSince: [...this.ids],
			...(this.tieAfterId !== undefined ? { tieAfterId: this.tieAfterId } : {}),
		};
	}
}
