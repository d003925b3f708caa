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
