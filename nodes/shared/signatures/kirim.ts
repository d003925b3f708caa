import { asciiEqual, hmacSha256, safeEqual } from './compare';
import { checkTimestamp, headerOf, reject, type Headers, type Verdict } from './verdict';

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
	v1: string[];
}

/** `t=<unix s>,v1=<hex>[,v1=<hex>…]`: split on `,`, then on the first `=` (kirim-api.md §7.5 step 1). */
export function parseKirimSignatureHeader(value: string): ParsedHeader | undefined {
	const parsed: ParsedHeader = { v1: [] };
	let start = 0;
	while (start <= value.length) {
		let end = value.indexOf(',', start);
		if (end === -1) end = value.length;
		const eq = value.indexOf('=', start);
		if (eq <= start || eq >= end) return undefined;
		const key = value.slice(start, eq).trim();
		const val = value.slice(eq + 1, end).trim();
		start = end + 1;
		if (key === 't') {
			if (parsed.timestamp !== undefined) return undefined;
			parsed.timestamp = val;
		} else if (key === 'v1') {
			parsed.v1.push(val.toLowerCase());
		}
		// Other schemes (v0, …) are ignored, as Stripe's downgrade rule advises (webhooks-hubspot.md §4.3).
	}
	return parsed;
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

/**
 * Our hex digests against the header's v1 values, every pair compared (no early exit), so timing says nothing
 * about which secret matched. Measured on Node 20: a string key and a hex digest compared as text beat a
 * prepared KeyObject and a Buffer digest (bench/verify-dedupe.bench.ts).
 */
function matchAnyHex(expected: string[], actual: string[]): boolean {
	let matched = false;
	for (const a of actual) for (const e of expected) matched = asciiEqual(e, a) || matched;
	return matched;
}

function verifyLegacy(value: string, rawBody: Buffer, secrets: string[]): Verdict {
	const hex = value.replace(/^sha256=/i, '').trim().toLowerCase();
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
 * Verifies a Kirim delivery over its raw bytes (kirim-api.md §7.5):
 * HMAC-SHA256(secret, `${t}.${rawBody}`) as hex, any v1 against any secret, constant time, |now − t| ≤ tolerance.
 * The legacy forms (`X-KirimChat-Signature: sha256=…`, or a bare HMAC in `X-Kirim-Signature-256`) carry no
 * timestamp and are accepted only when `allowLegacy` is on. Never throws.
 */
export function verifyKirimSignature(options: KirimVerifyOptions): Verdict {
	const secrets = activeSecrets(options.secrets);
	if (secrets.length === 0) return reject('no_secret_configured', 'no signing secret is configured for this trigger');
	const current = headerOf(options.headers, 'x-kirim-signature') ?? headerOf(options.headers, 'x-kirim-signature-256');
	if (current === undefined || current.trim() === '') {
		// Looked up only here: a header that is absent costs a scan of every header name.
		const legacy = headerOf(options.headers, 'x-kirimchat-signature');
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
	if (!/^\d{1,12}$/.test(parsed.timestamp)) {
		return reject('invalid_timestamp', 't= must be Unix seconds');
	}
	if (parsed.v1.length === 0) return reject('malformed_signature', 'the signature header has no v1= value');
	const timestamp = Number(parsed.timestamp);
	const timing = checkTimestamp(timestamp, options.nowMs, options.toleranceSeconds);
	if (timing) return timing;
	const signed = `${parsed.timestamp}.`;
	const expected = secrets.map((secret) => hmacSha256(secret, [signed, options.rawBody], 'hex'));
	return matchAnyHex(expected, parsed.v1)
		? { ok: true, scheme: 'v1' }
		: reject('no_matching_signature', 'no v1 signature matches a configured secret');
}
