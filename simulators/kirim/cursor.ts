import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { KirimInvalid } from './errors';

/**
 * Kirim's cursors are opaque, tamper-evident and bound to the filters that produced them
 * (https://developers.kirim.chat/concepts/pagination/):
 * here, base64url JSON of the last id and a hash of the filters, then an HMAC with a key only the simulator has.
 */
export class Cursors {
	private readonly key = randomBytes(32);

	encode(lastId: string, filters: Record<string, string>): string {
		const payload = Buffer.from(JSON.stringify({ id: lastId, f: this.filterHash(filters) })).toString('base64url');
		return `${payload}.${this.mac(payload)}`;
	}

	/** The id after which the next page starts; 400 invalid_cursor when forged, edited or used with other filters. */
	decode(cursor: string, filters: Record<string, string>): string {
		const [payload, mac] = cursor.split('.');
		const expected = payload ? this.mac(payload) : '';
		if (
			!payload ||
			!mac ||
			mac.length !== expected.length ||
			!timingSafeEqual(Buffer.from(mac), Buffer.from(expected))
		) {
			throw new KirimInvalid('invalid_cursor', 'The cursor is malformed or was modified.', 'cursor');
		}
		const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { id: string; f: string };
		if (decoded.f !== this.filterHash(filters)) {
			throw new KirimInvalid('invalid_cursor', 'The cursor was created with different filters.', 'cursor');
		}
		return decoded.id;
	}

	private mac(payload: string): string {
		return createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, 22);
	}

	private filterHash(filters: Record<string, string>): string {
		const sorted = Object.keys(filters)
			.sort()
			.map((k) => `${k}=${filters[k]}`)
			.join('&');
		return createHmac('sha256', this.key).update(sorted).digest('base64url').slice(0, 16);
	}
}

/**
 * One page of `items` (sorted) after `afterId`, with has_more / next_cursor. `sortedById`: the items are in id
 * order, so the cursor's position is found by binary search (large lists) instead of a scan.
 */
export function page<T extends { id: string }>(
	cursors: Cursors,
	items: readonly T[],
	limit: number,
	cursor: string | null,
	filters: Record<string, string>,
	sortedById = false,
): { data: T[]; hasMore: boolean; nextCursor: string | null } {
	let start = 0;
	if (cursor !== null) {
		const afterId = cursors.decode(cursor, filters);
		if (sortedById) start = firstAfter(items, afterId);
		else {
			start = items.findIndex((item) => item.id === afterId) + 1;
			// The row was deleted since: in an id-ordered list, carry on after where it was; otherwise end.
			if (start === 0) start = items.findIndex((item) => item.id > afterId);
			if (start < 0) start = items.length;
		}
	}
	const data = items.slice(start, start + limit);
	const hasMore = start + limit < items.length;
	return { data, hasMore, nextCursor: hasMore ? cursors.encode(data[data.length - 1].id, filters) : null };
}

/** Index of the first item whose id sorts after `id` (items in id order). */
function firstAfter(items: readonly { id: string }[], id: string): number {
	let low = 0;
	let high = items.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (items[mid].id <= id) low = mid + 1;
		else high = mid;
	}
	return low;
}
