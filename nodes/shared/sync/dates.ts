/** Epoch values below this are seconds: 1e11 s is the year 5138, 1e11 ms is March 1973. */
const SECONDS_BELOW = 1e11;
/** ECMAScript's Date range (±100 000 000 days); outside it `toISOString` throws. */
const MAX_MS = 8.64e15;

/** ISO 8601 date or date-time (`T` or a space), optional fraction, optional `Z` / `±hh[:mm]`. */
export const ISO_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const inRange = (ms: number): number | undefined => (Number.isFinite(ms) && Math.abs(ms) <= MAX_MS ? ms : undefined);

function fromEpoch(n: number): number | undefined {
	return inRange(Math.abs(n) < SECONDS_BELOW ? Math.round(n * 1000) : Math.round(n));
}

/**
 * Strict on purpose: `Date.parse` turns "foo 12" into 2001-12-01 and 2026-02-30 into 2 March, and reads a
 * time without an offset in the server's zone. Here the calendar must be real and no offset means UTC.
 */
function fromIso(text: string): number | undefined {
	const m = ISO_DATE.exec(text);
	if (!m) return undefined;
	const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((part) =>
		Number(part ?? 0),
	);
	const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as written
	if (date.getUTCDate() !== day) return undefined; // 30 February rolled over into March
	date.setUTCHours(hour, minute, second, ms);
	let offsetMinutes = 0;
	const zone = m[8];
	if (zone && zone.toUpperCase() !== 'Z') {
		const digits = zone.slice(1).replace(':', '');
		const hours = Number(digits.slice(0, 2));
		const minutes = Number(digits.slice(2) || 0);
		if (hours > 23 || minutes > 59) return undefined;
		offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
	}
	return inRange(date.getTime() - offsetMinutes * 60_000);
}

/**
 * Milliseconds since 1970 for: Date objects (and Luxon DateTimes from n8n expressions), epoch milliseconds or
 * seconds as numbers or numeric strings, ISO 8601 strings. Anything else — or a date that does not exist —
 * is undefined.
 */
export function parseDateMs(value: unknown): number | undefined {
	if (value instanceof Date) return inRange(value.getTime());
	if (typeof value === 'number') return fromEpoch(value);
	if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return inRange((value as { toMillis: () => number }).toMillis());
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^-?\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
	return fromIso(text);
}
