import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ITriggerFunctions,
	type JsonObject,
} from 'n8n-workflow';

/** The journal is read by a trigger and its subscriptions are managed by an action node. */
type JournalContext = ITriggerFunctions | IExecuteFunctions;

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

/** The HTTP status of an error thrown by n8n's request helpers, wherever that version put it. */
export function statusOfError(error: unknown): number | undefined {
	const e = error as {
		httpCode?: unknown;
		statusCode?: unknown;
		response?: { status?: unknown };
		cause?: { response?: { status?: unknown }; status?: unknown };
	};
	for (const value of [e?.httpCode, e?.statusCode, e?.response?.status, e?.cause?.response?.status, e?.cause?.status]) {
		const n = Number(value);
		if (Number.isInteger(n) && n >= 100) return n;
	}
	return undefined;
}

export class JournalClient {
	constructor(
		private readonly ctx: JournalContext,
		private readonly baseUrl: string,
		private readonly portalId: number,
	) {}

	static async create(ctx: JournalContext): Promise<JournalClient> {
		const credentials = await ctx.getCredentials(JOURNAL_CREDENTIAL);
		const baseUrl = String(credentials.baseUrl || 'https://api.hubapi.com').replace(/\/+$/, '');
		return new JournalClient(ctx, baseUrl, Number(credentials.portalId));
	}

	get portal(): number {
		return this.portalId;
	}

	/** Creates or updates (HubSpot upserts on type, object type and portal) the subscription; returns its id. */
	async upsertSubscription(subscription: JournalSubscription): Promise<string> {
		const body = (await this.send({
			method: 'POST',
			url: `/webhooks-journal/subscriptions/${JOURNAL_VERSION}`,
			body: subscription as unknown as IDataObject,
		})) as IDataObject;
		return String(body.id ?? '');
	}

	/** The app's journal subscriptions (every portal's). */
	async listSubscriptions(): Promise<IDataObject[]> {
		const body = (await this.send({ method: 'GET', url: `/webhooks-journal/subscriptions/${JOURNAL_VERSION}` })) as
			IDataObject | undefined;
		return Array.isArray(body?.results) ? (body.results as IDataObject[]) : [];
	}

	/** Removes one subscription: HubSpot stops writing its changes to the journal. */
	async deleteSubscription(id: string): Promise<void> {
		await this.send({
			method: 'DELETE',
			url: `/webhooks-journal/subscriptions/${JOURNAL_VERSION}/${encodeURIComponent(id)}`,
		});
	}

	/** The newest entry's offset in this portal's journal, or undefined when it holds none. */
	async latestOffset(): Promise<string | undefined> {
		try {
			const body = (await this.send({ method: 'GET', url: this.local('latest') })) as IDataObject | undefined;
			return typeof body?.currentOffset === 'string' ? body.currentOffset : undefined;
		} catch (error) {
			if (statusOfError(error) === 404) return undefined;
			throw this.apiError(error);
		}
	}

	/** Entries after `offset` (or the oldest ones when there is none), oldest first; `expired` when HubSpot no longer has it. */
	async next(offset: string | undefined, count = JOURNAL_BATCH_COUNT): Promise<NextEntries> {
		const path = offset ? `batch/${encodeURIComponent(offset)}/next/${count}` : `batch/earliest/${count}`;
		try {
			const body = (await this.send({ method: 'GET', url: this.local(path) })) as IDataObject | undefined;
			const results = Array.isArray(body?.results) ? (body.results as unknown as JournalEntryRef[]) : [];
			return { kind: 'entries', entries: results.filter((r) => typeof r?.currentOffset === 'string') };
		} catch (error) {
			// "Fails with a 404 if the offset has expired or doesn't exist" (HubSpot's reference); kept safe for earliest.
			if (statusOfError(error) === 404) return offset ? { kind: 'expired' } : { kind: 'entries', entries: [] };
			throw this.apiError(error);
		}
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

	private apiError(error: unknown): NodeApiError {
		if (error instanceof NodeApiError) return error;
		return new NodeApiError(this.ctx.getNode(), error as JsonObject, { message: 'HubSpot journal request failed' });
	}

	private local(path: string): string {
		return `/webhooks-journal/journal-local/${JOURNAL_VERSION}/${path}?installPortalId=${this.portalId}`;
	}

	private async send(options: Omit<IHttpRequestOptions, 'baseURL' | 'json'>): Promise<unknown> {
		return await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, JOURNAL_CREDENTIAL, {
			...options,
			baseURL: this.baseUrl,
			json: true,
		});
	}
}
