import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { persistEveryMs } from '../shared/dedupe/save-option';

import { claimDelivery } from '../shared/webhook/dedupe-delivery';

import { AFTER_RUN_WEBHOOK } from '../shared/webhook/after-run';
import { answer, RejectionCounter, retryLater, startRun } from '../shared/webhook/respond';

import { verifyHubSpotSignature } from '../shared/signatures/hubspot';

import { dropChangesKirimHas } from './compare-with-kirim';

import type { TriggerOptions } from './description';
import { combinePropertyChanges, classicSubscriptionType, isOwnWrite } from '../shared/hubspot/events';
import { dedupeKey, parseEvents } from './parse';
import { DEFAULT_ID_PROPERTY } from '../shared/hubspot/sync-properties';
import { HUBSPOT_CONNECTED_APP_CREDENTIAL, hubSpotAppIdentity, hubSpotCredentialTypeOf } from '../shared/hubspot/auth';

/**
 * On-time ids the restart snapshot keeps, as the Kirim Trigger's; more than the Kirim Trigger's 64, because one
 * HubSpot delivery holds up to 100 events (one id each): 200 keep the last two batches whole.
 */
const SNAPSHOT_SIZE = 200;
const rejections = new RejectionCounter();
/** HubSpot waits 5 s for an answer before it counts the attempt as failed (https://developers.hubspot.com/docs/api/webhooks). */
const HUBSPOT_TIMEOUT_MS = 5_000;

/**
 * HubSpot batch → verify v3 over the raw bytes → events → filter (type, own writes) → dedupe → items.
 * Any valid delivery is acknowledged 200 (HubSpot retries 5xx and 429 up to 10 times over 24 h), even when every
 * event was dropped — at once, or with "Respond When the Workflow Finishes" after the run (500 when it failed, so
 * HubSpot retries); a bad signature gets 401; our side's faults (no client secret, a signed body this version
 * cannot read) get 503 so HubSpot keeps the batch.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const now = Date.now();
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const credentialType = hubSpotCredentialTypeOf(this.getNode());
	const app = hubSpotAppIdentity(credentialType, await this.getCredentials(credentialType));
	const counterKey = RejectionCounter.keyOf(this);
	// One dedupe window for both routes (named by the default URL); the signature covers the URL HubSpot posted to.
	const nodeUrl = this.getNodeWebhookUrl('default') as string;
	const afterRun = this.getWebhookName() === AFTER_RUN_WEBHOOK;
	if (!Buffer.isBuffer(req.rawBody)) {
		// The signature covers the bytes as sent; without them nothing can be verified. Our side's fault: 500, retried.
		this.logger.error(
			'HubSpot Sync Trigger: n8n passed no raw request body, so no signature can be checked; the batch is refused with 500 and HubSpot retries it',
		);
		return answer(this, 500, { error: 'raw_body_unavailable' });
	}
	const verdict = verifyHubSpotSignature({
		headers: req.headers,
		method: req.method ?? 'POST',
		uri: options.publicUrl?.trim() || (this.getNodeWebhookUrl(afterRun ? AFTER_RUN_WEBHOOK : 'default') as string),
		rawBody: req.rawBody,
		clientSecret: app.clientSecret,
		nowMs: now,
		allowV1V2: options.allowV1V2 === true,
	});
	if (!verdict.ok) {
		rejections.count(counterKey, verdict.reason);
		if (verdict.reason === 'no_secret_configured') {
			// HubSpot retries 5xx but not 4xx (https://developers.hubspot.com/docs/api/webhooks): the batch is fine,
			// the credential is incomplete, so HubSpot must keep it.
			this.logger.error(
				'HubSpot Sync Trigger: the credential has no app client secret; batches are refused with 503 so HubSpot retries them',
			);
			return retryLater(this, { error: 'no_secret_configured' });
		}
		this.logger.warn(`HubSpot Sync Trigger refused a delivery: ${verdict.reason} (${verdict.detail})`);
		return answer(this, 401, { error: 'invalid_signature', reason: verdict.reason });
	}

	const parsed = parseEvents(this.getBodyData());
	if (!parsed.ok) {
		// Signed by the app's secret, so HubSpot sent it: a shape this version cannot read is kept retryable.
		this.logger.error(
			`HubSpot Sync Trigger: a signed batch could not be read (${parsed.reason}); answered 503 so HubSpot retries it`,
		);
		return retryLater(this, { error: 'unreadable_events', reason: parsed.reason });
	}

	if (credentialType === HUBSPOT_CONNECTED_APP_CREDENTIAL && !app.portalId) {
		// An OAuth app's one URL gets every installed portal's events; without knowing ours none can be run safely.
		this.logger.error(
			'HubSpot Sync Trigger: the OAuth2 credential names no portal (not connected); batches are refused with 503 so HubSpot retries them',
		);
		return retryLater(this, { error: 'credential_not_connected' });
	}
	const wanted = this.getNodeParameter('subscriptionTypes', []) as string[];
	const appId = app.appId;
	let ownWrites = 0;
	let otherPortals = 0;
	const selected = parsed.events.filter((event) => {
		// Never run another portal's event with this portal's token: dropped, counted, acknowledged.
		if (app.portalId && String(event.portalId) !== app.portalId) {
			otherPortals += 1;
			return false;
		}
		if (!wanted.includes(classicSubscriptionType(event))) return false;
		if (options.skipOwnWrites !== false && isOwnWrite(event, appId)) {
			ownWrites += 1;
			return false;
		}
		return true;
	});
	if (otherPortals) {
		this.logger.warn(
			`HubSpot Sync Trigger: ${otherPortals} event(s) of other portals dropped (this credential is connected to portal ${app.portalId})`,
		);
	}
	const staticData = this.getWorkflowStaticData('node');
	const claims = claimDelivery(
		this,
		nodeUrl,
		selected.map(dedupeKey),
		staticData,
		{
			windowMs: (options.dedupeWindowHours ?? 48) * 3_600_000,
			maxEntries: 100_000,
			snapshotSize: SNAPSHOT_SIZE,
			persistEveryMs: persistEveryMs(options.dedupeSave),
			senderTimeoutMs: HUBSPOT_TIMEOUT_MS,
			answeredAfterRun: afterRun,
		},
		now,
	);
	if (claims.includes('in_flight')) {
		// Part of this batch is in a batch n8n has not answered yet: HubSpot retries the whole batch later.
		return retryLater(this, { error: 'in_flight' });
	}
	const fresh = claims.map((claim) => claim === 'new');
	let events = selected.filter((_, i) => fresh[i]);
	const duplicates = selected.length - events.length;
	let alreadyInKirim = 0;
	if (this.getNodeParameter('dropValuesKirimHas', false) && events.length) {
		const idProperty =
			String(this.getNodeParameter('kirimIdProperty', DEFAULT_ID_PROPERTY)).trim() || DEFAULT_ID_PROPERTY;
		const compared = await dropChangesKirimHas(this, events, idProperty);
		events = compared.kept;
		alreadyInKirim = compared.dropped;
	}
	const summary = {
		received: parsed.events.length,
		emitted: events.length,
		dropped: parsed.events.length - selected.length - ownWrites - otherPortals,
		ownWrites,
		...(otherPortals ? { otherPortals } : {}),
		duplicates,
		...(alreadyInKirim ? { alreadyInKirim } : {}),
	};
	if (events.length === 0) return answer(this, 200, { ...summary, ok: true });
	const verification = { scheme: verdict.scheme, rejectedSinceStart: rejections.snapshot(counterKey) };
	const records =
		options.combinePropertyChanges !== false
			? combinePropertyChanges(events)
			: events.map((e) => ({ ...e, subscriptionType: classicSubscriptionType(e) }));
	const items = records.map((json) => ({ json: { ...json, verification } }));
	// Answered after the run: 2xx when it succeeded, 500 when it failed (claimDelivery then forgets the keys, so
	// HubSpot's retry runs again).
	if (afterRun) return { workflowData: [items] };
	return startRun(this, { ...summary, ok: true }, [items]);
}
