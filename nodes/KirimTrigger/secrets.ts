import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

export const SIGNING_CREDENTIAL = 'kirimWebhookSigningApi';

/** Static data this trigger keeps for a managed subscription. Never output, never logged. */
export interface ManagedSubscriptionState {
	subscriptionId?: string;
	/** Kirim's `initial_secret`, returned only once at creation (kirim-api.md §7.1). */
	secret?: string;
	url?: string;
	events?: string[];
}

export function managedState(staticData: IDataObject): ManagedSubscriptionState {
	return staticData as ManagedSubscriptionState;
}

/** The secrets a delivery may be signed with: the stored initial secret, or the credential's secrets. */
export async function signingSecrets(ctx: IWebhookFunctions, staticData: IDataObject): Promise<string[]> {
	if (ctx.getNodeParameter('subscriptionMode', 'managed') === 'managed') {
		const secret = managedState(staticData).secret;
		return secret ? [secret] : [];
	}
	const credential = await ctx.getCredentials(SIGNING_CREDENTIAL);
	return [credential.currentSecret, credential.nextSecret, credential.previousSecret]
		.map((s) => (typeof s === 'string' ? s.trim() : ''))
		.filter((s) => s.length > 0);
}
