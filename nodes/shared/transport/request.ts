import {
	NodeApiError,
	sleep as n8nSleep,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import {
	DEFAULT_RETRY_POLICY,
	decideRetry,
	type AttemptOutcome,
	type FailureVerdict,
	type RetryPolicy,
} from './retry';

/** Every n8n context our nodes call APIs from. */
export type ApiContext =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IWebhookFunctions;

export interface ApiResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** What makes one API different from another, as far as sending is concerned. */
export interface ApiRules {
	credentialType: string;
	classify(outcome: AttemptOutcome, nowMs: number): FailureVerdict;
	toError(ctx: ApiContext, outcome: AttemptOutcome, reason: string, itemIndex?: number): NodeApiError;
}

export interface SendOptions {
	itemIndex?: number;
	policy?: RetryPolicy;
	/** Injected by tests so no test waits; n8n-workflow's sleep otherwise. */
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	random?: () => number;
	/** Per-attempt timeout (default 30 s). */
	timeoutMs?: number;
	/** Statuses handed back as answers instead of errors, for callers that read the error body (batch splitting). */
	accept?: number[];
	/** Paces every attempt (retries included) under the API's burst limit; see rate-budget.ts. */
	budget?: { acquire(): Promise<void>; observe(headers: ApiResponse['headers']): void };
	/** Called right before each attempt goes out (after any wait), e.g. to stamp the send time into the body. */
	beforeAttempt?: (request: IHttpRequestOptions) => void;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The error for a connection that failed for good, worded the same for every API. */
export function connectionError(ctx: ApiContext, service: string, code: string, reason: string, itemIndex?: number): NodeApiError {
	return new NodeApiError(ctx.getNode(), { code, message: reason }, { message: `Could not reach ${service}: ${reason}`, itemIndex });
}

/** The error code of a failed connection, found on the axios error n8n wraps (undefined for other errors). */
export function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const candidate = current as { code?: unknown; cause?: unknown; response?: unknown };
		if (typeof candidate.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(candidate.code) && !candidate.response) {
			return candidate.code;
		}
		current = candidate.cause;
	}
	return undefined;
}

/**
 * Sends one request through n8n's authenticated HTTP helper and retries it as the API's rules say.
 * The same request object (and so the same Idempotency-Key) goes out on every attempt.
 */
export async function sendWithRetry(
	ctx: ApiContext,
	rules: ApiRules,
	request: IHttpRequestOptions,
	options: SendOptions = {},
): Promise<ApiResponse> {
	const policy = options.policy ?? DEFAULT_RETRY_POLICY;
	const wait = options.sleep ?? n8nSleep;
	const now = options.now ?? Date.now;
	const prepared: IHttpRequestOptions = {
		timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		...request,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	for (let attempt = 1; ; attempt++) {
		let outcome: AttemptOutcome;
		await options.budget?.acquire();
		options.beforeAttempt?.(prepared);
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				rules.credentialType,
				prepared,
			)) as { statusCode: number; headers: ApiResponse['headers']; body: unknown };
			options.budget?.observe(response.headers ?? {});
			if (response.statusCode < 400 || options.accept?.includes(response.statusCode)) {
				return { status: response.statusCode, headers: response.headers, body: response.body };
			}
			outcome = { kind: 'response', status: response.statusCode, headers: response.headers, body: response.body };
		} catch (error) {
			const code = networkErrorCode(error);
			if (!code) throw new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex: options.itemIndex });
			outcome = { kind: 'network', code };
		}
		const decision = decideRetry(rules.classify(outcome, now()), attempt, policy, options.random);
		if (!decision.retry) throw rules.toError(ctx, outcome, decision.reason, options.itemIndex);
		// Method, path and reason only: headers and bodies may carry secrets or customer data.
		ctx.logger.debug(
			`${prepared.method ?? 'GET'} ${prepared.url} attempt ${attempt} failed (${decision.reason}); retrying in ${decision.delayMs} ms`,
		);
		await wait(decision.delayMs);
	}
}
