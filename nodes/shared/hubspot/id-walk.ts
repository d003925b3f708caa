import type { HubSpotObjectType } from './batch';
import type { HubSpotClient } from './client';
import { SEARCH_PAGE_SIZE, searchPage } from './search';
import type { HubSpotObject } from './types';

/**
 * Every object that has a value in `property`, in pages of up to 200, ordered by `hs_object_id`. Each page is a
 * new query for ids above the last one seen (a keyset), so the walk never pages past search's documented 10 000-result
 * cap and an object changed during the walk neither moves nor comes twice. Search is paced
 * on its own budget by the client (four a second).
 */
export async function* objectsWithProperty(
	client: HubSpotClient,
	objectType: HubSpotObjectType,
	property: string,
	properties: string[],
	counter: { requests: number } = { requests: 0 },
	pageSize = SEARCH_PAGE_SIZE,
): AsyncGenerator<HubSpotObject[]> {
	let lastId = '0';
	for (;;) {
		counter.requests++;
		const body = await searchPage(client, objectType, {
			filters: [
				{ propertyName: property, operator: 'HAS_PROPERTY' },
				{ propertyName: 'hs_object_id', operator: 'GT', value: lastId },
			],
			sort: { propertyName: 'hs_object_id', direction: 'ASCENDING' },
			properties: [...new Set([...properties, property])],
			limit: pageSize,
		});
		const results = body.results ?? [];
		if (results.length) yield results;
		if (!body.paging?.next?.after || !results.length) return;
		lastId = results[results.length - 1].id;
	}
}
