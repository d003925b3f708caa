import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ALL_EVENTS } from '../shared/kirim/events';
import { persistEveryMs } from '../shared/dedupe/save-option';
import { dedupeStore } from '../shared/dedupe/store';
import { dedupeDelivery } from '../shared/webhook/dedupe-delivery';
import { answer, RejectionCounter } from '../shared/webhook/respond';
import { verifyKirimSignature } from '../shared/signatures/kirim';
import { headerOf } from '../shared/signatures/verdict';
import { isOwnSyncEcho } from '../shared/sync/echo';
import { DEFAULT_DEDUPE_HOURS, DEFAULT_DEDUPE_MAX_IDS, DEFAULT_TOLERANCE_SECONDS, type TriggerOptions } from './description';
import { parseDelivery } from './parse';
import { signingSecrets } from './secrets';
import { loadSubscription } from './state';

/** Ids the restart snapshot keeps: after a restart what matters is the redelivery of deliveries in flight around
 * it; a bigger snapshot is rewritten with every accepted delivery and slowed n8n's runs measurably (bench:e2e). */
const SNAPSHOT_SIZE = 200;
/**
 * The webhook whose URL is answered after the run (option "Respond When the Workflow Finishes"). n8n's types allow
 * only the names 'default' and 'setup'; n8n gives 'setup' no special meaning, so it carries this second route.
 */
export const AFTER_RUN_WEBHOOK = 'setup';

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
 * Kirim delivery → verify over the raw bytes → parse → filter → dedupe → items.
 * 401 for anything not signed by Kirim, 400 for JSON that is not an event, 200 for the rest; only fresh,
 * selected events start a run.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const now = Date.now();
	const staticData = this.getWorkflowStaticData('node');
	const counterKey = RejectionCounter.keyOf(this);
	const options = this.getNodeParameter('options', {}) as TriggerOptions;

	if (this.getNodeParameter('signatureCheck', 'verify') === 'verify') {
		const { secrets, refresh } = await signingSecrets(this, staticData);
		const verify = (candidates: string[]) =>
			verifyKirimSignature({
				headers: req.headers,
				rawBody: Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.alloc(0),
				secrets: candidates,
				nowMs: now,
				toleranceSeconds: this.getNodeParameter('toleranceSeconds', DEFAULT_TOLERANCE_SECONDS) as number,
				allowLegacy: options.allowLegacySignatures === true,
			});
		let verdict = verify(secrets);
		if (!verdict.ok && verdict.reason === 'no_matching_signature' && refresh) verdict = verify(await refresh());
		if (!verdict.ok) {
			rejections.count(counterKey, verdict.reason);
			this.logger.warn(
				`Kirim Trigger refused a delivery: ${verdict.reason} (${verdict.detail}); delivery ${headerOf(req.headers, 'x-kirim-delivery-id') ?? 'unknown'}`,
			);
			return answer(this, 401, { error: 'invalid_signature', reason: verdict.reason });
		}
	}

	const parsed = parseDelivery(this.getBodyData(), req.headers, options.splitMetaPayloads !== false);
	if (!parsed.ok) return answer(this, 400, { error: 'not_a_kirim_event', reason: parsed.reason });

	const selected = this.getNodeParameter('events', []) as string[];
	if (!selected.includes(ALL_EVENTS) && !selected.includes(parsed.eventType)) {
		return answer(this, 200, { received: true, ignored: `event ${parsed.eventType} is not selected` });
	}
	const numbers = this.getNodeParameter('phoneNumberIds', []) as string[];
	let candidates = parsed.items.filter((p) => !numbers.length || !p.phoneNumberId || numbers.includes(p.phoneNumberId));
	if (options.skipSyncEchoes !== false && parsed.eventType === 'contact.updated') {
		candidates = candidates.filter((p) => !isOwnSyncEcho(p.contact, p.changedFields));
	}
	if (candidates.length === 0) return answer(this, 200, { received: true, ignored: 'nothing to run for (filtered or an echo of this sync)' });

	const scope = dedupeScope(this, staticData);
	const dedupeOptions = {
		windowMs: (options.dedupeWindowHours ?? DEFAULT_DEDUPE_HOURS) * 3_600_000,
		maxEntries: options.dedupeMaxIds ?? DEFAULT_DEDUPE_MAX_IDS,
		snapshotSize: SNAPSHOT_SIZE,
		persistEveryMs: persistEveryMs(options.dedupeSave),
	};
	const fresh = dedupeDelivery(this, scope, candidates.map((p) => p.key), staticData, dedupeOptions, now);
	const toRun = candidates.filter((_, i) => fresh[i]);
	if (toRun.length === 0) return answer(this, 200, { received: true, duplicate: true });

	const verification = { rejectedSinceStart: rejections.snapshot(counterKey) };
	const items = toRun.map((p) => ({ json: { ...p.item.json, verification } }));
	if (this.getWebhookName() === AFTER_RUN_WEBHOOK) {
		const res = this.getResponseObject();
		// n8n answers after the run; a failed run answers 5xx, and Kirim must be able to retry it.
		res.on('finish', () => {
			if (res.statusCode >= 500) dedupeStore.forget(scope, toRun.map((p) => p.key), staticData);
		});
		return { workflowData: [items] };
	}
	return {
		webhookResponse: { received: true, items: items.length },
		workflowData: [items],
	};
}
