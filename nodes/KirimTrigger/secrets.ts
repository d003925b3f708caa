import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { loadSubscription } from './state';

export const SIGNING_CREDENTIAL = 'kirimWebhookSigningApi';

/**
 * Credential secrets read in the last minute, by credential id. Reading a credential costs n8n a database read,
 * a decryption and an expression pass (an isolate call under its default engine) — more than verifying a
 * delivery — so it is not done per request. A signature that matches none of the cached secrets is checked
 * again against a fresh read, so a newly rotated secret works at once; a removed one stops working within a minute.
 */
const CACHE_MS = 60_000;
const cache = new Map<string, { secrets: string[]; readAt: number }>();

export interface SigningSecrets {
	secrets: string[];
	/** Reads the credential again (after a mismatch); undefined when the secrets do not come from a credential. */
	refresh?: () => Promise<string[]>;
	/** Set when the secret exists but cannot be used now (the delivery is answered with a status Kirim retries). */
	unavailable?: string;
}

async function readCredential(ctx: IWebhookFunctions, key: string): Promise<string[]> {
	const credential = await ctx.getCredentials(SIGNING_CREDENTIAL);
	const secrets = [credential.currentSecret, credential.nextSecret, credential.previousSecret]
		.map((s) => (typeof s === 'string' ? s.trim() : ''))
		.filter((s) => s.length > 0);
	cache.set(key, { secrets, readAt: Date.now() });
	return secrets;
}

/** The secrets a delivery may be signed with: the stored initial secret, or the credential's secrets. */
export async function signingSecrets(ctx: IWebhookFunctions, staticData: IDataObject): Promise<SigningSecrets> {
	if (ctx.getNodeParameter('subscriptionMode', 'managed') === 'managed') {
		const secret = loadSubscription(ctx.getNode(), staticData)?.secret;
		return { secrets: secret ? [secret] : [] };
	}
	const key = ctx.getNode().credentials?.[SIGNING_CREDENTIAL]?.id ?? `node:${ctx.getNode().id}`;
	const cached = cache.get(key);
	const refresh = async () => await readCredential(ctx, key);
	if (cached && Date.now() - cached.readAt < CACHE_MS) return { secrets: cached.secrets, refresh };
	return { secrets: await refresh() };
}
