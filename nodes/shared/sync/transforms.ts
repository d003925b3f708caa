import { normalisePhone } from '../node/phone';

/** The transforms of seed 004 ("Field Transformations") plus E.164 and email normalising (issue 7). */
export type TransformSpec =
	| { type: 'trim' }
	| { type: 'lowercase' }
	| { type: 'uppercase' }
	| { type: 'emailNormalise' }
	| { type: 'defaultIfEmpty'; value: string }
	| { type: 'splitName'; part: 'first' | 'last' }
	| { type: 'dateFormat'; format: 'date' | 'datetime' | 'epochMs' | 'hubspotDate' }
	| { type: 'valueMap'; table: Array<{ from: string; to: string }>; otherwise: 'keep' | 'reject' | 'default'; default?: string }
	| { type: 'e164'; defaultCountryCode?: string };

export type TransformResult = { ok: true; value: unknown } | { ok: false; reason: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isEmptyValue = (value: unknown): boolean => value === undefined || value === null || value === '';

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** ISO strings, epoch milliseconds or seconds (numbers or numeric strings). */
function parseDate(value: unknown): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const n = Number(text);
		return n < 1e11 ? n * 1000 : n; // below 1e11 it can only be seconds (ms would be before 1973)
	}
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : ms;
}

function one(value: unknown, spec: TransformSpec): TransformResult {
	if (spec.type === 'defaultIfEmpty') return { ok: true, value: isEmptyValue(value) ? spec.value : value };
	// Every other transform leaves an empty value empty: "no value" is never turned into an error.
	if (isEmptyValue(value)) return { ok: true, value };
	const text = typeof value === 'string' ? value : String(value);
	switch (spec.type) {
		case 'trim':
			return { ok: true, value: text.trim() };
		case 'lowercase':
			return { ok: true, value: text.toLowerCase() };
		case 'uppercase':
			return { ok: true, value: text.toUpperCase() };
		case 'emailNormalise': {
			const email = text.trim().toLowerCase();
			return EMAIL.test(email) ? { ok: true, value: email } : { ok: false, reason: `"${shown(value)}" is not an email address` };
		}
		case 'splitName': {
			const words = text.trim().split(/\s+/).filter(Boolean);
			return { ok: true, value: spec.part === 'first' ? (words[0] ?? '') : words.slice(1).join(' ') };
		}
		case 'dateFormat': {
			const ms = parseDate(value);
			if (ms === undefined) return { ok: false, reason: `"${shown(value)}" is not a date` };
			const iso = new Date(ms).toISOString();
			if (spec.format === 'date') return { ok: true, value: iso.slice(0, 10) };
			if (spec.format === 'datetime') return { ok: true, value: iso };
			if (spec.format === 'epochMs') return { ok: true, value: ms };
			// HubSpot date properties take midnight UTC of the day, in ms (a time of day is refused).
			return { ok: true, value: Date.parse(`${iso.slice(0, 10)}T00:00:00.000Z`) };
		}
		case 'valueMap': {
			const hit = spec.table.find((row) => row.from === text);
			if (hit) return { ok: true, value: hit.to };
			if (spec.otherwise === 'keep') return { ok: true, value };
			if (spec.otherwise === 'default') return { ok: true, value: spec.default ?? '' };
			return { ok: false, reason: `"${shown(value)}" is not in the value map` };
		}
		case 'e164': {
			let input = text.trim();
			const code = (spec.defaultCountryCode ?? '').replace(/\D/g, '');
			// A national number (leading 0 or no +) gets the default country code when one is set.
			if (code && !input.startsWith('+') && !input.startsWith('00')) input = `+${code}${input.replace(/^0+/, '')}`;
			const phone = normalisePhone(input);
			return phone.ok ? { ok: true, value: phone.e164 } : { ok: false, reason: phone.reason };
		}
	}
}

/** Applies the chain in order; the first failure stops it and says why. */
export function applyTransforms(value: unknown, chain: TransformSpec[] = []): TransformResult {
	let current = value;
	for (const spec of chain) {
		const result = one(current, spec);
		if (!result.ok) return result;
		current = result.value;
	}
	return { ok: true, value: current };
}
