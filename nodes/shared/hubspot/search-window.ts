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

export interface ChangedSinceOptions {
	objectType: HubSpotObjectType;
	/** Epoch ms; objects whose lastmodifieddate is at or after it. */
	sinceMs: number;
	properties: string[];
	filters?: SearchFilter[];
	pageSize?: number;
	/** Injected by tests to reach the cap without 10 000 objects. */
	resultCap?: number;
}

/** Contacts and tickets name their modification time differently (HubSpot's default properties). */
export const MODIFIED_PROPERTY: Record<HubSpotObjectType, string> = { contacts: 'lastmodifieddate', tickets: 'hs_lastmodifieddate' };

function modifiedMs(object: HubSpotObject, property: string): number {
	const raw = object.properties?.[property] ?? object.updatedAt;
	const asNumber = Number(raw);
	return raw !== null && raw !== undefined && raw !== '' && Number.isFinite(asNumber) ? asNumber : Date.parse(String(raw));
}

interface Query {
	filters: SearchFilter[];
	sortBy: string;
}

/**
 * Every object changed since a moment, oldest first, in pages — however many there are. One query cannot page
 * past 10 000 results, so at that boundary the window moves up to the last modification time seen (ids already
 * seen at that exact time are skipped). If 10 000 objects share one timestamp, that timestamp is walked by
 * `hs_object_id` instead (the tie-break), then the window moves past it. The user never sees the 400.
 */
export async function* changedSince(client: HubSpotClient, options: ChangedSinceOptions): AsyncGenerator<HubSpotObject[]> {
	const pageSize = Math.min(options.pageSize ?? SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE);
	const cap = options.resultCap ?? SEARCH_RESULT_CAP;
	const MODIFIED = MODIFIED_PROPERTY[options.objectType];
	const modified = (o: HubSpotObject) => modifiedMs(o, MODIFIED);
	const properties = [...new Set([...options.properties, MODIFIED])];
	const extra = options.filters ?? [];

	/** Runs one query until it ends (true) or would page past the cap (false). */
	async function* run(query: Query, skip: (o: HubSpotObject) => boolean, seen: (o: HubSpotObject) => void) {
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
			results.forEach(seen);
			const fresh = results.filter((o) => !skip(o));
			if (fresh.length) yield fresh;
			const next = body.paging?.next?.after;
			if (!next || !results.length) return true;
			after = Number(next);
			if (after + pageSize > cap) return false;
		}
	}

	let lower = options.sinceMs;
	let seenAtLower = new Set<string>();
	for (;;) {
		let top = lower;
		let idsAtTop = new Set<string>(seenAtLower);
		const finished: boolean = yield* run(
			{ filters: [{ propertyName: MODIFIED, operator: 'GTE', value: String(lower) }], sortBy: MODIFIED },
			(o) => modified(o) === lower && seenAtLower.has(o.id),
			(o) => {
				const at = modified(o);
				if (at > top) {
					top = at;
					idsAtTop = new Set();
				}
				if (at === top) idsAtTop.add(o.id);
			},
		);
		if (finished) return;
		if (top > lower) {
			lower = top;
			seenAtLower = idsAtTop;
			continue;
		}
		// A full window at one timestamp: walk that timestamp by id (skipping what this window gave), then move past it.
		seenAtLower = idsAtTop;
		let lastId = '0';
		for (;;) {
			const tieDone: boolean = yield* run(
				{
					filters: [
						{ propertyName: MODIFIED, operator: 'EQ', value: String(lower) },
						{ propertyName: 'hs_object_id', operator: 'GT', value: lastId },
					],
					sortBy: 'hs_object_id',
				},
				(o) => seenAtLower.has(o.id),
				(o) => {
					if (Number(o.id) > Number(lastId)) lastId = o.id;
				},
			);
			if (tieDone) break;
		}
		lower += 1;
		seenAtLower = new Set();
	}
}
