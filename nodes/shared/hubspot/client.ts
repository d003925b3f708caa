import { NodeOperationError, type IDataObject, type IHttpRequestMethods } from 'n8n-workflow';

import { pages, type Page } from '../transport/pagination';
import { sendWithRetry, type ApiContext, type ApiResponse, type ApiRules, type SendOptions } from '../transport/request';
import { hubSpotApiError } from './errors';
import { classifyHubSpotFailure } from './retry-rules';
import type { HubSpotPaged } from './types';

export const HUBSPOT_CREDENTIAL = 'hubSpotSyncApi';

const hubSpotRules: ApiRules = {
	credentialType: HUBSPOT_CREDENTIAL,
	classify: classifyHubSpotFailure,
	toError: hubSpotApiError,
};

export interface HubSpotCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/** A small typed HubSpot client over n8n's authenticated HTTP helper: one per node run. */
export class HubSpotClient {
	private constructor(
		private readonly ctx: ApiContext,
		readonly baseUrl: string,
		private readonly sendOptions: SendOptions,
	) {}

	static async create(ctx: ApiContext, sendOptions: SendOptions = {}): Promise<HubSpotClient> {
		const credentials = await ctx.getCredentials(HUBSPOT_CREDENTIAL);
		const baseUrl = String(credentials.baseUrl || 'https://api.hubapi.com').replace(/\/+$/, '');
		return new HubSpotClient(ctx, baseUrl, sendOptions);
	}

	async send(call: HubSpotCall, itemIndex?: number): Promise<ApiResponse> {
		return await sendWithRetry(
			this.ctx,
			hubSpotRules,
			{ method: call.method, baseURL: this.baseUrl, url: call.path, qs: call.qs, body: call.body },
			{ ...this.sendOptions, itemIndex },
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
