import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { KIRIM_CREDENTIAL } from '../shared/kirim/client';
import { openSealedSecret, sealSecret } from './sealed-secret';
import { loadSubscription, saveSubscription, type ManagedSubscription } from './state';
import { triggerKey, trustedRecord } from './subscription-memory';

export const SIGNING_CREDENTIAL = 'kirimWebhookSigningApi';

/**
 * Credential secrets read in the last minute, by credential id. Reading a credential costs n8n a database read,
 * a decryption and an expression pass (an isolate call under its default engine) — more than verifying a
 * delivery — so it is not done per request. A signature that matches none of the cached secrets is checked
 * again against a fresh read, so a newly rotated secret works at once; a removed one stops working within a minute.
 */
const CACHE_MS = 60_000;
const cache = new Map<string, { secrets: string[]; readAt: number }>();

/**
 * Managed mode: the stored secret opened in the last minute, by subscription id, with the sealed value it came
 * from (a new seal is opened again). Opening needs the Kirim credential, read for the same cost as above; a seal
 * that does not open is remembered too, so a burst of retries does not read the credential once each.
 */
const opened = new Map<string, { sealed: string; secret?: string; readAt: number }>();

export interface SigningSecrets {
	secrets: string[];
	/** Reads the credential again (after a mismatch); undefined when the secrets do not come from a credential. */
	refresh?: () => Promise<string[]>;
	/** Set when the secret exists but cannot be used now (the delivery is answered with a status Kirim retries). */
	unavailable?: string;
}

/** Why a sealed secret is of no use, and what the operator does about it (logged; never holds a secret). */
export function sealNotOpenedReason(subscriptionId: string): string {
	return (
		`the signing secret of Kirim subscription ${subscriptionId} was sealed with another API key than the Kirim credential's ` +
		'(was the API key changed?); deactivate and activate the workflow to make a new subscription, or put the previous API key back'
	);
}

/** The Kirim credential's API key, or undefined when the credential has none. */
export async function kirimApiKey(ctx: Pick<IWebhookFunctions, 'getCredentials'>): Promise<string | undefined> {
	const credential = await ctx.getCredentials(KIRIM_CREDENTIAL);
	return typeof credential.apiKey === 'string' && credential.apiKey !== '' ? credential.apiKey : undefined;
}

async function readCredential(ctx: IWebhookFunctions, key: string): Promise<string[]> {
	const credential = await ctx.getCredentials(SIGNING_CREDENTIAL);
	const secrets = [credential.currentSecret, credential.nextSecret, credential.previousSecret]
		.map((s) => (typeof s === 'string' ? s.trim() : ''))
		.filter((s) => s.length > 0);
	cache.set(key, { secrets, readAt: Date.now() });
	return secrets;
}

async function managedSecrets(
	ctx: IWebhookFunctions,
	staticData: IDataObject,
	subscription: ManagedSubscription | undefined,
): Promise<SigningSecrets> {
	if (!subscription) return { secrets: [] };
	if (subscription.plainSecret) {
		// Written by an older version. Sealed here as well as at the activation check: n8n 2.41 keeps webhook routes
		// across restarts and runs no activation check then, and n8n saves static data after a delivery's run.
		const apiKey = await kirimApiKey(ctx);
		if (apiKey) {
			const { plainSecret, ...rest } = subscription;
			saveSubscription(staticData, { ...rest, sealedSecret: sealSecret(apiKey, subscription.id, plainSecret) });
		}
		return { secrets: [subscription.plainSecret] };
	}
	const sealed = subscription.sealedSecret;
	if (!sealed) return { secrets: [] };
	let entry = opened.get(subscription.id);
	if (!entry || entry.sealed !== sealed || Date.now() - entry.readAt >= CACHE_MS) {
		const apiKey = await kirimApiKey(ctx);
		entry = {
			sealed,
			secret: apiKey ? openSealedSecret(apiKey, subscription.id, sealed) : undefined,
			readAt: Date.now(),
		};
		opened.set(subscription.id, entry);
	}
	return entry.secret
		? { secrets: [entry.secret] }
		: { secrets: [], unavailable: sealNotOpenedReason(subscription.id) };
}

/**
 * The record a delivery is verified with. A run that loaded static data before an activation made a new
 * subscription saves the old record over it when it ends (n8n saves the whole column); the newer record made in
 * this process wins, and is put back into static data, which n8n saves after this delivery's run.
 */
function managedRecord(ctx: IWebhookFunctions, staticData: IDataObject): ManagedSubscription | undefined {
	const stored = loadSubscription(ctx.getNode(), staticData);
	if (ctx.getMode() === 'manual') return stored;
	return trustedRecord(triggerKey(ctx.getWorkflow().id, ctx.getNode()), stored, staticData, (record) =>
		ctx.logger.warn(
			`Kirim Trigger: restored the record of subscription ${record.id}, which a run that started before its activation had saved over`,
		),
	);
}

/** The secrets a delivery may be signed with: the stored initial secret, or the credential's secrets. */
export async function signingSecrets(ctx: IWebhookFunctions, staticData: IDataObject): Promise<SigningSecrets> {
	if (ctx.getNodeParameter('subscriptionMode', 'managed') === 'managed') {
		return await managedSecrets(ctx, staticData, managedRecord(ctx, staticData));
	}
	const key = ctx.getNode().credentials?.[SIGNING_CREDENTIAL]?.id ?? `node:${ctx.getNode().id}`;
	const cached = cache.get(key);
	const refresh = async () => await readCredential(ctx, key);
	if (cached && Date.now() - cached.readAt < CACHE_MS) return { secrets: cached.secrets, refresh };
	return { secrets: await refresh() };
}
