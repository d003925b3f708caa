import { createHmac } from 'crypto';

import { hmacKey, hmacSha256, safeEqual } from './compare';
import { headerValue, type Headers } from '../transport/headers';
import { checkTimestamp, reject, type Verdict } from './verdict';

/** Longest signature header we parse; a header this big is an attack or a bug, not several secrets. */
const MAX_HEADER_LENGTH = 4096;

export interface KirimVerifyOptions {
	headers: Headers;
	rawBody: Buffer;
	/** Every active secret (stored initial secret, credential secrets); empty strings are ignored. */
	secrets: string[];
	nowMs: number;
	/** Default 300 s, both directions; 0 disables the check (the node warns). */
	toleranceSeconds: number;
	/** Accept the legacy `sha256=<hex>` HMAC of the raw body (no timestamp). Off by default. */
	allowLegacy: boolean;
}

interface ParsedHeader {
	timestamp?: string;
	/** As sent (trimmed, case kept): compared case-insensitively, as hex is. */
	v1: string[];
}

const KEY_OTHER = 0;
const KEY_T = 1;
const KEY_V1 = 2;

/** Which key `value[start, eq)` is once trimmed; the bare `t` and `v1` Kirim sends are told apart without a copy. */
function keyAt(value: string, start: number, eq: number): number {
	const length = eq - start;
	if (length === 1 && value.charCodeAt(start) === 0x74 /* t */) return KEY_T;
	if (length === 2 && value.charCodeAt(start) === 0x76 /* v */ && value.charCodeAt(start + 1) === 0x31 /* 1 */)
		return KEY_V1;
	const key = value.slice(start, eq).trim();
	return key === 't' ? KEY_T : key === 'v1' ? KEY_V1 : KEY_OTHER;
}

/**
 * `t=<unix s>,v1=<hex>[,v1=<hex>…]`: split on `,`, then on the first `=`
 * (https://developers.kirim.chat/webhooks/signing/).
 */
export function parseKirimSignatureHeader(value: string): ParsedHeader | undefined {
	let timestamp: string | undefined;
	const v1: string[] = [];
	let start = 0;
	while (start <= value.length) {
		let end = value.indexOf(',', start);
		if (end === -1) end = value.length;
		const eq = value.indexOf('=', start);
		if (eq <= start || eq >= end) return undefined;
		const key = keyAt(value, start, eq);
		if (key === KEY_T) {
			if (timestamp !== undefined) return undefined;
			timestamp = value.slice(eq + 1, end).trim();
		} else if (key === KEY_V1) {
			v1.push(value.slice(eq + 1, end).trim());
		}
		// Other schemes (v0, …) are ignored, as Stripe's downgrade rule advises (https://docs.stripe.com/webhooks).
		start = end + 1;
	}
	return { timestamp, v1 };
}

/** Unix seconds as 1–12 decimal digits (milliseconds, signs, exponents, blanks are not), or -1. */
function unixSeconds(text: string): number {
	if (text.length === 0 || text.length > 12) return -1;
	let seconds = 0;
	for (let i = 0; i < text.length; i++) {
		const digit = text.charCodeAt(i) - 0x30;
		if (digit < 0 || digit > 9) return -1;
		seconds = seconds * 10 + digit;
	}
	return seconds;
}

/** The value for `X-Kirim-Signature` over `{t}.{raw body}` with one v1 per secret — what Kirim sends. */
export function signKirim(secrets: string[], timestampSeconds: number, rawBody: Buffer): string {
	const signatures = secrets.map((secret) => `v1=${hmacSha256(secret, [`${timestampSeconds}.`, rawBody], 'hex')}`);
	return [`t=${timestampSeconds}`, ...signatures].join(',');
}

function matchAny(expected: string[], actual: string[]): boolean {
	let matched = false;
	// Every pair is compared (no early exit), so timing says nothing about which secret matched.
	for (const e of expected) for (const a of actual) matched = safeEqual(e, a) || matched;
	return matched;
}

/** Hex digit values by character code (either case); anything else is 0x100, which no byte can equal. */
const HEX_DIGIT = new Uint16Array(128).fill(0x100);
for (let d = 0; d < 10; d++) HEX_DIGIT[0x30 + d] = d;
for (let d = 0; d < 6; d++) HEX_DIGIT[0x41 + d] = HEX_DIGIT[0x61 + d] = 10 + d;

function hexDigit(code: number): number {
	return code < 128 ? HEX_DIGIT[code] : 0x100;
}

/**
 * Our digest (32 bytes as a latin1 string) against a v1 value of 64 hex digits in either case, decoded as it is
 * compared. Every byte is compared with no early exit; only the length, which is public, returns early. A
 * non-hex character makes its byte out of range, so it can never match. Measured cheaper than a hex digest
 * compared as text, and than decoding into Buffers for timingSafeEqual (native calls cost more than the work).
 */
function digestEqualsHex(digest: string, hex: string): boolean {
	if (hex.length !== 64) return false;
	let diff = 0;
	for (let i = 0; i < 32; i++) {
		diff |= ((hexDigit(hex.charCodeAt(2 * i)) << 4) | hexDigit(hex.charCodeAt(2 * i + 1))) ^ digest.charCodeAt(i);
	}
	return diff === 0;
}

/**
 * Any v1 against any secret's HMAC of `{t}.{raw body}`. Every pair is compared (no early exit), so timing says
 * nothing about which secret or value matched. No `{t}.{body}` copy: the prefix and the raw bytes are fed in
 * turn. The digest comes out as a 32-character latin1 string ('binary', Node's alias; cheaper than hex or a
 * Buffer on Node 20).
 */
function anyV1Matches(secrets: string[], timestamp: string, rawBody: Buffer, v1: string[]): boolean {
	const prefix = `${timestamp}.`;
	let matched = false;
	for (let s = 0; s < secrets.length; s++) {
		const digest = createHmac('sha256', hmacKey(secrets[s])).update(prefix).update(rawBody).digest('binary');
		for (let i = 0; i < v1.length; i++) matched = digestEqualsHex(digest, v1[i]) || matched;
	}
	return matched;
}

/** First byte that is not JSON whitespace (space, tab, line feed, carriage return), or -1. */
function firstNonBlank(raw: Buffer): number {
	for (let i = 0; i < raw.length; i++) {
		const byte = raw[i];
		if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return byte;
	}
	return -1;
}

/**
 * The legacy scheme signs the raw body alone, with no timestamp. A current signature is an HMAC of
 * `{t}.{raw body}` under the same secret, so a captured current delivery re-sent with that `{t}.{body}` as its
 * body and its v1 value as a legacy signature would verify, forever. Every Kirim event is a JSON object, and
 * a `{t}.` prefix never starts with `{`: a legacy signature is only checked over a body that starts with `{`.
 */
function verifyLegacy(value: string, rawBody: Buffer, secrets: string[]): Verdict {
	if (firstNonBlank(rawBody) !== 0x7b /* { */) {
		return reject('malformed_signature', 'a legacy signature is only accepted over a JSON object body');
	}
	const hex = value
		.replace(/^sha256=/i, '')
		.trim()
		.toLowerCase();
	if (!/^[0-9a-f]{64}$/.test(hex)) return reject('malformed_signature', 'the legacy signature is not sha256=<64 hex>');
	const expected = secrets.map((secret) => hmacSha256(secret, [rawBody], 'hex'));
	return matchAny(expected, [hex])
		? { ok: true, scheme: 'legacy-sha256' }
		: reject('no_matching_signature', 'no secret produces this legacy signature');
}

/** Trimmed, non-empty secrets; the usual single clean secret passes through without copying (hot path). */
function activeSecrets(given: string[]): string[] {
	if (given.length === 1 && given[0].length > 0 && given[0].trim() === given[0]) return given;
	return given.map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Verifies a Kirim delivery over its raw bytes (https://developers.kirim.chat/webhooks/signing/):
 * HMAC-SHA256(secret, `${t}.${rawBody}`) as hex, any v1 against any secret, constant time, |now − t| ≤ tolerance.
 * The legacy forms (`X-KirimChat-Signature: sha256=…`, or a bare HMAC in `X-Kirim-Signature-256`) carry no
 * timestamp and are accepted only when `allowLegacy` is on. Never throws.
 */
export function verifyKirimSignature(options: KirimVerifyOptions): Verdict {
	const secrets = activeSecrets(options.secrets);
	if (secrets.length === 0) return reject('no_secret_configured', 'no signing secret is configured for this trigger');
	const current =
		headerValue(options.headers, 'x-kirim-signature') ?? headerValue(options.headers, 'x-kirim-signature-256');
	if (current === undefined || current.trim() === '') {
		// Looked up only here: a header that is absent costs a scan of every header name.
		const legacy = headerValue(options.headers, 'x-kirimchat-signature');
		if (legacy !== undefined && options.allowLegacy) return verifyLegacy(legacy, options.rawBody, secrets);
		return reject('missing_signature', 'the X-Kirim-Signature header is missing');
	}
	if (current.length > MAX_HEADER_LENGTH) return reject('malformed_signature', 'the signature header is too long');
	if (!current.includes('t=')) {
		// X-Kirim-Signature-256 as a bare HMAC of the body is the legacy scheme.
		if (options.allowLegacy) return verifyLegacy(current, options.rawBody, secrets);
		return reject('malformed_signature', 'the signature header has no t= timestamp (legacy signatures are off)');
	}
	const parsed = parseKirimSignatureHeader(current);
	if (!parsed) return reject('malformed_signature', 'the signature header is not t=…,v1=…');
	if (parsed.timestamp === undefined) return reject('missing_timestamp', 'the signature header has no t= value');
	const timestamp = unixSeconds(parsed.timestamp);
	if (timestamp < 0) return reject('invalid_timestamp', 't= must be Unix seconds');
	if (parsed.v1.length === 0) return reject('malformed_signature', 'the signature header has no v1= value');
	const timing = checkTimestamp(timestamp, options.nowMs, options.toleranceSeconds);
	if (timing) return timing;
	return anyV1Matches(secrets, parsed.timestamp, options.rawBody, parsed.v1)
		? { ok: true, scheme: 'v1' }
		: reject('no_matching_signature', 'no v1 signature matches a configured secret');
}
