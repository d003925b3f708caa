import {
	sleep,
	type IDataObject,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import type { RejectionReason } from '../signatures/verdict';
import { isAnswered } from './answer-hook';

/** Answers the request ourselves (a refusal or an acknowledgement that starts no run). */
export function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body).end();
	return { noWebhookResponse: true };
}

/** Seconds a sender is asked to wait before it retries an answer of ours that says "not now". */
export const RETRY_AFTER_SECONDS = 30;

/**
 * Answers 503 with Retry-After: the fault is on our side (a missing secret, an event this version cannot read, a
 * run still going), and the sender must keep the delivery and try again. Kirim and HubSpot both retry 5xx and
 * treat most 4xx as final (https://developers.kirim.chat/webhooks/retry/,
 * https://developers.hubspot.com/docs/api/webhooks).
 */
export function retryLater(ctx: IWebhookFunctions, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
	return answer(ctx, 503, body);
}

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** What re-marks a delivery's static data changed, for deliveries n8n answers at once (see `startRun`). */
const marksOnAnswer = new WeakMap<Response, () => void>();

/**
 * Makes n8n save the static data webhook() changed, for a delivery n8n answers as soon as the run exists. n8n
 * saves a trigger's static data in the callback that sends the answer, but first creates the run, whose setup
 * wraps the same static-data object in a new Workflow and so clears its "changed" flag
 * (WorkflowRunner.establishContextForPersistence, n8n 2.30–2.41). Between the two, n8n reads the answer the node
 * returned (`extractWebhookOnReceivedResponse` in packages/cli/src/webhooks/webhook-helpers.ts), so the result of
 * `startRun` marks the data again at that read.
 */
export function markWhenAnswerRead(ctx: IWebhookFunctions, mark: () => void): void {
	marksOnAnswer.set(ctx.getResponseObject(), mark);
}

/**
 * The result that starts a run and has n8n answer `answerBody` once the run exists. Its `webhookResponse` is read
 * by n8n after the run was created and before the static data is saved: reading it re-marks the data of
 * `markWhenAnswerRead`.
 */
export function startRun(
	ctx: IWebhookFunctions,
	answerBody: IDataObject,
	workflowData: INodeExecutionData[][],
): IWebhookResponseData {
	const mark = marksOnAnswer.get(ctx.getResponseObject());
	return {
		workflowData,
		get webhookResponse() {
			mark?.();
			return answerBody;
		},
	};
}

/** How long a request is marked at most; far past the senders' own timeouts (Kirim: 10 s). */
const MARK_AT_MOST_MS = 10 * 60_000;
const MARK_EVERY_MS = 1;

interface Unanswered {
	res: Response;
	mark: () => void;
	until: number;
}

/** Requests whose static data must be marked changed until their answer is sent; one loop serves them all. */
const unanswered = new Set<Unanswered>();
let marking = false;

async function markUntilAnswered(): Promise<void> {
	marking = true;
	try {
		while (unanswered.size > 0) {
			await sleep(MARK_EVERY_MS);
			const now = Date.now();
			for (const entry of unanswered) {
				const { res } = entry;
				// Not `res.destroyed`: a sender that hung up (Kirim after 10 s) still gets its run, and n8n still saves
				// the static data when that run ends; until then the snapshot must stay marked.
				if (res.headersSent || res.writableEnded || isAnswered(res) || now > entry.until) unanswered.delete(entry);
				else entry.mark();
			}
		}
	} finally {
		marking = false;
	}
}

/**
 * Makes n8n save the static data webhook() changed, for a delivery n8n answers after the run: n8n saves it after
 * the run, whose setup cleared the "changed" flag (see `markWhenAnswerRead`), and reads nothing of the node's
 * result in between. So `mark` (a rewrite of the node's static data) is repeated every millisecond after webhook()
 * returned, until the answer has gone out.
 */
export function keepChangedUntilAnswered(ctx: IWebhookFunctions, mark: () => void): void {
	unanswered.add({ res: ctx.getResponseObject(), mark, until: Date.now() + MARK_AT_MOST_MS });
	if (!marking) void markUntilAnswered();
}

/** Refusals per reason, per trigger node, since this n8n process started (shown on every emitted item). */
export class RejectionCounter {
	private readonly counts = new Map<string, Partial<Record<RejectionReason, number>>>();

	static keyOf(ctx: IWebhookFunctions): string {
		return `${ctx.getWorkflow().id}:${ctx.getNode().id}`;
	}

	count(key: string, reason: RejectionReason): void {
		const counts = this.counts.get(key) ?? {};
		counts[reason] = (counts[reason] ?? 0) + 1;
		this.counts.set(key, counts);
	}

	snapshot(key: string): Partial<Record<RejectionReason, number>> {
		return { ...(this.counts.get(key) ?? {}) };
	}
}
