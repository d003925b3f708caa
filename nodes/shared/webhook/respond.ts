import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { RejectionReason } from '../signatures/verdict';

/** Answers the request ourselves (a refusal or an acknowledgement that starts no run). */
export function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body).end();
	return { noWebhookResponse: true };
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
