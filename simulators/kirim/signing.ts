import { createHmac } from 'node:crypto';

/**
 * `X-Kirim-Signature: t=<unix s>,v1=<hex>[,v1=<hex>…]`, one v1 per active secret, each
 * hex(HMAC-SHA256(secret, `${t}.${rawBody}`)) (https://developers.kirim.chat/webhooks/signing/). Written here
 * independently of the
 * package's verifier, and pinned to an openssl vector in its test, so neither checks itself.
 */
export function signKirimPayload(secrets: string[], timestampSeconds: number, rawBody: string | Buffer): string {
	const parts = secrets.map(
		(secret) => `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex')}`,
	);
	return [`t=${timestampSeconds}`, ...parts].join(',');
}
