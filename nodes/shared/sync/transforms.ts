import { normalisePhone } from './phone';
import { parseDateMs } from './dates';

/** The usual CRM-sync field transforms plus E.164 and email normalising. */
export type TransformSpec =
	| { type: 'trim' }
	| { type: 'lowercase' }
	| { type: 'uppercase' }
	/** Trim + lowercase + a shape check (something@domain.tld). */
	| { type: 'emailNormalise' }
	| { type: 'defaultIfEmpty'; value: string }
	/** "John Doe" → John / Doe; "Ana" → Ana / ''; "John van der Berg" → John / van der Berg. */
	| { type: 'splitName'; part: 'first' | 'last' }
	/** YYYY-MM-DD | ISO 8601 UTC | epoch ms | midnight UTC in ms (what a HubSpot date property takes). */
	| { type: 'dateFormat'; format: 'date' | 'datetime' | 'epochMs' | 'hubspotDate' }
	| {
			type: 'valueMap';
			table: Array<{ from: string; to: string }>;
			otherwise: 'keep' | 'reject' | 'default';
			default?: string;
	  }
	| { type: 'e164'; defaultCountryCode?: string };

export type TransformType = TransformSpec['type'];

export type TransformResult = { ok: true; value: unknown } | { ok: false; reason: string };

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const QUOTE_MAX = 40;

/** "No value": never sent unless the mapping clears, so a field one side left blank never wipes the other. */
export const isEmptyValue = (value: unknown): boolean =>
	value === undefined ||
	value === null ||
	value === '' ||
	(Array.isArray(value) && value.length === 0) ||
	(typeof value === 'object' &&
		Object.getPrototypeOf(value) === Object.prototype &&
		Object.keys(value as object).length === 0);

/** A bad value as a reason quotes it (text in quotes, anything else as JSON), shortened so a reason stays short. */
export function quoted(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	const short = text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
	return typeof value === 'string' ? `"${short}"` : short;
}

const fail = (reason: string): TransformResult => ({ ok: false, reason });

/** Text transforms apply to strings, numbers and booleans; an object or a list is not text. */
function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	return undefined;
}

function formatDate(value: unknown, format: 'date' | 'datetime' | 'epochMs' | 'hubspotDate'): TransformResult {
	const ms = parseDateMs(value);
	if (ms === undefined) {
		return fail(
			`${quoted(value)} is not a date (expected ISO 8601 such as 2026-11-22T10:00:00Z, or epoch seconds or milliseconds)`,
		);
	}
	const iso = new Date(ms).toISOString();
	if (format === 'date') return { ok: true, value: iso.slice(0, 10) };
	if (format === 'datetime') return { ok: true, value: iso };
	if (format === 'epochMs') return { ok: true, value: ms };
	// HubSpot date properties take midnight UTC of the day in ms and refuse any other time of day.
	return { ok: true, value: ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000) };
}

/**
 * E.164 via the shared phone rules (nodes/shared/node/phone.ts). A default country code helps only numbers
 * written without one: a leading 0 (trunk prefix) is replaced by it; a number already starting with it, as
 * WhatsApp writes ids (6281…), only gets the +. A number with letters or a + is never guessed at.
 */
function toE164(text: string, defaultCountryCode: string | undefined): TransformResult {
	const direct = normalisePhone(text);
	if (direct.ok) return { ok: true, value: direct.e164 };
	const code = (defaultCountryCode ?? '').replace(/\D/g, '');
	const digits = text
		.trim()
		.replace(/^tel:/i, '')
		.replace(/[\s().\-/]/g, '');
	const raw = text.trim();
	if (!code || !/^\d+$/.test(digits) || digits.startsWith('00'))
		return fail(direct.reason.replace(`"${raw}"`, quoted(raw)));
	const candidate = digits.startsWith('0')
		? `+${code}${digits.replace(/^0+/, '')}`
		: digits.startsWith(code)
			? `+${digits}`
			: `+${code}${digits}`;
	const withCode = normalisePhone(candidate);
	if (withCode.ok) return { ok: true, value: withCode.e164 };
	return fail(`${quoted(raw)} with country code ${code}: ${withCode.reason}`);
}

function valueMap(text: string, value: unknown, spec: Extract<TransformSpec, { type: 'valueMap' }>): TransformResult {
	const hit = spec.table.find((row) => row.from === text);
	if (hit) return { ok: true, value: hit.to };
	if (spec.otherwise === 'keep') return { ok: true, value };
	if (spec.otherwise === 'default') return { ok: true, value: spec.default ?? '' };
	const known = spec.table.map((row) => row.from);
	const listed = known.length
		? `: expected one of ${known.slice(0, 5).map(quoted).join(', ')}${known.length > 5 ? ', …' : ''}`
		: '';
	return fail(`${quoted(value)} is not in the value map${listed}`);
}

function one(value: unknown, spec: TransformSpec): TransformResult {
	if (spec.type === 'defaultIfEmpty') return { ok: true, value: isEmptyValue(value) ? spec.value : value };
	// Every other transform leaves an empty value empty: "no value" is never turned into an error.
	if (isEmptyValue(value)) return { ok: true, value };
	if (spec.type === 'dateFormat') return formatDate(value, spec.format);
	const text = textOf(value);
	if (text === undefined) return fail(`${quoted(value)} is not text, so ${spec.type} cannot apply to it`);
	switch (spec.type) {
		case 'trim':
			return { ok: true, value: text.trim() };
		case 'lowercase':
			return { ok: true, value: text.toLowerCase() };
		case 'uppercase':
			return { ok: true, value: text.toUpperCase() };
		case 'emailNormalise': {
			const email = text.trim().toLowerCase();
			return EMAIL.test(email) ? { ok: true, value: email } : fail(`${quoted(text)} is not an email address`);
		}
		case 'splitName': {
			const words = text.trim().split(/\s+/).filter(Boolean);
			return { ok: true, value: spec.part === 'first' ? (words[0] ?? '') : words.slice(1).join(' ') };
		}
		case 'valueMap':
			return valueMap(text, value, spec);
		case 'e164':
			return toE164(text, spec.defaultCountryCode);
	}
}

/** Applies the chain in the order given; the first failure stops it and says why. */
export function applyTransforms(value: unknown, chain: TransformSpec[] = []): TransformResult {
	let current = value;
	for (const spec of chain) {
		const result = one(current, spec);
		if (!result.ok) return result;
		current = result.value;
	}
	return { ok: true, value: current };
}
