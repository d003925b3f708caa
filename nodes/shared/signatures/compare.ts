import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'crypto';

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

/** Prepared HMAC keys by secret: turning a string into a key on every request costs as much as the hash. */
const keys = new Map<string, KeyObject>();
const MAX_KEYS = 64;

function hmacKey(secret: string): KeyObject {
	let key = keys.get(secret);
	if (!key) {
		if (keys.size >= MAX_KEYS) keys.clear();
		key = createSecretKey(Buffer.from(secret, 'utf8'));
		keys.set(secret, key);
	}
	return key;
}

export function hmacSha256Bytes(secret: string, parts: Array<string | Buffer>): Buffer {
	const hmac = createHmac('sha256', hmacKey(secret));
	for (const part of parts) hmac.update(part);
	return hmac.digest();
}

export function sha256(parts: Array<string | Buffer>, encoding: 'hex' | 'base64'): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(part);
	return hash.digest(encoding);
}
