import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** Constant-time string comparison; unequal lengths are rejected before comparing (timingSafeEqual needs equal lengths). */
export function safeEqual(expected: string, actual: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(actual, 'utf8');
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}

export function hmacSha256(secret: string, parts: Array<string | Buffer>, encoding: 'hex' | 'base64'): string {
	const hmac = createHmac('sha256', secret);
	for (const part of parts) hmac.update(part);
	return hmac.digest(encoding);
}

/**
 * Constant-time equality of two ASCII strings (hex or base64 digests): every character is compared, no early
 * exit; only the length, which is public, returns early. Cheaper than encoding both into Buffers per request.
 */
export function asciiEqual(expected: string, actual: string): boolean {
	if (expected.length !== actual.length) return false;
	let diff = 0;
	for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ actual.charCodeAt(i);
	return diff === 0;
}

export function sha256(parts: Array<string | Buffer>, encoding: 'hex' | 'base64'): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(part);
	return hash.digest(encoding);
}
