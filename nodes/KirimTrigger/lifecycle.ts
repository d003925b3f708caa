import { NodeApiError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { KirimClient } from '../shared/kirim/client';
import { subscriptionEvents } from '../shared/kirim/events';
import { replayDeadLetters } from '../shared/kirim/replay';
import { DEDUPE_SNAPSHOT, dedupeStore } from '../shared/dedupe/store';
import { clearState } from '../shared/state/versioned-state';
import type { TriggerOptions } from './description';
import { AFTER_RUN_WEBHOOK, subscribedWebhook } from './receive';
import { clearSubscription, loadSubscription, saveSubscription } from './state';

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

/** Drops the subscription record (every format) and its dedupe window and snapshot. */
function forgetSubscription(staticData: IDataObject, subscriptionId: string | undefined): void {
	if (subscriptionId) dedupeStore.clear(subscriptionId);
	clearSubscription(staticData);
	clearState(staticData, DEDUPE_SNAPSHOT);
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
	const state = loadSubscription(this.getNode(), staticData);
	if (!state) return false;
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
	startReplayAfterDowntime(this, client, subscription.id);
	return true;
}

/** Replays started by activations and not finished yet, by subscription (one at a time per subscription). */
export const replaysInProgress = new Map<string, Promise<void>>();

/**
 * Option "Replay dead-lettered deliveries on activation": after n8n was down long enough for Kirim to give up
 * (8 attempts over ~31 h), activation or n8n's start asks for those deliveries again. Not for "Listen for test
 * event", whose subscription is new. It runs after activation returns: the route is registered by then, and a
 * big dead-letter queue under Kirim's write rate limit (60/min on the default tier) must not hold activation up.
 * A failed replay is logged; the deliveries stay in Kirim's dead-letter queue for a later replay.
 */
function startReplayAfterDowntime(ctx: IHookFunctions, client: KirimClient, subscriptionId: string): void {
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	if (options.replayDeadLettersOnActivation !== true || ctx.getMode() === 'manual') return;
	if (replaysInProgress.has(subscriptionId)) return;
	const replay = replayAfterDowntime(ctx, client, subscriptionId).finally(() => replaysInProgress.delete(subscriptionId));
	replaysInProgress.set(subscriptionId, replay);
}

async function replayAfterDowntime(ctx: IHookFunctions, client: KirimClient, subscriptionId: string): Promise<void> {
	try {
		const summary = await replayDeadLetters(client, { subscriptionId });
		if (summary.found > 0 || summary.cappedWindows.length > 0) {
			ctx.logger.info(
				`Kirim Trigger: asked Kirim to replay ${summary.enqueued} of ${summary.found} dead-lettered deliveries of ${subscriptionId} (${summary.bulkCalls} bulk calls, ${summary.singleReplays} single)` +
					(summary.cappedWindows.length > 0 ? `; ${summary.cappedWindows.length} window(s) came back capped and were not re-sent` : ''),
			);
		}
	} catch (error) {
		ctx.logger.warn(
			`Kirim Trigger: could not replay the dead-lettered deliveries of ${subscriptionId} (${(error as Error).message}); they stay in Kirim's dead-letter queue`,
		);
	}
}

export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	if (!isManaged(this)) return true;
	const staticData = this.getWorkflowStaticData('node');
	// Read before anything is made in Kirim: a record from a newer package version stops here, untouched.
	const previous = loadSubscription(this.getNode(), staticData);
	const url = subscriptionUrl(this);
	const events = wantedEvents(this);
	const workflow = this.getWorkflow();
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
	saveSubscription(staticData, { id: subscription.id, secret: subscription.initial_secret, url, events });
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
