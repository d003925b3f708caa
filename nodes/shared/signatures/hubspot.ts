import { hmacSha256, safeEqual, sha256 } from './compare';
import { headerValue, type Headers } from '../transport/headers';
import { checkTimestamp, reject, type Verdict } from './verdict';

/**
 * HubSpot webhook signatures (https://developers.hubspot.com/docs/api/webhooks/validating-requests):
 * - v3: base64(HMAC-SHA256(client secret, method + uri + body + timestamp)), `X-HubSpot-Signature-v3`, with
 *   `X-HubSpot-Request-Timestamp` in milliseconds; older than 5 minutes is refused (and, our hardening, more than
 *   5 minutes ahead, and a timestamp that is not a number — the official Node SDK skips the check there).
 * - v2: hex(SHA-256(secret + method + uri + body)); v1: hex(SHA-256(secret + body)). No timestamp, so a
 *   captured request can be replayed: accepted only when the user turns them on.
 */
export interface HubSpotVerifyOptions {
	headers: Headers;
	method: string;
	/** The full URL exactly as registered in HubSpot (scheme, host, path, query). */
	uri: string;
	rawBody: Buffer;
	clientSecret: string;
	nowMs: number;
	/** Default 300 s; HubSpot's documented window. */
	toleranceSeconds?: number;
	allowV1V2?: boolean;
}

/**
 * Characters HubSpot's v3 recipe says to decode in the request URI before signing
 * (https://developers.hubspot.com/docs/api/webhooks/validating-requests).
 */
const V3_DECODE: Record<string, string> = {
	'%3A': ':',
	'%2F': '/',
	'%3F': '?',
	'%40': '@',
	'%21': '!',
	'%24': '$',
	'%27': "'",
	'%28': '(',
	'%29': ')',
	'%2A': '*',
	'%2C': ',',
	'%3B': ';',
};

export function hubSpotV3Uri(uri: string): string {
	return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => V3_DECODE[m.toUpperCase()]);
}

export function signHubSpotV3(
	secret: string,
	method: string,
	uri: string,
	body: Buffer | string,
	timestamp: string,
): string {
	return hmacSha256(secret, [method.toUpperCase(), hubSpotV3Uri(uri), body, timestamp], 'base64');
}

export function signHubSpotV2(secret: string, method: string, uri: string, body: Buffer | string): string {
	return sha256([secret, method.toUpperCase(), uri, body], 'hex');
}

export function signHubSpotV1(secret: string, body: Buffer | string): string {
	return sha256([secret, body], 'hex');
}

export function verifyHubSpotSignature(options: HubSpotVerifyOptions): Verdict {
	const secret = options.clientSecret.trim();
	if (!secret) return reject('no_secret_configured', 'no app client secret is configured');
	const v3 = headerValue(options.headers, 'x-hubspot-signature-v3');
	if (v3 !== undefined && v3 !== '') {
		const timestamp = headerValue(options.headers, 'x-hubspot-request-timestamp');
		if (!timestamp) return reject('missing_timestamp', 'X-HubSpot-Request-Timestamp is missing');
		if (!/^\d{1,16}$/.test(timestamp))
			return reject('invalid_timestamp', 'X-HubSpot-Request-Timestamp must be milliseconds');
		const timing = checkTimestamp(Number(timestamp) / 1000, options.nowMs, options.toleranceSeconds ?? 300);
		if (timing) return timing;
		const expected = signHubSpotV3(secret, options.method, options.uri, options.rawBody, timestamp);
		return safeEqual(expected, v3.trim())
			? { ok: true, scheme: 'v3' }
			: reject('no_matching_signature', 'the v3 signature does not match (check the URL registered in HubSpot)');
	}
	const legacy = headerValue(options.headers, 'x-hubspot-signature');
	if (legacy === undefined || legacy === '') return reject('missing_signature', 'no X-HubSpot-Signature-v3 header');
	if (!options.allowV1V2) {
		return reject('missing_signature', 'only a v1/v2 signature was sent; those are off (no timestamp, replayable)');
	}
	const version = (headerValue(options.headers, 'x-hubspot-signature-version') ?? 'v1').trim().toLowerCase();
	const expected =
		version === 'v2'
			? signHubSpotV2(secret, options.method, options.uri, options.rawBody)
			: version === 'v1'
				? signHubSpotV1(secret, options.rawBody)
				: undefined;
	if (!expected) return reject('malformed_signature', `unknown X-HubSpot-Signature-Version "${version}"`);
	return safeEqual(expected, legacy.trim().toLowerCase())
		? { ok: true, scheme: version }
		: reject('no_matching_signature', `the ${version} signature does not match`);
}
