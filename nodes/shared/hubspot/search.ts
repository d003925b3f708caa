import { chunk } from '../transport/concurrency';
import { collect, pages } from '../transport/pagination';
import { HUBSPOT_BATCH_SIZE } from './batch';
import type { HubSpotClient } from './client';
import type { HubSpotObject, HubSpotPaged } from './types';
import { objectsPath } from './api-version';

/**
 * Search limits (HubSpot's CRM search guide, "Limits"): 200 per page, no paging past 10 000 results of one query
 * (a 400). The walks in this package never page by offset, so they never meet that cap.
 */
export const SEARCH_PAGE_SIZE = 200;
export const SEARCH_RESULT_CAP = 10_000;

export interface SearchFilter {
	propertyName: string;
	operator: string;
	value?: string;
	values?: string[];
}

export interface SearchRequest {
	/** ANDed in one filter group; none: every object. */
	filters?: SearchFilter[];
	sort?: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' };
	properties: string[];
	/** At most SEARCH_PAGE_SIZE (the default). */
	limit?: number;
	/** The cursor of the page before (`paging.next.after`). */
	after?: string;
}

/** One page of HubSpot's CRM search for one object type: the only place that builds a search request. */
export async function searchPage(
	client: HubSpotClient,
	objectType: string,
	request: SearchRequest,
	itemIndex?: number,
): Promise<HubSpotPaged<HubSpotObject>> {
	return await client.json<HubSpotPaged<HubSpotObject>>(
		{
			method: 'POST',
			path: objectsPath(objectType, '/search'),
			body: {
				...(request.filters?.length ? { filterGroups: [{ filters: request.filters }] } : {}),
				...(request.sort ? { sorts: [request.sort] } : {}),
				properties: request.properties,
				limit: Math.min(request.limit ?? SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE),
				...(request.after ? { after: request.after } : {}),
			},
		},
		itemIndex,
	);
}

/** Objects whose `property` is one of `values`: IN with up to 100 values per query, every page. */
export async function searchByValues(
	client: HubSpotClient,
	objectType: string,
	property: string,
	values: string[],
	properties: string[],
): Promise<{ objects: HubSpotObject[]; requests: number }> {
	const objects: HubSpotObject[] = [];
	let requests = 0;
	for (const group of chunk(values, HUBSPOT_BATCH_SIZE)) {
		const iterator = pages<HubSpotObject>(async (after) => {
			requests++;
			const body = await searchPage(client, objectType, {
				filters: [{ propertyName: property, operator: 'IN', values: group }],
				sort: { propertyName: 'hs_object_id', direction: 'ASCENDING' },
				properties,
				after,
			});
			return { items: body.results ?? [], nextCursor: body.paging?.next?.after };
		});
		objects.push(...(await collect(iterator)));
	}
	return { objects, requests };
}
