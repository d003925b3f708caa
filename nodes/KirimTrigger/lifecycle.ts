import { NodeApiError, NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { KirimClient } from '../shared/kirim/client';
import { subscriptionEvents } from '../shared/kirim/events';
import { DEDUPE_SNAPSHOT, dedupeStore } from '../shared/dedupe/store';
import { clearState } from '../shared/state/versioned-state';
import type { TriggerOptions } from './description';
import { AFTER_RUN_WEBHOOK, subscribedWebhook } from './receive';
import { REPLAY_LEDGER_STATE } from './replay-ledger';
import { startReplayAfterDowntime } from './replay-on-activation';
import { openSealedSecret, sealSecret } from './sealed-secret';
import { kirimApiKey, sealNotOpenedReason } from './secrets';
import { clearSubscription, loadSubscription, saveSubscription, type ManagedSubscription } from './state';

interface KirimSubscription {
	id: string;
	url: string;
	status: string;
	events: string[];
	initial_secret?: string;
}

const SUBSCRIPTIONS = '/v1/webhook_subscriptions';

function isManaged(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('subscriptionMode', 'managed') === 'managed';
}

/** The URL Kirim should call: the plain webhook, or the one answered after the run. */
function subscriptionUrl(ctx: IHookFunctions): string {
	return ctx.getNodeWebhookUrl(subscribedWebhook(ctx.getNodeParameter('options', {}) as TriggerOptions)) as string;
}

function wantedEvents(ctx: IHookFunctions): string[] {
	return subscriptionEvents(ctx.getNodeParameter('events', []) as string[]);
}

/** Drops the subscription record (every format), its dedupe window and snapshot, and its replay ledger. */
function forgetSubscription(staticData: IDataObject, subscriptionId: string | undefined): void {
	if (subscriptionId) dedupeStore.clear(subscriptionId);
	clearSubscription(staticData);
	clearState(staticData, DEDUPE_SNAPSHOT);
	clearState(staticData, REPLAY_LEDGER_STATE);
}

async function requireApiKey(ctx: IHookFunctions): Promise<string> {
	const apiKey = await kirimApiKey(ctx);
	if (!apiKey) throw new NodeOperationError(ctx.getNode(), 'The Kirim credential has no API key');
	return apiKey;
}

/**
 * The record with its secret sealed. A plain secret (written by an older version) is sealed here, at the first
 * activation check that has the credential; a seal that does not open is reported, and the record kept: deliveries
 * are then answered 503, which Kirim retries, so nothing is lost while the operator puts the API key back or
 * deactivates and activates the workflow (which makes a new subscription).
 */
async function withSealedSecret(ctx: IHookFunctions, staticData: IDataObject, state: ManagedSubscription): Promise<ManagedSubscription> {
	if (state.plainSecret) {
		const { plainSecret, ...rest } = state;
		const sealed: ManagedSubscription = { ...rest, sealedSecret: sealSecret(await requireApiKey(ctx), state.id, plainSecret) };
		saveSubscription(staticData, sealed);
		ctx.logger.info(`Kirim Trigger: sealed the signing secret of subscription ${state.id} kept by an earlier version`);
		return sealed;
	}
	if (state.sealedSecret && openSealedSecret(await requireApiKey(ctx), state.id, state.sealedSecret) === undefined) {
		ctx.logger.error(`Kirim Trigger: ${sealNotOpenedReason(state.id)}; until then deliveries are answered 503 so Kirim retries them`);
	}
	return state;
}

function sameEvents(a: string[], b: string[]): boolean {
	return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** Kirim's "your request is wrong" statuses; anything else in checkExists is transient. */
function isPermanent(error: NodeApiError): boolean {
	return ['400', '401', '403', '422'].includes(String(error.httpCode));
}

/**
 * checkExists: is the subscription this node made still there, for this URL, active, with these events?
 * A transient failure keeps the route registered (an unregistered route answers 404, which Kirim treats as
 * a permanent failure and, 20–24 times in a row, auto-disables the subscription — kirim-api.md §7.6).
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	if (!isManaged(this)) return true;
	const staticData = this.getWorkflowStaticData('node');
	const stored = loadSubscription(this.getNode(), staticData);
	if (!stored) return false;
	// Sealed first: even when Kirim cannot be reached now, the plain secret of an older version leaves static data.
	const state = await withSealedSecret(this, staticData, stored);
	const url = subscriptionUrl(this);
	const client = await KirimClient.create(this);
	let subscription: KirimSubscription;
	try {
		subscription = await client.data<KirimSubscription>({ method: 'GET', path: `${SUBSCRIPTIONS}/${state.id}` });
	} catch (error) {
		const apiError = error as NodeApiError;
		if (String(apiError.httpCode) === '404') {
			forgetSubscription(staticData, state.id);
			return false;
		}
		if (isPermanent(apiError)) throw apiError;
		this.logger.warn(`Kirim Trigger: could not check subscription ${state.id} (${apiError.message}); keeping the webhook registered`);
		return true;
	}
	const ownUrls = [this.getNodeWebhookUrl('default'), this.getNodeWebhookUrl(AFTER_RUN_WEBHOOK)];
	if (!state.url || !ownUrls.includes(state.url)) {
		// Another workflow's subscription (this one was duplicated or imported): leave it alone, make our own.
		forgetSubscription(staticData, state.id);
		return false;
	}
	const events = wantedEvents(this);
	const patch: IDataObject = {};
	if (subscription.url !== url) patch.url = url;
	if (subscription.status !== 'active') patch.status = 'active';
	if (!sameEvents(subscription.events, events)) patch.events = events;
	if (Object.keys(patch).length > 0) {
		await client.data({ method: 'PATCH', path: `${SUBSCRIPTIONS}/${subscription.id}`, body: patch });
		this.logger.info(`Kirim Trigger: updated subscription ${subscription.id} (${Object.keys(patch).join(', ')})`);
		saveSubscription(staticData, { ...state, events, url });
	}
	await startReplayAfterDowntime(this, client, subscription.id, staticData);
	return true;
}

export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	if (!isManaged(this)) return true;
	const staticData = this.getWorkflowStaticData('node');
	// Read before anything is made in Kirim: a record from a newer package version stops here, untouched.
	const previous = loadSubscription(this.getNode(), staticData);
	const url = subscriptionUrl(this);
	const events = wantedEvents(this);
	const workflow = this.getWorkflow();
	const apiKey = await requireApiKey(this);
	const client = await KirimClient.create(this);
	const subscription = await client.data<KirimSubscription>({
		method: 'POST',
		path: SUBSCRIPTIONS,
		body: { url, events, description: `n8n workflow "${workflow.name ?? workflow.id}" (${workflow.id})` },
	});
	if (!subscription?.id || !subscription.initial_secret) {
		throw new NodeApiError(this.getNode(), { message: 'incomplete subscription' }, {
			message: 'Kirim created the subscription but did not return its id and initial secret',
			description: 'Without the initial secret no delivery can be verified. Delete the subscription in Kirim and activate again.',
		});
	}
	forgetSubscription(staticData, previous?.id);
	saveSubscription(staticData, { id: subscription.id, sealedSecret: sealSecret(apiKey, subscription.id, subscription.initial_secret), url, events });
	this.logger.info(`Kirim Trigger: subscribed ${url} to ${events.join(', ')} (subscription ${subscription.id})`);
	return true;
}

export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	if (!isManaged(this)) return true;
	const staticData = this.getWorkflowStaticData('node');
	const subscriptionId = loadSubscription(this.getNode(), staticData)?.id;
	if (!subscriptionId) return true;
	const client = await KirimClient.create(this);
	try {
		await client.send({ method: 'DELETE', path: `${SUBSCRIPTIONS}/${subscriptionId}` });
		this.logger.info(`Kirim Trigger: removed subscription ${subscriptionId}`);
	} catch (error) {
		const apiError = error as NodeApiError;
		if (String(apiError.httpCode) !== '404') throw apiError;
		this.logger.info(`Kirim Trigger: subscription ${subscriptionId} was already gone`);
	}
	forgetSubscription(staticData, subscriptionId);
	return true;
}
