import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { sendWithRetry, type ApiContext, type ApiResponse, type ApiRules } from '../transport/request';
import { hubSpotRules } from './client';

/**
 * HubSpot's Webhooks Journal (2026-03): the app's change events kept for 3 days and read by offset, with the
 * subscriptions that decide what is written to it (https://developers.hubspot.com/docs/api-reference/latest/
 * webhooks-journal/guide, .../journal-entries/guide). Every call carries the app's client-credentials token,
 * which n8n fetches (and fetches again after a 401) for the credential below.
 */
export const JOURNAL_VERSION = '2026-03';
export const JOURNAL_CREDENTIAL = 'hubSpotJournalOAuth2Api';
/** How long HubSpot keeps journal entries ("the past 3 days"). */
export const JOURNAL_RETENTION_MS = 3 * 24 * 3600 * 1000;
/** Entries asked for per batch read (HubSpot documents no maximum count). */
export const JOURNAL_BATCH_COUNT = 50;

/** One entry of a batch read: the entry's offset and a pre-signed URL of its file. */
export interface JournalEntryRef {
	currentOffset: string;
	expiresAt?: string;
	url: string;
}

/** The file behind an entry. Its shape comes from HubSpot's beta guide; fields are read defensively. */
export interface JournalFile {
	offset?: string;
	publishedAt?: string;
	journalEvents: IDataObject[];
}

export type NextEntries = { kind: 'entries'; entries: JournalEntryRef[] } | { kind: 'expired' };

export interface JournalSubscription {
	subscriptionType: 'OBJECT';
	objectTypeId: string;
	portalId: number;
	actions: string[];
	properties?: string[];
}

export class JournalClient {
	/** HubSpot's retry and error rules; the client-credentials token is renewed once on a 401. */
	private readonly rules: ApiRules = hubSpotRules(JOURNAL_CREDENTIAL, true);

	constructor(
		private readonly ctx: ApiContext,
		private readonly baseUrl: string,
		private readonly portalId: number,
		/** The app's id as the credential gives it (how a write by the app is recognised when HubSpot names it). */
		readonly appId: string,
	) {}

	static async create(ctx: ApiContext): Promise<JournalClient> {
		const credentials = await ctx.getCredentials(JOURNAL_CREDENTIAL);
		const baseUrl = String(credentials.baseUrl || 'https://api.hubapi.com').replace(/\/+$/, '');
		return new JournalClient(ctx, baseUrl, Number(credentials.portalId), String(credentials.appId ?? ''));
	}

	get portal(): number {
		return this.portalId;
	}

	/** Creates or updates (HubSpot upserts on type, object type and portal) the subscription; returns its id. */
	async upsertSubscription(subscription: JournalSubscription): Promise<string> {
		// An upsert: sending it twice does what sending it once does.
		const { body } = await this.send('POST', `/webhooks-journal/subscriptions/${JOURNAL_VERSION}`, {
			body: subscription as unknown as IDataObject,
			idempotent: true,
		});
		return String((body as IDataObject | undefined)?.id ?? '');
	}

	/** The app's journal subscriptions (every portal's). */
	async listSubscriptions(): Promise<IDataObject[]> {
		const { body } = await this.send('GET', `/webhooks-journal/subscriptions/${JOURNAL_VERSION}`);
		const results = (body as IDataObject | undefined)?.results;
		return Array.isArray(results) ? (results as IDataObject[]) : [];
	}

	/** Removes one subscription: HubSpot stops writing its changes to the journal. */
	async deleteSubscription(id: string): Promise<void> {
		await this.send('DELETE', `/webhooks-journal/subscriptions/${JOURNAL_VERSION}/${encodeURIComponent(id)}`);
	}

	/** The newest entry's offset in this portal's journal, or undefined when it holds none. */
	async latestOffset(): Promise<string | undefined> {
		// An empty journal: no body (204), or a 404.
		const { body } = await this.send('GET', this.local('latest'), { accept: [404] });
		const offset = (body as IDataObject | undefined)?.currentOffset;
		return typeof offset === 'string' ? offset : undefined;
	}

	/** Entries after `offset` (or the oldest ones when there is none), oldest first; `expired` when HubSpot no longer has it. */
	async next(offset: string | undefined, count = JOURNAL_BATCH_COUNT): Promise<NextEntries> {
		const path = offset ? `batch/${encodeURIComponent(offset)}/next/${count}` : `batch/earliest/${count}`;
		const { status, body } = await this.send('GET', this.local(path), { accept: [404] });
		// "Fails with a 404 if the offset has expired or doesn't exist" (HubSpot's reference); kept safe for earliest.
		if (status === 404) return offset ? { kind: 'expired' } : { kind: 'entries', entries: [] };
		const results = (body as IDataObject | undefined)?.results;
		const entries = Array.isArray(results) ? (results as unknown as JournalEntryRef[]) : [];
		return { kind: 'entries', entries: entries.filter((r) => typeof r?.currentOffset === 'string') };
	}

	/** An entry's file, from its pre-signed URL (requested without the Authorization header, as HubSpot requires). */
	async file(entry: JournalEntryRef): Promise<JournalFile> {
		const body = (await this.ctx.helpers.httpRequest({ method: 'GET', url: entry.url, json: true })) as IDataObject;
		const events = Array.isArray(body?.journalEvents) ? (body.journalEvents as IDataObject[]) : [];
		return {
			offset: body?.offset as string | undefined,
			publishedAt: body?.publishedAt as string,
			journalEvents: events,
		};
	}

	private local(path: string): string {
		return `/webhooks-journal/journal-local/${JOURNAL_VERSION}/${path}?installPortalId=${this.portalId}`;
	}

	private async send(
		method: IHttpRequestMethods,
		url: string,
		options: { body?: IDataObject; accept?: number[]; idempotent?: boolean } = {},
	): Promise<ApiResponse> {
		return await sendWithRetry(
			this.ctx,
			this.rules,
			{ method, baseURL: this.baseUrl, url, body: options.body },
			{ accept: options.accept, idempotent: options.idempotent },
		);
	}
}
