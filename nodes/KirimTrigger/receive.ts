import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ALL_EVENTS } from '../shared/kirim/events';
import { persistEveryMs } from '../shared/dedupe/save-option';
import { claimDelivery } from '../shared/webhook/dedupe-delivery';
import { isReadBodyType } from '../shared/webhook/body';
import { forLog } from '../shared/webhook/log-safe';
import { AFTER_RUN_WEBHOOK } from '../shared/webhook/after-run';
import { answer, RejectionCounter, retryLater, startRun } from '../shared/webhook/respond';
import { verifyKirimSignature } from '../shared/signatures/kirim';
import { headerValue } from '../shared/transport/headers';
import { isOwnSyncEcho } from '../shared/sync/echo';
import {
	DEFAULT_DEDUPE_HOURS,
	DEFAULT_DEDUPE_MAX_IDS,
	DEFAULT_TOLERANCE_SECONDS,
	type TriggerOptions,
} from './description';
import { parseDelivery } from './parse';
import { signingSecrets } from './secrets';
import { toleranceSeconds } from './tolerance';
import { loadSubscription } from './state';

/** Kirim waits this long for an answer, then counts the attempt as failed and retries (https://developers.kirim.chat/webhooks/retry/). */
const KIRIM_TIMEOUT_MS = 10_000;
/**
 * On-time ids the restart snapshot keeps besides the late ones. After a restart what Kirim sends again is what was
 * in flight when n8n stopped: a handful, as many as Kirim sends at once. Each id costs n8n about 15 µs of CPU per
 * accepted delivery (the snapshot is written, read back twice and traced by n8n's SQLite driver every time), so
 * 200 cost more than the rest of the trigger (docs/performance.md).
 */
const SNAPSHOT_SIZE = 64;
/** The webhook this node's subscription should point at, by the "Respond When the Workflow Finishes" option. */
export function subscribedWebhook(options: TriggerOptions): 'default' | typeof AFTER_RUN_WEBHOOK {
	return options.respondWhenFinished === true ? AFTER_RUN_WEBHOOK : 'default';
}

const rejections = new RejectionCounter();

function dedupeScope(ctx: IWebhookFunctions, staticData: IDataObject): string {
	// A test-URL subscription and the production one both get every event; each has its own window. Without a
	// managed subscription the scope is this node's webhook in this mode (test URL: 'manual'; production: 'webhook').
	const subscriptionId = loadSubscription(ctx.getNode(), staticData)?.id;
	return subscriptionId ?? `${ctx.getWorkflow().id}:${ctx.getNode().id}:${ctx.getMode()}`;
}

/**
 * Checks the delivery's signature over the raw body: undefined when it verifies, else the answer to send — 401
 * for a forgery or a stale delivery, 5xx (which Kirim retries) when the fault is on our side.
 */
async function refusal(
	ctx: IWebhookFunctions,
	staticData: IDataObject,
	options: TriggerOptions,
	now: number,
	counterKey: string,
): Promise<IWebhookResponseData | undefined> {
	const req = ctx.getRequestObject();
	// n8n keeps the bytes as received for webhook nodes; the signature covers exactly those bytes, so without
	// them nothing can be verified. Our side's fault: an answer Kirim retries.
	if (!Buffer.isBuffer(req.rawBody)) {
		// Kirim sends JSON. From typeVersion 2 n8n leaves a body of a type it does not read unread (no raw bytes):
		// such a request is not a Kirim delivery, and saying so is all it gets.
		const contentType = headerValue(req.headers, 'content-type');
		if (!isReadBodyType(contentType)) {
			return answer(ctx, 415, {
				error: 'unsupported_content_type',
				reason: `Kirim deliveries are application/json, not ${forLog(contentType ?? 'no content type')}`,
			});
		}
		ctx.logger.error(
			'Kirim Trigger: n8n passed no raw request body, so no signature can be checked; the delivery is refused with 500 and Kirim retries it',
		);
		return answer(ctx, 500, { error: 'raw_body_unavailable' });
	}
	const tolerance = toleranceSeconds(ctx.getNodeParameter('toleranceSeconds', DEFAULT_TOLERANCE_SECONDS));
	if (tolerance === undefined) {
		ctx.logger.error(
			'Kirim Trigger: "Timestamp Tolerance" is not a whole number of seconds ≥ 0; every delivery is refused (503, Kirim retries) until it is fixed',
		);
		return retryLater(ctx, { error: 'trigger_misconfigured', reason: 'timestamp tolerance is not a number' });
	}
	const { secrets, refresh, unavailable } = await signingSecrets(ctx, staticData);
	if (unavailable) {
		ctx.logger.error(
			`Kirim Trigger: the signing secret cannot be used (${unavailable}); deliveries are refused with 503 so Kirim retries them`,
		);
		return retryLater(ctx, { error: 'secret_unavailable' });
	}
	const rawBody = req.rawBody;
	const verify = (candidates: string[]) =>
		verifyKirimSignature({
			headers: req.headers,
			rawBody,
			secrets: candidates,
			nowMs: now,
			toleranceSeconds: tolerance,
			allowLegacy: options.allowLegacySignatures === true,
		});
	let verdict = verify(secrets);
	if (!verdict.ok && verdict.reason === 'no_matching_signature' && refresh) verdict = verify(await refresh());
	if (!verdict.ok) {
		rejections.count(counterKey, verdict.reason);
		if (verdict.reason === 'no_secret_configured') {
			// Nothing is wrong with the delivery: Kirim must keep it, not dead-letter it and count it toward
			// auto-disabling the subscription (https://developers.kirim.chat/webhooks/retry/).
			ctx.logger.error(
				'Kirim Trigger: no signing secret is configured; deliveries are refused with 503 so Kirim retries them',
			);
			return retryLater(ctx, { error: 'no_secret_configured' });
		}
		ctx.logger.warn(
			`Kirim Trigger refused a delivery: ${verdict.reason} (${verdict.detail}); delivery ${forLog(headerValue(req.headers, 'x-kirim-delivery-id') ?? 'unknown')}`,
		);
		return answer(ctx, 401, { error: 'invalid_signature', reason: verdict.reason });
	}
	return undefined;
}

/**
 * Kirim delivery → verify over the raw bytes → parse → filter → dedupe → items.
 * 401 for anything not signed by Kirim, 400 for JSON that is not an event, 200 for the rest; only fresh,
 * selected events start a run.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const now = Date.now();
	const staticData = this.getWorkflowStaticData('node');
	const counterKey = RejectionCounter.keyOf(this);
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const verifying = this.getNodeParameter('signatureCheck', 'verify') === 'verify';

	if (verifying) {
		const refused = await refusal(this, staticData, options, now, counterKey);
		if (refused) return refused;
	}

	const parsed = parseDelivery(this.getBodyData(), req.headers, options.splitMetaPayloads !== false);
	if (!parsed.ok) {
		if (!verifying) return answer(this, 400, { error: 'not_a_kirim_event', reason: parsed.reason });
		// Signed by Kirim, so it is an event this version cannot read: kept retryable (and then in Kirim's
		// dead-letter queue, replayable after an upgrade) instead of refused for good.
		this.logger.error(
			`Kirim Trigger: a signed delivery could not be read (${parsed.reason}); answered 503 so Kirim keeps it`,
		);
		return retryLater(this, { error: 'unreadable_event', reason: parsed.reason });
	}
	for (const warning of parsed.warnings) this.logger.warn(`Kirim Trigger: ${warning}`);

	const selected = this.getNodeParameter('events', []) as string[];
	if (!selected.includes(ALL_EVENTS) && !selected.includes(parsed.eventType)) {
		return answer(this, 200, { received: true, ignored: `event ${parsed.eventType} is not selected` });
	}
	const numbers = this.getNodeParameter('phoneNumberIds', []) as string[];
	let candidates = parsed.items.filter((p) => !numbers.length || !p.phoneNumberId || numbers.includes(p.phoneNumberId));
	if (options.skipSyncEchoes !== false && parsed.eventType === 'contact.updated') {
		candidates = candidates.filter((p) => !isOwnSyncEcho(p.contact, p.changedFields));
	}
	if (candidates.length === 0)
		return answer(this, 200, { received: true, ignored: 'nothing to run for (filtered or an echo of this sync)' });

	const scope = dedupeScope(this, staticData);
	const dedupeOptions = {
		windowMs: (options.dedupeWindowHours ?? DEFAULT_DEDUPE_HOURS) * 3_600_000,
		maxEntries: options.dedupeMaxIds ?? DEFAULT_DEDUPE_MAX_IDS,
		snapshotSize: SNAPSHOT_SIZE,
		persistEveryMs: persistEveryMs(options.dedupeSave),
		senderTimeoutMs: KIRIM_TIMEOUT_MS,
		answeredAfterRun: this.getWebhookName() === AFTER_RUN_WEBHOOK,
	};
	const claims = claimDelivery(
		this,
		scope,
		candidates.map((p) => p.key),
		staticData,
		dedupeOptions,
		now,
	);
	if (claims.includes('in_flight')) {
		// The first copy is not answered yet (its run may still fail): acknowledging this one could lose the event,
		// running it could run it twice. Kirim retries a 503; it treats 409 as final.
		return retryLater(this, { error: 'in_flight' });
	}
	const toRun = candidates.filter((_, i) => claims[i] === 'new');
	if (toRun.length === 0) return answer(this, 200, { received: true, duplicate: true });

	const verification = { rejectedSinceStart: rejections.snapshot(counterKey) };
	const items = toRun.map((p) => ({ json: { ...p.item.json, verification } }));
	// "Respond When the Workflow Finishes": n8n answers after the run, 5xx when it failed (claimDelivery forgets
	// the ids then, so Kirim's retry runs again).
	if (this.getWebhookName() === AFTER_RUN_WEBHOOK) return { workflowData: [items] };
	return startRun(this, { received: true, items: items.length }, [items]);
}
