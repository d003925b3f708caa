/**
 * Cursor paging as one primitive: an async iterator of pages (as octokit's paginate iterator does).
 * "Return All" and "Limit" are both built on it, for every API and node.
 */

export interface Page<T> {
	items: T[];
	/** The cursor for the next page, or undefined on the last page. */
	nextCursor?: string;
}

export type FetchPage<T> = (cursor: string | undefined) => Promise<Page<T>>;

/** Pages from `startCursor` on, stopping when the API gives no next cursor. */
export async function* pages<T>(fetchPage: FetchPage<T>, startCursor?: string): AsyncGenerator<Page<T>> {
	let cursor = startCursor;
	const seen = new Set<string>();
	for (;;) {
		const page = await fetchPage(cursor);
		yield page;
		if (!page.nextCursor) return;
		// A cursor handed back twice would loop forever; better a clear error than a hung workflow.
		if (seen.has(page.nextCursor)) throw new Error('The API returned the same page cursor twice; paging stopped');
		seen.add(page.nextCursor);
		cursor = page.nextCursor;
	}
}

/** Items from the pages, stopping as soon as `limit` items are in hand (no page fetched beyond need). */
export async function collect<T>(iterator: AsyncIterable<Page<T>>, limit?: number): Promise<T[]> {
	const out: T[] = [];
	if (limit !== undefined && limit <= 0) return out;
	for await (const page of iterator) {
		for (const item of page.items) {
			out.push(item);
			if (limit !== undefined && out.length >= limit) return out;
		}
	}
	return out;
}
