/** Kirim ids are `<prefix>_` + a 26-character Crockford ULID (kirim-api.md §1 "Resource IDs"). */
export const ULID_BODY = '[0-9A-HJKMNP-TV-Z]{26}';

export function isKirimId(value: unknown, prefix: string): value is string {
	return typeof value === 'string' && new RegExp(`^${prefix}_${ULID_BODY}$`).test(value);
}
