import { NodeApiError, type JsonObject } from 'n8n-workflow';

import { connectionError, type ApiContext } from '../transport/request';
import type { AttemptOutcome } from '../transport/retry';
import type { HubSpotErrorBody } from './types';

export function hubSpotErrorOf(body: unknown): HubSpotErrorBody | undefined {
	const candidate = body as Partial<HubSpotErrorBody> | undefined;
	return candidate && typeof candidate === 'object' && typeof candidate.message === 'string'
		? (candidate as HubSpotErrorBody)
		: undefined;
}

/** Scopes a MISSING_SCOPES error asks for; HubSpot puts them in the context of its errors. */
export function missingScopes(error: HubSpotErrorBody): string[] {
	const scopes = new Set<string>();
	const contexts = [error.context, ...(error.errors ?? []).map((e) => e.context)];
	for (const context of contexts) {
		for (const key of ['requiredGranularScopes', 'requiredScopes', 'missingScopes']) {
			const value = context?.[key];
			if (Array.isArray(value)) value.forEach((scope) => scopes.add(String(scope)));
		}
	}
	return [...scopes];
}

/** A NodeApiError with HubSpot's message, category and correlation id; MISSING_SCOPES names the scope. */
export function hubSpotApiError(
	ctx: ApiContext,
	outcome: AttemptOutcome,
	reason: string,
	itemIndex?: number,
): NodeApiError {
	if (outcome.kind === 'network') return connectionError(ctx, 'HubSpot', outcome.code, reason, itemIndex);
	const error = hubSpotErrorOf(outcome.body);
	const scopes = error ? missingScopes(error) : [];
	const kind = error?.category ?? error?.policyName;
	const details = (error?.errors ?? []).map((e) => e.message).filter((m) => m && m !== error?.message);
	const parts = [
		details.length ? details.join(' ') : undefined,
		scopes.length
			? `Add the scope ${scopes.join(', ')} to the app (its requiredScopes, or a private app's Scopes tab) and install or connect it again.`
			: undefined,
		error?.correlationId ? `HubSpot correlation id: ${error.correlationId}.` : undefined,
		`(${reason})`,
	];
	return new NodeApiError(ctx.getNode(), (error ?? { message: `HTTP ${outcome.status}` }) as unknown as JsonObject, {
		message: error
			? `HubSpot: ${scopes.length ? `missing scope ${scopes.join(', ')}` : error.message}${kind ? ` [${kind}]` : ''}`
			: `HubSpot answered HTTP ${outcome.status}`,
		description: parts.filter(Boolean).join(' '),
		httpCode: String(outcome.status),
		itemIndex,
	});
}
