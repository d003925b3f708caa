import { randomBytes } from 'node:crypto';

/** Crockford base32: 0-9 A-Z without I, L, O, U (Kirim ids: https://developers.kirim.chat/concepts/resource-ids/). */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 26-character ULID: 48-bit millisecond time then 80 random bits, so ids sort by creation time. */
export function ulid(timeMs: number): string {
	let time = '';
	let t = Math.floor(timeMs);
	for (let i = 0; i < 10; i++) {
		time = CROCKFORD[t % 32] + time;
		t = Math.floor(t / 32);
	}
	const random = randomBytes(16);
	let rest = '';
	for (let i = 0; i < 16; i++) rest += CROCKFORD[random[i] % 32];
	return time + rest;
}

export const ULID_PATTERN = '[0-9A-HJKMNP-TV-Z]{26}';

export function isPrefixedId(value: unknown, prefix: string): value is string {
	return typeof value === 'string' && new RegExp(`^${prefix}_${ULID_PATTERN}$`).test(value);
}

/** Monotonic counter-based ids for systems with numeric ids (HubSpot object ids). */
export class NumericIds {
	constructor(private next = 1000) {}

	take(): string {
		this.next += 1;
		return String(this.next);
	}
}
