import { deepCopy, NodeApiError, NodeOperationError, sleep, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { KirimClient } from '../shared/kirim/client';
import { subscriptionEvents } from '../shared/kirim/events';
import { DEDUPE_SNAPSHOT, dedupeStore } from '../shared/dedupe/store';
import { clearState } from '../shared/state/versioned-state';
import type { TriggerOptions } from './description';
import { AFTER_RUN_WEBHOOK } from '../shared/webhook/after-run';
import { subscribedWebhook } from './receive';
import { REPLAY_LEDGER_STATE } from './replay-ledger';
import { GAP_SETTLE_MS, startGapReplay, startReplayAfterDowntime } from './replay-on-activation';
import { openSealedSecret, sealSecret } from './sealed-secret';
import { kirimApiKey, sealNotOpenedReason } from './secrets';
import { clearSubscription, loadSubscription, saveSubscription, type ManagedSubscription } from './state';
import {
	latestRecords,
	REMOVAL_GRACE_MS,
	scheduleRemoval,
	takeRemoval,
	triggerKey,
	trustedRecord,
} from './subscription-memory';

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

/** This trigger in the process memory (subscription-memory.ts); undefined for "Listen for test event". */
function memoryKey(ctx: IHookFunctions): string | undefined {
	return ctx.getMode() === 'manual' ? undefined : triggerKey(ctx.getWorkflow().id, ctx.getNode());
}

function keepRecord(ctx: IHookFunctions, staticData: IDataObject, record: ManagedSubscription): void {
	saveSubscription(staticData, record);
	const key = memoryKey(ctx);
	if (key) latestRecords.remember(key, record);
}

/** Drops the subscription record (every format), its dedupe window and snapshot, and its replay ledger. */
function forgetSubscription(ctx: IHookFunctions, staticData: IDataObject, subscriptionId: string | undefined): void {
	if (subscriptionId) dedupeStore.clear(subscriptionId);
	clearSubscription(staticData);
	clearState(staticData, DEDUPE_SNAPSHOT);
	clearState(staticData, REPLAY_LEDGER_STATE);
	const key = memoryKey(ctx);
	if (key) latestRecords.forget(key);
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
async function withSealedSecret(
	ctx: IHookFunctions,
	staticData: IDataObject,
	state: ManagedSubscription,
): Promise<ManagedSubscription> {
	if (state.plainSecret) {
		const { plainSecret, ...rest } = state;
		const sealed: ManagedSubscription = {
			...rest,
			sealedSecret: sealSecret(await requireApiKey(ctx), state.id, plainSecret),
		};
		keepRecord(ctx, staticData, sealed);
		ctx.logger.info(`Kirim Trigger: sealed the signing secret of subscription ${state.id} kept by an earlier version`);
		return sealed;
	}
	if (state.sealedSecret && openSealedSecret(await requireApiKey(ctx), state.id, state.sealedSecret) === undefined) {
		ctx.logger.error(
			`Kirim Trigger: ${sealNotOpenedReason(state.id)}; until then deliveries are answered 503 so Kirim retries them`,
		);
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
 * a permanent failure and, 20–24 times in a row, auto-disables the subscription:
 * https://developers.kirim.chat/webhooks/retry/).
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	if (!isManaged(this)) return true;
	const staticData = this.getWorkflowStaticData('node');
	const key = memoryKey(this);
	let stored = loadSubscription(this.getNode(), staticData);
	// An edit of the trigger: n8n called delete() for the previous version a moment ago. Take the subscription over.
	const edited = key ? takeRemoval(key, stored?.id) : undefined;
	if (edited && !stored) {
		// Renamed: the node's static data key changed; its subscription, dedupe snapshot and ledger move with it.
		Object.assign(staticData, deepCopy(edited.nodeState));
		stored = loadSubscription(this.getNode(), staticData);
	}
	const fromStaticData = stored;
	if (key) {
		stored = trustedRecord(key, stored, staticData, (record) =>
			this.logger.warn(
				`Kirim Trigger: took the record of subscription ${record.id} made in this process: this node's static data did not hold it (the node was renamed, or a run that started before the activation saved an older copy over it)`,
			),
		);
	}
	if (!stored) return false;
	// When the record came from this process, not from static data, the trigger changed without a removal to take
	// over: n8n 2.30.8 publishes a renamed trigger before it takes the old one down, calling delete() under the new
	// name (nothing there to schedule), and its route is gone for a moment then too. Its gap is the last moments.
	// (The other way here, a run saving an older copy over the record, gets the same look back: each dead letter is
	// still replayed once, by the ledger.)
	const gapSince = edited?.since ?? (stored !== fromStaticData ? Date.now() : undefined);
	// Sealed first: even when Kirim cannot be reached now, the plain secret of an older version leaves static data.
	const state = await withSealedSecret(this, staticData, stored);
	const url = subscriptionUrl(this);
	// Its replays go on after activation returns.
	const client = await KirimClient.forLater(this);
	let subscription: KirimSubscription;
	try {
		subscription = await client.data<KirimSubscription>({ method: 'GET', path: `${SUBSCRIPTIONS}/${state.id}` });
	} catch (error) {
		const apiError = error as NodeApiError;
		if (String(apiError.httpCode) === '404') {
			forgetSubscription(this, staticData, state.id);
			return false;
		}
		if (isPermanent(apiError)) throw apiError;
		this.logger.warn(
			`Kirim Trigger: could not check subscription ${state.id} (${apiError.message}); keeping the webhook registered`,
		);
		return true;
	}
	const ownUrls = [this.getNodeWebhookUrl('default'), this.getNodeWebhookUrl(AFTER_RUN_WEBHOOK)];
	if (!state.url || !ownUrls.includes(state.url)) {
		// Another workflow's subscription (this one was duplicated or imported): leave it alone, make our own.
		forgetSubscription(this, staticData, state.id);
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
		keepRecord(this, staticData, { ...state, events, url });
	} else if (key) {
		latestRecords.remember(key, state);
	}
	if (edited) this.logger.info(`Kirim Trigger: kept subscription ${subscription.id} across the change of the trigger`);
	if (gapSince !== undefined) {
		await sleep(GAP_SETTLE_MS);
		await startGapReplay(this, client, subscription.id, staticData, gapSince);
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
		throw new NodeApiError(
			this.getNode(),
			{ message: 'incomplete subscription' },
			{
				message: 'Kirim created the subscription but did not return its id and initial secret',
				description:
					'Without the initial secret no delivery can be verified. Delete the subscription in Kirim and activate again.',
			},
		);
	}
	forgetSubscription(this, staticData, previous?.id);
	keepRecord(this, staticData, {
		id: subscription.id,
		sealedSecret: sealSecret(apiKey, subscription.id, subscription.initial_secret),
		url,
		events,
	});
	this.logger.info(`Kirim Trigger: subscribed ${url} to ${events.join(', ')} (subscription ${subscription.id})`);
	return true;
}

/**
 * delete: n8n calls it when the workflow is deactivated and also when the trigger of an active workflow changed,
 * right before it checks the new version (subscription-memory.ts). Outside "Listen for test event" the subscription
 * is therefore removed only after a grace period: the check of an edit takes it over, keeping its id and secret,
 * and static data keeps the record, so a later activation finds the removed subscription gone (404) and makes one.
 */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	if (!isManaged(this)) return true;
	const staticData = this.getWorkflowStaticData('node');
	const subscriptionId = loadSubscription(this.getNode(), staticData)?.id;
	if (!subscriptionId) return true;
	const client = await KirimClient.forLater(this);
	const remove = async () => {
		try {
			await client.send({ method: 'DELETE', path: `${SUBSCRIPTIONS}/${subscriptionId}` });
			this.logger.info(`Kirim Trigger: removed subscription ${subscriptionId}`);
		} catch (error) {
			const apiError = error as NodeApiError;
			if (String(apiError.httpCode) !== '404') throw apiError;
			this.logger.info(`Kirim Trigger: subscription ${subscriptionId} was already gone`);
		}
		dedupeStore.clear(subscriptionId);
	};
	const key = memoryKey(this);
	if (!key) {
		await remove();
		forgetSubscription(this, staticData, subscriptionId);
		return true;
	}
	scheduleRemoval(key, { subscriptionId, since: Date.now(), nodeState: deepCopy(staticData) }, async () => {
		if (latestRecords.get(key)?.id === subscriptionId) latestRecords.forget(key);
		try {
			await remove();
		} catch (error) {
			this.logger.error(
				`Kirim Trigger: could not remove subscription ${subscriptionId} after the workflow was deactivated (${(error as Error).message}); Kirim keeps calling a URL n8n no longer serves and disables it after 20 failed deliveries: pause it with Kirim Admin (Subscription → Update, Status: Paused) or delete it in Kirim's dashboard`,
			);
		}
	});
	this.logger.info(
		`Kirim Trigger: subscription ${subscriptionId} is removed in ${REMOVAL_GRACE_MS / 1000} s unless this trigger is activated again (an edit of the trigger keeps it)`,
	);
	return true;
}
