/** Kirim ids are `<prefix>_` + a 26-character Crockford ULID (https://developers.kirim.chat/concepts/resource-ids/). */
export const ULID_BODY = '[0-9A-HJKMNP-TV-Z]{26}';

/** One compiled pattern per prefix: Bulk Label checks 100 000 ids in a run. */
const patterns = new Map<string, RegExp>();

export function isKirimId(value: unknown, prefix: string): value is string {
	if (typeof value !== 'string') return false;
	let pattern = patterns.get(prefix);
	if (!pattern) {
		pattern = new RegExp(`^${prefix}_${ULID_BODY}$`);
		patterns.set(prefix, pattern);
	}
	return pattern.test(value);
}
