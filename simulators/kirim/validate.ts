import { isPrefixedId } from '../common/ids';
import { KirimInvalid } from './errors';

/** Request checks as Kirim documents them (https://developers.kirim.chat/); every failure names its param. */
export const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function object(body: unknown): Record<string, unknown> {
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new KirimInvalid('invalid_field_value', 'The body must be a JSON object.');
	return body as Record<string, unknown>;
}

export function requiredString(body: Record<string, unknown>, param: string): string {
	const value = body[param];
	if (value === undefined || value === null || value === '')
		throw new KirimInvalid('missing_required_field', `${param} is required.`, param);
	if (typeof value !== 'string') throw new KirimInvalid('invalid_field_value', `${param} must be a string.`, param);
	return value;
}

export function optionalString(body: Record<string, unknown>, param: string, max = 1000): string | null | undefined {
	const value = body[param];
	if (value === undefined || value === null) return value as null | undefined;
	if (typeof value !== 'string' || value.length > max)
		throw new KirimInvalid('invalid_field_value', `${param} must be a string of at most ${max} characters.`, param);
	return value;
}

export function phone(value: string, param: string): string {
	if (!E164.test(value))
		throw new KirimInvalid('invalid_phone_number', `${param} must be E.164 with a leading +.`, param);
	return value;
}

export function email(value: string | null | undefined, param = 'email'): string | null | undefined {
	if (value && !EMAIL.test(value))
		throw new KirimInvalid('invalid_field_value', `${param} must be an email address.`, param);
	return value;
}

export function metadata(value: unknown): Record<string, unknown> | null | undefined {
	if (value === undefined || value === null) return value as null | undefined;
	if (typeof value !== 'object' || Array.isArray(value))
		throw new KirimInvalid('invalid_field_value', 'metadata must be an object.', 'metadata');
	return value as Record<string, unknown>;
}

export function id(value: unknown, prefix: string, param: string): string {
	if (!isPrefixedId(value, prefix))
		throw new KirimInvalid('invalid_field_value', `${param} must be a ${prefix}_ id.`, param);
	return value;
}

/** Only these keys may appear: an unknown field is an error, as a strict API answers. */
export function onlyKeys(body: Record<string, unknown>, allowed: string[]): void {
	for (const key of Object.keys(body)) {
		if (!allowed.includes(key)) throw new KirimInvalid('invalid_field_value', `Unknown field ${key}.`, key);
	}
}

/** `limit`: a string of digits, 1–100, default 25 (https://developers.kirim.chat/concepts/pagination/). */
export function limit(raw: string | null): number {
	if (raw === null) return 25;
	if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100)
		throw new KirimInvalid('invalid_limit', 'limit must be between 1 and 100.', 'limit');
	return Number(raw);
}
