import {
	NodeApiError,
	sleep as n8nSleep,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type ITriggerFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { gateUnknownOutcome, repeatSafety } from './repeat-safety';
import { DEFAULT_RETRY_POLICY, decideRetry, type AttemptOutcome, type FailureVerdict, type RetryPolicy } from './retry';
import { markOutcomeUnknown } from './unknown-outcome';

/** Every n8n context our nodes call APIs from. */
export type ApiContext =
	IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IPollFunctions | ITriggerFunctions | IWebhookFunctions;

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
	/** The header the API dedupes writes by, so a write carrying it is safe to repeat (Kirim: Idempotency-Key). */
	dedupeHeader?: string;
	/**
	 * The credential is an OAuth2 one: a 401 means the access token expired, so it is refreshed once and the
	 * request sent again. n8n refreshes by itself only when a request throws, and ours take errors as answers.
	 */
	oauth2?: boolean;
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
	/**
	 * Whether sending this request twice has the effect of sending it once. Default: by method (GET, HEAD, PUT,
	 * PATCH, DELETE yes; POST only with the API's dedupe header). A POST that is a read or an upsert says true.
	 */
	idempotent?: boolean;
	/**
	 * For a request that is not idempotent: looks up whether an attempt with an unknown outcome happened after all.
	 * The answer it returns is taken as the request's; undefined means it did not happen, and it is sent again.
	 */
	readBack?: () => Promise<ApiResponse | undefined>;
	/** What the user should check when the outcome stays unknown (a default names the method and path). */
	unknownOutcomeHint?: string;
	/**
	 * The credential as read while n8n's hook was running, for requests sent after it returned (see
	 * KirimClient.forLater): n8n cannot read or resolve a credential for a context it has finished with.
	 */
	credentialsDecrypted?: ICredentialsDecrypted;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The error for a connection that failed for good, worded the same for every API. */
export function connectionError(
	ctx: ApiContext,
	service: string,
	code: string,
	reason: string,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		{ code, message: reason },
		{ message: `Could not reach ${service}: ${reason}`, itemIndex },
	);
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
 * The same request object (and so the same Idempotency-Key) goes out on every attempt. After a failure that
 * leaves the outcome unknown (timeout, dropped connection, 5xx) only a request that is safe to repeat goes out
 * again; one with a read-back is looked up first; any other is reported as "outcome unknown" (repeat-safety.ts).
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
	const safety = repeatSafety(prepared, {
		idempotent: options.idempotent,
		canReadBack: options.readBack !== undefined,
		dedupeHeader: rules.dedupeHeader,
	});
	const hint =
		options.unknownOutcomeHint ??
		`Check whether ${prepared.method ?? 'GET'} ${prepared.url} took effect before running this again.`;
	let refreshed = false;
	for (let attempt = 1; ; attempt++) {
		let outcome: AttemptOutcome;
		await options.budget?.acquire();
		options.beforeAttempt?.(prepared);
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				rules.credentialType,
				prepared,
				options.credentialsDecrypted ? { credentialsDecrypted: options.credentialsDecrypted } : undefined,
			)) as { statusCode: number; headers: ApiResponse['headers']; body: unknown };
			options.budget?.observe(response.headers ?? {});
			if (response.statusCode === 401 && rules.oauth2 && !refreshed) {
				refreshed = true;
				await ctx.helpers.refreshOAuth2Token.call(ctx, rules.credentialType);
				attempt -= 1;
				continue;
			}
			if (response.statusCode < 400 || options.accept?.includes(response.statusCode)) {
				return { status: response.statusCode, headers: response.headers, body: response.body };
			}
			outcome = { kind: 'response', status: response.statusCode, headers: response.headers, body: response.body };
		} catch (error) {
			const code = networkErrorCode(error);
			if (!code) throw new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex: options.itemIndex });
			outcome = { kind: 'network', code };
		}
		const verdict = rules.classify(outcome, now());
		const step = gateUnknownOutcome(verdict, safety);
		if (step.action === 'refuse') {
			throw markOutcomeUnknown(rules.toError(ctx, outcome, step.reason, options.itemIndex), hint);
		}
		const decision = decideRetry(verdict, attempt, policy, options.random);
		if (step.action === 'read-back') {
			if (decision.retry) await wait(decision.delayMs);
			const happened = await readBackOrReport(ctx, rules, outcome, verdict, hint, options);
			if (happened) return happened;
		}
		if (!decision.retry) throw rules.toError(ctx, outcome, decision.reason, options.itemIndex);
		// Method, path and reason only: headers and bodies may carry secrets or customer data.
		const next =
			step.action === 'read-back' ? 'looked up: not done, sending again' : `retrying in ${decision.delayMs} ms`;
		ctx.logger.debug(
			`${prepared.method ?? 'GET'} ${prepared.url} attempt ${attempt} failed (${decision.reason}); ${next}`,
		);
		if (step.action === 'proceed') await wait(decision.delayMs);
	}
}

/** The caller's read-back; when it fails too, the outcome stays unknown and is reported as such. */
async function readBackOrReport(
	ctx: ApiContext,
	rules: ApiRules,
	outcome: AttemptOutcome,
	verdict: FailureVerdict,
	hint: string,
	options: SendOptions,
): Promise<ApiResponse | undefined> {
	try {
		return await options.readBack!();
	} catch (error) {
		const reason = `${verdict.reason}; the outcome is unknown, and looking up whether it happened failed (${(error as Error).message})`;
		throw markOutcomeUnknown(rules.toError(ctx, outcome, reason, options.itemIndex), hint);
	}
}
