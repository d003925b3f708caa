import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'crypto';

/**
 * The managed subscription's signing secret, sealed for the node's static data. n8n hands static data to anyone
 * who can open the workflow (the editor's GET /rest/workflows/:id, exports, the public API), while credentials are
 * stored encrypted and never sent to the editor. So the secret is kept encrypted under a key derived from the Kirim
 * credential's API key: the record alone cannot sign a delivery. AES-256-GCM authenticates the ciphertext, and the
 * subscription id is bound as associated data, so a sealed secret copied onto another subscription record does not open.
 */

/** Fixed context for the key derivation: a key derived for anything else from the same API key differs. */
const DERIVATION_LABEL = 'n8n-nodes-kirim/kirim-trigger/managed-subscription-signing-secret/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFrom(apiKey: string): Buffer {
	return Buffer.from(hkdfSync('sha256', Buffer.from(apiKey, 'utf8'), Buffer.alloc(0), DERIVATION_LABEL, 32));
}

/** base64url(iv ‖ tag ‖ ciphertext). */
export function sealSecret(apiKey: string, subscriptionId: string, secret: string): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', keyFrom(apiKey), iv);
	cipher.setAAD(Buffer.from(subscriptionId, 'utf8'));
	const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** The secret, or undefined when the seal does not open (another API key, another subscription, altered bytes). */
export function openSealedSecret(apiKey: string, subscriptionId: string, sealed: string): string | undefined {
	const bytes = Buffer.from(sealed, 'base64url');
	if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
	try {
		const decipher = createDecipheriv('aes-256-gcm', keyFrom(apiKey), bytes.subarray(0, IV_BYTES));
		decipher.setAAD(Buffer.from(subscriptionId, 'utf8'));
		decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
		return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}
