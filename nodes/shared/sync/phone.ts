/**
 * E.164 for Kirim (`^\+[1-9]\d{6,14}$`, https://kirim-dev.pages.dev/api/operations/contacts/get/). Formatting is
 * removed and a leading 00 becomes +; a number without a country code cannot be guessed, so it is refused with
 * the reason.
 */
export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

export function normalisePhone(input: unknown): PhoneResult {
	if (typeof input !== 'string' && typeof input !== 'number') return { ok: false, reason: 'no phone number given' };
	const raw = String(input).trim();
	if (!raw) return { ok: false, reason: 'the phone number is empty' };
	if (/[a-z]/i.test(raw.replace(/^tel:/i, '').replace(/(ext|x)\.?\s*\d+$/i, ''))) {
		return { ok: false, reason: `"${raw}" contains letters` };
	}
	let digits = raw.replace(/^tel:/i, '').replace(/[\s().\-/]/g, '');
	if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
	if (!digits.startsWith('+')) {
		return {
			ok: false,
			reason: `"${raw}" has no country code: write it as +<country code><number>, e.g. +628111222333`,
		};
	}
	if (!/^\+\d+$/.test(digits)) return { ok: false, reason: `"${raw}" has characters that are not digits` };
	if (!/^\+[1-9]\d{6,14}$/.test(digits)) {
		return {
			ok: false,
			reason: `"${raw}" is not a valid international number (a + then 7 to 15 digits, not starting with 0)`,
		};
	}
	return { ok: true, e164: digits };
}
