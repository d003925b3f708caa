import { systemClock, type Clock } from '../common/clock';
import { startServer, type SimRequest, type SimResponse } from '../common/http';
import { Pipeline } from '../common/pipeline';
import { Router, type Handler } from '../common/router';
import { adminRoutes } from './admin';
import { ACCESS_TOKEN_TTL_SECONDS, DEFAULT_HUBSPOT_CLIENT_ID, HubSpotOAuth, type BearerGrant } from './oauth';
import { crmPaths, DATED_VERSIONS, NUMBERED_PATH, type ApiVersion } from './api-versions';
import { hubSpotError, HubSpotInvalid } from './errors';
import { HubSpotJournal, isJournalFilePath, isJournalPath, journalScopesFor } from './journal';
import { listsBase } from './lists';
import { HubSpotRateLimits, isPolicyName, rateLimited } from './rate-limit';
import { batchRoutes } from './routes/batch';
import { crmExtraRoutes } from './routes/crm-extras';
import { listRoutes } from './routes/lists';
import { objectRoutes } from './routes/objects';
import { propertyRoutes } from './routes/properties';
import { OBJECT_PATH_ALIASES, OBJECT_TYPE_IDS, OBJECT_TYPES } from './schema';
import { ALL_SCOPES, scopesFor } from './scopes';
import { HubSpotStore, type Writer } from './store';
import type { PortalValidation } from './validation-rules';
import { HubSpotUi } from './ui';
import { DELIVERY_TIMEOUT_MS, HubSpotWebhooks } from './webhooks';

export { signV1, signV2, signV3 } from './signing';
export { ALL_SCOPES, COMPANY_OBJECT_SCOPES, COMPANY_SCHEMA_SCOPES, LIST_SCOPES } from './scopes';
export { createList, MEMBERSHIPS_MAX_LIMIT } from './lists';
export { DEFAULT_HUBSPOT_CLIENT_ID } from './oauth';
export type { HubSpotOAuth, TokenRequest } from './oauth';
export { addSyncProperties } from './sync-properties';
export { PERSON } from './ui';
export { BATCH_CAP } from './routes/batch';
export { MAX_ASSOCIATION_BATCH, MAX_ASSOCIATION_READ_BATCH } from './routes/crm-extras';
export { DEFAULT_ASSOCIATION_TYPE } from './associations';
export {
	MAX_FILTER_GROUPS,
	MAX_FILTERS_PER_GROUP,
	MAX_FILTERS_TOTAL,
	SEARCH_MAX_PAGE,
	SEARCH_RESULT_CAP,
} from './search';
export { HUBSPOT_RETRY_SCHEDULE_MS, MAX_EVENTS_PER_REQUEST } from './webhooks';
export {
	JOURNAL_FILES_PATH,
	JOURNAL_MAX_BATCH_COUNT,
	JOURNAL_OBJECT_ACTIONS,
	JOURNAL_RETENTION_MS,
	JOURNAL_SCOPES,
	JOURNAL_VERSION,
} from './journal';
export type {
	HubSpotJournal,
	JournalAction,
	JournalEntry,
	JournalEntryRef,
	JournalEvent,
	JournalPropertyChange,
	JournalSubscription,
} from './journal';
export type { HubSpotStore, CrmObject, Writer } from './store';
export type { PortalValidation, ValidationRule } from './validation-rules';
export type { HubSpotWebhooks, WebhookEvent, WebhookSettings, WebhookSubscription, SentRequest } from './webhooks';

/** A private-app token shaped like HubSpot's (`pat-na1-` + uuid); local only. */
export const DEFAULT_HUBSPOT_TOKEN = 'pat-na1-5e1a7c0d-0000-4000-8000-51a1a7000001';
/** A local test secret for signing webhooks, not a real app's. */
export const DEFAULT_HUBSPOT_CLIENT_SECRET = 'local-test-client-secret-0b7e4c2a-hubspot-sim';

export interface HubSpotSimulatorOptions {
	port?: number;
	/** Private-app access token the API accepts. */
	token?: string;
	/** App client secret that signs webhooks. */
	clientSecret?: string;
	/** The private app's id (webhook appId, and sourceId of its own API writes). */
	appId?: number;
	portalId?: number;
	/** Scopes the token has (default: all the sync needs); a missing one is 403 MISSING_SCOPES naming it. */
	scopes?: string[];
	/**
	 * The same app as an OAuth app (its client secret is `clientSecret`): `clientId`, the scopes its configuration
	 * allows (default: all the sync needs and `oauth`), how long an access token lasts (default 1800 s).
	 */
	oauth?: { clientId?: string; appScopes?: string[]; accessTokenTtlSeconds?: number };
	/** Requests per rolling 10 s (default 100, Free/Starter) and per day (default 250 000): HubSpot's usage guidelines. */
	tenSecondlyLimit?: number;
	dailyLimit?: number;
	/** Search requests per second (default 5, as HubSpot's search guide states). */
	searchPerSecond?: number;
	/** Milliseconds before a write shows in search (default 0). */
	searchIndexLagMs?: number;
	/** Multiplies the webhook retry schedule (e.g. 0.0001 in tests). */
	webhookTimeScale?: number;
	/** A webhook POST slower than this fails and is retried (default 5000: HubSpot's five-second webhook timeout). */
	webhookTimeoutMs?: number;
	/** Whether tickets may have unique-value properties (undocumented for tickets; default allowed). */
	ticketUniqueProperties?: boolean;
	/**
	 * Whether the numbered paths (/crm/v3/…, /crm/v4/…) are served beside the date-based ones (default 'refuse',
	 * so that nothing can depend on them: HubSpot stops supporting them in 2027).
	 */
	numberedPaths?: 'serve' | 'refuse';
	/**
	 * How a batch answers when some of its inputs failed. Default per version: 207 on 2026-03 and v3, 200 with
	 * `errors[]` on 2026-09 (whose specification has no 207); either can be forced on every version.
	 */
	batchPartialFailureStatus?: 200 | 207;
	/**
	 * The portal's own validation rules (conditional required properties, required on create), which HubSpot
	 * applies to API writes on 2026-09 only; `batch` says how a batch with offending inputs answers.
	 */
	validation?: PortalValidation;
	/** How our app's API writes appear in webhooks (default changeSource INTEGRATION, sourceId = appId). */
	apiChangeSource?: string;
	/** How long webhooks-journal entries are kept (default 3 days, as HubSpot's journal guide states). */
	journalRetentionMs?: number;
	clock?: Clock;
}

export interface HubSpotSimulator {
	url: string;
	token: string;
	clientSecret: string;
	appId: number;
	portalId: number;
	pipeline: Pipeline;
	store: HubSpotStore;
	/** Acting as a person in HubSpot: writes that fire webhooks with changeSource CRM_UI. */
	ui: HubSpotUi;
	/** Subscriptions, settings (targetUrl, signatureVersion, maxConcurrentRequests), deliveries, idle(). */
	webhooks: HubSpotWebhooks;
	rateLimits: HubSpotRateLimits;
	/** Who the API's writes are attributed to. */
	apiWriter: Writer;
	/** The OAuth endpoints' app: its client id, the token requests it answered, expireAccessTokens(). */
	oauth: HubSpotOAuth;
	/** The app's webhooks journal: its subscriptions, and the entries the store's writes produced. */
	journal: HubSpotJournal;
	close(): Promise<void>;
}

const UNAUTHENTICATED =
	'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export async function startHubSpotSimulator(options: HubSpotSimulatorOptions = {}): Promise<HubSpotSimulator> {
	const clock = options.clock ?? systemClock;
	const token = options.token ?? DEFAULT_HUBSPOT_TOKEN;
	const clientSecret = options.clientSecret ?? DEFAULT_HUBSPOT_CLIENT_SECRET;
	const appId = options.appId ?? 4242;
	const portalId = options.portalId ?? 62515;
	const scopes = new Set(options.scopes ?? ALL_SCOPES);
	const store = new HubSpotStore(clock);
	store.searchIndex.lagMs = options.searchIndexLagMs ?? 0;
	const rateLimits = new HubSpotRateLimits(
		clock,
		options.tenSecondlyLimit ?? 100,
		options.dailyLimit ?? 250_000,
		options.searchPerSecond ?? 5,
	);
	const webhooks = new HubSpotWebhooks(
		store,
		clock,
		clientSecret,
		{ appId, portalId },
		{ timeScale: options.webhookTimeScale ?? 1, timeoutMs: options.webhookTimeoutMs ?? DELIVERY_TIMEOUT_MS },
	);
	const ui = new HubSpotUi(store);
	const journal = new HubSpotJournal(store, clock, { appId, portalId }, { retentionMs: options.journalRetentionMs });
	// Writes through the API are the app's own: webhooks report them as an integration write by this app (inferred
	// from real payloads; HubSpot's webhook docs list CRM_UI, IMPORT, … but not the API value).
	const apiWriter: Writer = { changeSource: options.apiChangeSource ?? 'INTEGRATION', sourceId: String(appId) };
	const searchGuard = () => {
		const limited = rateLimits.takeSearch();
		if (limited)
			throw Object.assign(new HubSpotInvalid('You have reached your secondly limit.', 'RATE_LIMITS', 429), {
				response: limited,
			});
	};

	const oauth = new HubSpotOAuth(clock, {
		clientId: options.oauth?.clientId ?? DEFAULT_HUBSPOT_CLIENT_ID,
		clientSecret,
		portalId,
		appId,
		appScopes: options.oauth?.appScopes ?? [...ALL_SCOPES, 'oauth'],
		accessTokenTtlSeconds: options.oauth?.accessTokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS,
	});
	const api = new WriteGroupingRouter(store);
	oauth.routes(api);
	journal.routes(api);
	journal.fileRoutes(api);
	const versions: ApiVersion[] = [
		...DATED_VERSIONS,
		...(options.numberedPaths === 'serve' ? ['numbered' as const] : []),
	];
	for (const paths of versions.map((version) => crmPaths(version, options.batchPartialFailureStatus))) {
		for (const type of OBJECT_TYPES) {
			// Dated paths name a type by name or by id (contacts or 0-1); the numbered ones by name.
			const names = [
				type,
				...(OBJECT_PATH_ALIASES[type] ?? []),
				...(paths.version === 'numbered' ? [] : [OBJECT_TYPE_IDS[type]]),
			];
			for (const name of names) {
				const base = paths.objects(name);
				const portal = paths.version === '2026-09' ? options.validation : undefined;
				objectRoutes(api, { store, writer: apiWriter, searchGuard, portal }, type, base);
				batchRoutes(api, { store, writer: apiWriter, searchGuard, portal }, type, {
					base,
					partialFailureStatus: paths.partialFailureStatus,
				});
			}
		}
		propertyRoutes(api, store, { ticketUniqueProperties: options.ticketUniqueProperties ?? true }, paths.properties);
		crmExtraRoutes(api, store, apiWriter, paths);
		listRoutes(api, store, listsBase(paths.version));
	}
	const admin = new Router();
	adminRoutes(admin, { store, ui, webhooks, limits: rateLimits, oauth, journal });

	const pipeline = new Pipeline({
		api,
		admin,
		clock,
		errors: {
			notFound: (req) =>
				NUMBERED_PATH.test(req.path)
					? hubSpotError(
							404,
							'OBJECT_NOT_FOUND',
							`${req.method} ${req.path} is a numbered API path; this simulator serves HubSpot's date-based paths (${DATED_VERSIONS.join(', ')}), e.g. /crm/objects/2026-09/contacts`,
							{ errors: [{ message: 'numbered API paths are refused', in: 'path' }] },
						)
					: hubSpotError(404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.path}`, {
							errors: [{ message: 'unknown endpoint', in: 'path' }],
						}),
			methodNotAllowed: (req, allowed) =>
				hubSpotError(
					405,
					'VALIDATION_ERROR',
					`${req.method} is not supported on ${req.path}; use ${allowed.join(' or ')}`,
					{ errors: [{ message: 'method not allowed', in: 'method' }] },
				),
			rateLimited: (_req, action) =>
				rateLimited(
					isPolicyName(action.policyName) ? action.policyName : 'TEN_SECONDLY_ROLLING',
					action.policyName === 'SECONDLY' ? {} : rateLimits.headers(),
				),
			serverError: (_req, status) =>
				hubSpotError(status, 'INTERNAL_ERROR', 'internal error', { errors: [{ message: 'simulated server error' }] }),
			badRequest: (_req, message, error) => {
				const carried = (error as { response?: ReturnType<typeof rateLimited> } | undefined)?.response;
				if (carried) return carried;
				if (error instanceof HubSpotInvalid) return error.render();
				return hubSpotError(400, 'VALIDATION_ERROR', message, {
					errors: [{ message, in: 'body', code: 'INVALID_INPUT' }],
				});
			},
		},
		guard: (req) => {
			// The OAuth endpoints authenticate by client id and secret, and are not counted against the API limits;
			// a journal file's pre-signed URL carries its own authorization and is not an API call.
			if (isOAuthPath(req.path) || isJournalFilePath(req.path)) return undefined;
			const journalCall = isJournalPath(req.path);
			const granted = grantOf(req, token, scopes, oauth, journalCall ? 'app' : 'portal');
			if (granted.kind === 'refused') return granted.response;
			// Every entry must be met, each by any one of its scopes; the first unmet entry is named.
			const journalNeeds = journalCall ? journalScopesFor(req) : undefined;
			const needed = journalCall ? (journalNeeds ? [[...journalNeeds]] : undefined) : scopesFor(req);
			const unmet = needed?.find((anyOf) => !anyOf.some((s) => granted.scopes.has(s)));
			if (unmet) return missingScopes(unmet[0]);
			// Every journal operation is exempt from the daily and ten-secondly limits (the spec's
			// x-hubspot-rate-limit-exemptions).
			return journalCall ? undefined : rateLimits.take(req);
		},
		decorate: (req, res) => {
			if (
				HubSpotRateLimits.isSearch(req) ||
				isOAuthPath(req.path) ||
				isJournalPath(req.path) ||
				isJournalFilePath(req.path) ||
				res.status === 401
			)
				return res;
			return { ...res, headers: { ...rateLimits.headers(), ...(res.headers ?? {}) } };
		},
	});
	const server = await startServer(pipeline.handle, { port: options.port });
	journal.baseUrl = server.url;
	return {
		url: server.url,
		token,
		clientSecret,
		appId,
		portalId,
		pipeline,
		store,
		ui,
		webhooks,
		rateLimits,
		apiWriter,
		oauth,
		journal,
		close: async () => {
			webhooks.close();
			await server.close();
		},
	};
}

const isOAuthPath = (path: string) => path.startsWith('/oauth/');

/**
 * The API's router, each request one write of the store: the changes a request makes (a whole batch) reach the
 * webhooks journal as one entry. Route handlers are synchronous, so nothing else writes in between.
 */
class WriteGroupingRouter extends Router {
	constructor(private readonly store: HubSpotStore) {
		super();
	}

	override add(method: string, pattern: string, handler: Handler): this {
		return super.add(method, pattern, (req) => this.store.write(() => handler(req)));
	}
}

function missingScopes(scope: string): SimResponse {
	return hubSpotError(
		403,
		'MISSING_SCOPES',
		"This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
		{
			errors: [
				{
					message: 'One or more of the following scopes are required.',
					context: { requiredGranularScopes: [scope] },
				},
			],
		},
	);
}

const JOURNAL_NEEDS_APP_TOKEN =
	"The webhooks journal API needs the app's client credentials token (POST /oauth/v3/token with grant_type=client_credentials); a static or user access token cannot read it. https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide";

/**
 * What the request's bearer token grants: the static token its configured scopes, an OAuth token its own. The CRM
 * routes act in a portal (static or user access token); the journal routes act for the app (client credentials).
 */
function grantOf(
	req: SimRequest,
	staticToken: string,
	staticScopes: ReadonlySet<string>,
	oauth: HubSpotOAuth,
	audience: 'portal' | 'app',
): { kind: 'granted'; scopes: ReadonlySet<string> } | { kind: 'refused'; response: SimResponse } {
	const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
	// The static token is an installation's, like an OAuth access token.
	const grant: BearerGrant =
		bearer === staticToken
			? { kind: 'granted', scopes: staticScopes, use: 'access_token' }
			: bearer
				? oauth.lookup(bearer)
				: { kind: 'unknown' };
	const refused = (category: string, message: string) =>
		({ kind: 'refused', response: hubSpotError(401, category, message) }) as const;
	if (grant.kind === 'expired')
		return refused(
			'EXPIRED_AUTHENTICATION',
			`The OAuth token used to make this call expired ${grant.secondsAgo} second(s) ago.`,
		);
	if (grant.kind === 'unknown') return refused('INVALID_AUTHENTICATION', UNAUTHENTICATED);
	// The journal takes the app's client-credentials token only; the CRM an installation's token only.
	if (audience === 'app' && grant.use !== 'client_credentials')
		return refused('INVALID_AUTHENTICATION', JOURNAL_NEEDS_APP_TOKEN);
	if (audience === 'portal' && grant.use === 'client_credentials')
		return refused(
			'INVALID_AUTHENTICATION',
			"A client credentials token acts for the app, not in a portal; the CRM APIs need an installation's access token.",
		);
	return { kind: 'granted', scopes: grant.scopes };
}
