import { randomUUID } from 'crypto';
import { NodeOperationError, type IDataObject, type IHookFunctions, type IHttpRequestMethods } from 'n8n-workflow';

import { pages, type Page } from '../transport/pagination';
import {
	sendWithRetry,
	type ApiContext,
	type ApiResponse,
	type ApiRules,
	type SendOptions,
} from '../transport/request';
import { TokenBucketMirror } from '../transport/token-bucket-mirror';
import { kirimApiError } from './errors';
import { classifyKirimFailure } from './retry-rules';
import type { KirimCredentialSettings, KirimList, KirimPathStyle } from './types';

export const KIRIM_CREDENTIAL = 'kirimSyncApi';

const kirimRules: ApiRules = {
	credentialType: KIRIM_CREDENTIAL,
	classify: classifyKirimFailure,
	toError: kirimApiError,
	// Kirim replays the stored answer for a key it has seen (https://developers.kirim.chat/concepts/idempotency/).
	dedupeHeader: 'Idempotency-Key',
};

/** Resources whose path depends on the credential's path style (phone-scoped on developers.kirim.chat, org-level on kirim-dev.pages.dev). */
export type PhoneScopedResource = 'contacts' | 'conversations' | 'messages' | 'templates';

export interface KirimCall {
	method: IHttpRequestMethods;
	/** Path from `/v1` on, e.g. `/v1/labels`; build phone-scoped ones with `scopedPath`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * Sent as Idempotency-Key; the same on every retry of this call. A POST without one gets a fresh key per call,
	 * so a retry after a lost answer is deduplicated by Kirim instead of creating the contact, label or
	 * subscription twice (Kirim's SDK keys every POST the same way: https://developers.kirim.chat/concepts/idempotency/,
	 * which says the header is ignored on GET, PATCH and DELETE). Callers pass their own key when a re-run of the
	 * same execution step must be deduplicated too (idempotency.ts).
	 */
	idempotencyKey?: string;
}

/** A small typed Kirim client over n8n's authenticated HTTP helper: one per node run. */
export class KirimClient {
	/** Kirim's two buckets per organisation: reads (GET, HEAD) and writes (https://developers.kirim.chat/concepts/rate-limits/). */
	private readonly buckets: { read: TokenBucketMirror; write: TokenBucketMirror };

	private constructor(
		private readonly ctx: ApiContext,
		readonly settings: KirimCredentialSettings,
		private readonly sendOptions: SendOptions,
	) {
		const mirror = () =>
			new TokenBucketMirror({
				windowMs: 60_000,
				limitHeader: 'x-ratelimit-limit',
				remainingHeader: 'x-ratelimit-remaining',
				now: sendOptions.now,
				sleep: sendOptions.sleep,
			});
		this.buckets = { read: mirror(), write: mirror() };
	}

	static async create(ctx: ApiContext, sendOptions: SendOptions = {}): Promise<KirimClient> {
		const credentials = await ctx.getCredentials(KIRIM_CREDENTIAL);
		const settings: KirimCredentialSettings = {
			baseUrl: String(credentials.baseUrl || 'https://api.kirim.chat').replace(/\/+$/, ''),
			pathStyle: (credentials.pathStyle as KirimPathStyle) || 'phoneScoped',
			phoneNumberId: String(credentials.phoneNumberId ?? '').trim(),
		};
		return new KirimClient(ctx, settings, sendOptions);
	}

	/**
	 * A client for requests sent after an activation hook returned (a subscription removed after a grace period,
	 * dead letters replayed in the background). n8n 2.41's default expression engine releases the workflow's
	 * isolate when the hook is done, and reading a credential through that context then fails ("No bridge
	 * acquired for this context"), so the credential is read now and handed to every request; KirimSyncApi
	 * authenticates with a function, which needs no expression either.
	 */
	static async forLater(ctx: IHookFunctions): Promise<KirimClient> {
		const node = ctx.getNode();
		const reference = node.credentials?.[KIRIM_CREDENTIAL];
		const data = await ctx.getCredentials(KIRIM_CREDENTIAL);
		const credentialsDecrypted = {
			id: reference?.id ?? '',
			name: reference?.name ?? KIRIM_CREDENTIAL,
			type: KIRIM_CREDENTIAL,
			data,
		};
		return await KirimClient.create(ctx, { credentialsDecrypted });
	}

	/**
	 * `/v1/{phone_number_id}/<resource>` or `/v1/<resource>`, as the credential says.
	 * `phoneNumberId` overrides the credential's default for one node.
	 */
	scopedPath(resource: PhoneScopedResource, rest = '', phoneNumberId?: string, itemIndex?: number): string {
		if (this.settings.pathStyle === 'orgLevel') return `/v1/${resource}${rest}`;
		const phone = (phoneNumberId ?? '').trim() || this.settings.phoneNumberId;
		if (!/^\d{6,20}$/.test(phone)) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				phone
					? `"${phone}" is not a WhatsApp phone number ID: Kirim expects Meta's numeric ID (6–20 digits)`
					: 'No WhatsApp phone number ID: set one on the node or as the credential’s default',
				{
					itemIndex,
					description:
						'The credential uses phone-scoped paths (/v1/{phone_number_id}/…). Kirim lists the IDs under GET /v1/accounts.',
				},
			);
		}
		return `/v1/${phone}/${resource}${rest}`;
	}

	async send(call: KirimCall, itemIndex?: number): Promise<ApiResponse> {
		const key = call.idempotencyKey ?? (call.method === 'POST' ? `n8n-${randomUUID()}` : undefined);
		return await sendWithRetry(
			this.ctx,
			kirimRules,
			{
				method: call.method,
				baseURL: this.settings.baseUrl,
				url: call.path,
				qs: call.qs,
				body: call.body,
				headers: key ? { 'Idempotency-Key': key } : undefined,
			},
			{
				budget: call.method === 'GET' || call.method === 'HEAD' ? this.buckets.read : this.buckets.write,
				...this.sendOptions,
				itemIndex,
			},
		);
	}

	/** The `data` of a single-resource response. */
	async data<T>(call: KirimCall, itemIndex?: number): Promise<T> {
		const response = await this.send(call, itemIndex);
		return (response.body as { data: T }).data;
	}

	/**
	 * Pages of a Kirim list (`has_more` / `next_cursor`, limit 1–100, https://developers.kirim.chat/concepts/pagination/), from `startCursor` on when
	 * resuming a walk (a cursor is only valid with the filters that produced it).
	 */
	listPages<T>(
		path: string,
		qs: IDataObject = {},
		pageSize = 100,
		itemIndex?: number,
		startCursor?: string,
	): AsyncGenerator<Page<T>> {
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
			throw new NodeOperationError(this.ctx.getNode(), `Page size ${pageSize} is outside Kirim's 1–100`, {
				itemIndex,
			});
		}
		return pages<T>(async (cursor) => {
			const response = await this.send(
				{ method: 'GET', path, qs: { ...qs, limit: String(pageSize), ...(cursor ? { cursor } : {}) } },
				itemIndex,
			);
			const list = response.body as KirimList<T>;
			if (!Array.isArray(list?.data)) {
				throw new NodeOperationError(this.ctx.getNode(), `Kirim's list at ${path} had no data array`, { itemIndex });
			}
			return { items: list.data, nextCursor: list.has_more && list.next_cursor ? list.next_cursor : undefined };
		}, startCursor);
	}
}
