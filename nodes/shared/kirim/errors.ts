import { NodeApiError, type JsonObject } from 'n8n-workflow';

import { connectionError, type ApiContext } from '../transport/request';
import type { AttemptOutcome } from '../transport/retry';
import type { KirimErrorBody } from './types';

/** Hints for the codes where the fix is not obvious from Kirim's message (https://developers.kirim.chat/concepts/errors/). */
const HINTS: Record<string, string> = {
	outside_24h_window:
		'WhatsApp only allows free-form messages within 24 hours of the customer’s last message. Send an approved template instead.',
	whatsapp_number_not_verified:
		'The organisation has no connected WhatsApp number that can send. Connect or verify one in Kirim, or pick another phone number ID.',
	invalid_phone_number: 'Phone numbers must be E.164 with a leading +, e.g. +628111222333.',
	expired_api_key: 'Create a new API key in Kirim (Developers → API Keys) and update the credential.',
	idempotency_key_reuse:
		'This idempotency key was already used with a different request body within 24 hours. Use a new key for a different request.',
	invalid_cursor: 'A paging cursor must be passed back unchanged, with the same filters that produced it.',
	invalid_webhook_url:
		'Kirim only delivers webhooks to public https:// URLs. Set N8N_WEBHOOK_URL to your public HTTPS address.',
	rate_limit_exceeded:
		'Kirim’s rate limit was hit more often than the retry settings allow. Slow the workflow down or raise your Kirim tier.',
};

export function kirimErrorOf(body: unknown): KirimErrorBody['error'] | undefined {
	const error = (body as Partial<KirimErrorBody> | undefined)?.error;
	return error && typeof error === 'object' && typeof error.code === 'string' ? error : undefined;
}

/** A NodeApiError that carries Kirim's own code, message and request id. */
export function kirimApiError(
	ctx: ApiContext,
	outcome: AttemptOutcome,
	reason: string,
	itemIndex?: number,
): NodeApiError {
	if (outcome.kind === 'network') return connectionError(ctx, 'Kirim', outcome.code, reason, itemIndex);
	const error = kirimErrorOf(outcome.body);
	const parts = [
		error?.param ? `Parameter: ${error.param}.` : undefined,
		error?.code ? HINTS[error.code] : undefined,
		error?.request_id ? `Kirim request id: ${error.request_id}.` : undefined,
		`(${reason})`,
	];
	const apiError = new NodeApiError(ctx.getNode(), (error ?? { message: `HTTP ${outcome.status}` }) as JsonObject, {
		message: error ? `Kirim: ${error.message} [${error.code}]` : `Kirim answered HTTP ${outcome.status}`,
		description: parts.filter(Boolean).join(' '),
		httpCode: String(outcome.status),
		itemIndex,
	});
	// Callers branch on Kirim's code, never on the wording (https://developers.kirim.chat/concepts/errors/: "code never changes meaning").
	if (error) Object.assign(apiError.context, { kirimCode: error.code, kirimParam: error.param ?? null });
	return apiError;
}

/** Kirim's error code carried by an error from this client, if any. */
export function kirimCodeOf(error: unknown): string | undefined {
	const code = (error as { context?: { kirimCode?: unknown } })?.context?.kirimCode;
	return typeof code === 'string' ? code : undefined;
}

/** Whether an error from this client is Kirim's 404: the record is gone (an answer for callers that update it). */
export function isKirimNotFound(error: unknown): boolean {
	return (error as { httpCode?: string })?.httpCode === '404';
}
