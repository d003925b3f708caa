import { NodeOperationError, type IDataObject, type IHttpRequestMethods } from 'n8n-workflow';

import { pages, type Page } from '../transport/pagination';
import { RateBudget } from '../transport/rate-budget';
import {
	sendWithRetry,
	type ApiContext,
	type ApiResponse,
	type ApiRules,
	type SendOptions,
} from '../transport/request';
import { hubSpotApiError } from './errors';
import { classifyHubSpotFailure, hubSpotPostIsRepeatable } from './retry-rules';
import type { HubSpotPaged } from './types';
import { HUBSPOT_CONNECTED_APP_CREDENTIAL, HUBSPOT_TOKEN_CREDENTIAL, hubSpotCredentialTypeOf } from './auth';

/** The access-token credential: most tests and every workflow saved before OAuth existed use it. */
export const HUBSPOT_CREDENTIAL = HUBSPOT_TOKEN_CREDENTIAL;

/** Free/Starter private apps: 100 requests per 10 s (https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines); higher tiers raise it. */
export const DEFAULT_TEN_SECOND_BUDGET = 100;
/** Search is outside the 10-second bucket with its own per-second limit (five per account in the search guide, four per token in HubSpot's changelog). */
export const SEARCH_PER_SECOND = 4;

/** How HubSpot's APIs fail and are retried, for a credential; `oauth2` when a 401 means an expired token to renew. */
export function hubSpotRules(
	credentialType: string,
	oauth2 = credentialType === HUBSPOT_CONNECTED_APP_CREDENTIAL,
): ApiRules {
	return { credentialType, classify: classifyHubSpotFailure, toError: hubSpotApiError, oauth2 };
}

export interface HubSpotCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Error statuses returned as answers (the caller reads HubSpot's error body itself). */
	accept?: number[];
	/** Rewrites the body right before each attempt (after rate-limit waits and retries): a send-time stamp. */
	refreshBody?: (body: IDataObject) => void;
	/**
	 * Whether sending it twice does what sending it once does. Default: by method, and for POST by path
	 * (search, batch read/upsert/update and associations are; creates are not — see hubSpotPostIsRepeatable).
	 */
	idempotent?: boolean;
	/** For a create: looks up whether an attempt whose answer was lost happened (see SendOptions.readBack). */
	readBack?: SendOptions['readBack'];
	/** What to check when a create's outcome stays unknown. */
	unknownOutcomeHint?: string;
}

export interface HubSpotClientOptions extends SendOptions {
	/** Requests per rolling 10 s this node may spend; 0 = no pacing (429s are still waited out). */
	tenSecondBudget?: number;
}

/** A small typed HubSpot client over n8n's authenticated HTTP helper: one per node run. */
export class HubSpotClient {
	private readonly general?: RateBudget;
	private readonly search?: RateBudget;
	private readonly rules: ApiRules;

	private constructor(
		private readonly ctx: ApiContext,
		readonly baseUrl: string,
		credentialType: string,
		private readonly sendOptions: HubSpotClientOptions,
	) {
		this.rules = hubSpotRules(credentialType);
		const limit = sendOptions.tenSecondBudget ?? DEFAULT_TEN_SECOND_BUDGET;
		const timing = { now: sendOptions.now, sleep: sendOptions.sleep };
		if (limit > 0) {
			this.general = new RateBudget({
				limit,
				intervalMs: 10_000,
				remainingHeader: 'x-hubspot-ratelimit-remaining',
				maxHeader: 'x-hubspot-ratelimit-max',
				...timing,
			});
			this.search = new RateBudget({ limit: SEARCH_PER_SECOND, intervalMs: 1_000, ...timing });
		}
	}

	static async create(ctx: ApiContext, sendOptions: HubSpotClientOptions = {}): Promise<HubSpotClient> {
		const credentialType = hubSpotCredentialTypeOf(ctx.getNode());
		const credentials = await ctx.getCredentials(credentialType);
		const baseUrl = String(credentials.baseUrl || 'https://api.hubapi.com').replace(/\/+$/, '');
		return new HubSpotClient(ctx, baseUrl, credentialType, sendOptions);
	}

	get context(): ApiContext {
		return this.ctx;
	}

	async send(call: HubSpotCall, itemIndex?: number): Promise<ApiResponse> {
		const budget = call.path.endsWith('/search') ? this.search : this.general;
		return await sendWithRetry(
			this.ctx,
			this.rules,
			{ method: call.method, baseURL: this.baseUrl, url: call.path, qs: call.qs, body: call.body },
			{
				...this.sendOptions,
				itemIndex,
				budget,
				accept: call.accept,
				idempotent: call.idempotent ?? hubSpotPostIsRepeatable(call.method, call.path),
				readBack: call.readBack,
				unknownOutcomeHint: call.unknownOutcomeHint,
				beforeAttempt: call.refreshBody && ((request) => call.refreshBody!(request.body as IDataObject)),
			},
		);
	}

	async json<T>(call: HubSpotCall, itemIndex?: number): Promise<T> {
		return (await this.send(call, itemIndex)).body as T;
	}

	/** Pages of a GET list (`paging.next.after`; max 100 per page for object lists). */
	listPages<T>(path: string, qs: IDataObject = {}, pageSize = 100, itemIndex?: number): AsyncGenerator<Page<T>> {
		return pages<T>(async (after) => {
			const body = await this.json<HubSpotPaged<T>>(
				{ method: 'GET', path, qs: { ...qs, limit: pageSize, ...(after ? { after } : {}) } },
				itemIndex,
			);
			if (!Array.isArray(body?.results)) {
				throw new NodeOperationError(this.ctx.getNode(), `HubSpot's list at ${path} had no results array`, {
					itemIndex,
				});
			}
			return { items: body.results, nextCursor: body.paging?.next?.after };
		});
	}
}
