import type { HubSpotClient } from './client';
import type { HubSpotObjectType } from './batch';
import type { HubSpotObject, HubSpotPaged } from './types';

/** Search limits (webhooks-hubspot.md §2.3): 200 per page, no paging past 10 000 results of one query (a 400). */
export const SEARCH_PAGE_SIZE = 200;
export const SEARCH_RESULT_CAP = 10_000;

export interface SearchFilter {
	propertyName: string;
	operator: string;
	value?: string;
	values?: string[];
}

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
	/** Injected by tests to reach the cap without 10 000 objects. */
	resultCap?: number;
	/**
	 * Walk a modification time by `hs_object_id` as soon as this many objects share it, instead of only when one
	 * query reaches the result cap. Keeps `WindowPosition.idsAtSince` at most this long. Default: only at the cap.
	 */
	tieWalkAfter?: number;
}

/** A page of a walk. `byId`: the objects share one modification time and come in `hs_object_id` order (a tie walk). */
export interface WindowPage {
	objects: HubSpotObject[];
	byId: boolean;
}

/** Contacts and tickets name their modification time differently (HubSpot's default properties). */
export const MODIFIED_PROPERTY: Record<HubSpotObjectType, string> = { contacts: 'lastmodifieddate', tickets: 'hs_lastmodifieddate' };

/** An object's modification time in epoch ms (HubSpot returns ISO strings; epoch ms are read too). */
export function modifiedMs(object: HubSpotObject, objectType: HubSpotObjectType): number {
	const raw = object.properties?.[MODIFIED_PROPERTY[objectType]] ?? object.updatedAt;
	const asNumber = Number(raw);
	return raw !== null && raw !== undefined && raw !== '' && Number.isFinite(asNumber) ? asNumber : Date.parse(String(raw));
}

interface Query {
	filters: SearchFilter[];
	sortBy: string;
}

/** How one query ended: ran out of results, would page past the cap, or stopped for a tie walk. */
type QueryEnd = 'done' | 'cap' | 'tie';

/**
 * Every object changed since a moment, oldest first, in pages — however many there are. One query cannot page
 * past 10 000 results, so at that boundary the window moves up to the last modification time seen (ids already
 * seen at that exact time are skipped). If 10 000 objects share one timestamp, that timestamp is walked by
 * `hs_object_id` instead (the tie-break), then the window moves past it. The user never sees the 400.
 */
export async function* walkChangedSince(client: HubSpotClient, options: ChangedSinceOptions): AsyncGenerator<WindowPage> {
	const pageSize = Math.min(options.pageSize ?? SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE);
	const cap = options.resultCap ?? SEARCH_RESULT_CAP;
	const tieAfter = options.tieWalkAfter ?? Infinity;
	const MODIFIED = MODIFIED_PROPERTY[options.objectType];
	const modified = (o: HubSpotObject) => modifiedMs(o, options.objectType);
	const properties = [...new Set([...options.properties, MODIFIED])];
	const extra = options.filters ?? [];

	/** Runs one query until it ends; `seen` is told of every result in order and answers whether to stop there. */
	async function* run(query: Query, byId: boolean, skip: (o: HubSpotObject) => boolean, seen: (o: HubSpotObject) => boolean): AsyncGenerator<WindowPage, QueryEnd> {
		let after = 0;
		for (;;) {
			const body = await client.json<HubSpotPaged<HubSpotObject>>({
				method: 'POST',
				path: `/crm/v3/objects/${options.objectType}/search`,
				body: {
					filterGroups: [{ filters: [...query.filters, ...extra] }],
					sorts: [{ propertyName: query.sortBy, direction: 'ASCENDING' }],
					properties,
					limit: pageSize,
					...(after ? { after: String(after) } : {}),
				},
			});
			const results = body.results ?? [];
			const fresh: HubSpotObject[] = [];
			let stop = false;
			for (const o of results) {
				stop = seen(o);
				if (!skip(o)) fresh.push(o);
				if (stop) break;
			}
			if (fresh.length) yield { objects: fresh, byId };
			if (stop) return 'tie';
			const next = body.paging?.next?.after;
			if (!next || !results.length) return 'done';
			after = Number(next);
			if (after + pageSize > cap) return 'cap';
		}
	}

	/** Walks one modification time by id, past `afterId`, skipping `taken`. */
	async function* tieWalk(at: number, taken: Set<string>, afterId: string): AsyncGenerator<WindowPage> {
		let lastId = afterId;
		for (;;) {
			const end = yield* run(
				{
					filters: [
						{ propertyName: MODIFIED, operator: 'EQ', value: String(at) },
						{ propertyName: 'hs_object_id', operator: 'GT', value: lastId },
					],
					sortBy: 'hs_object_id',
				},
				true,
				(o) => taken.has(o.id),
				(o) => {
					if (Number(o.id) > Number(lastId)) lastId = o.id;
					return false;
				},
			);
			if (end === 'done') return;
		}
	}

	const start = options.start ?? { sinceMs: options.sinceMs, idsAtSince: [] };
	let lower = start.sinceMs;
	let seenAtLower = new Set<string>(start.idsAtSince);
	if (start.tieAfterId !== undefined) {
		yield* tieWalk(lower, seenAtLower, start.tieAfterId);
		lower += 1;
		seenAtLower = new Set();
	}
	for (;;) {
		let top = lower;
		let idsAtTop = new Set<string>(seenAtLower);
		const end: QueryEnd = yield* run(
			{ filters: [{ propertyName: MODIFIED, operator: 'GTE', value: String(lower) }], sortBy: MODIFIED },
			false,
			(o) => modified(o) === lower && seenAtLower.has(o.id),
			(o) => {
				const at = modified(o);
				if (at > top) {
					top = at;
					idsAtTop = new Set();
				}
				if (at === top) idsAtTop.add(o.id);
				return idsAtTop.size >= tieAfter;
			},
		);
		if (end === 'done') return;
		if (end === 'cap' && top > lower) {
			lower = top;
			seenAtLower = idsAtTop;
			continue;
		}
		// A full window at one timestamp, or too many objects sharing one: walk that timestamp by id (skipping what
		// this window gave), then move past it.
		yield* tieWalk(top, idsAtTop, '0');
		lower = top + 1;
		seenAtLower = new Set();
	}
}

/** `walkChangedSince` as plain pages of objects. */
export async function* changedSince(client: HubSpotClient, options: ChangedSinceOptions): AsyncGenerator<HubSpotObject[]> {
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
		return { sinceMs: this.sinceMs, idsAtSince: [...this.ids], ...(this.tieAfterId !== undefined ? { tieAfterId: this.tieAfterId } : {}) };
	}
}
