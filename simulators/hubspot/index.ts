import { systemClock, type Clock } from '../common/clock';
import { startServer, type SimRequest } from '../common/http';
import { Pipeline } from '../common/pipeline';
import { Router } from '../common/router';
import { adminRoutes } from './admin';
import { HubSpotInvalid, hubSpotError } from './errors';
import { HubSpotRateLimits, rateLimited } from './rate-limit';
import { crmExtraRoutes } from './routes/crm-extras';
import { objectRoutes } from './routes/objects';
import { propertyRoutes } from './routes/properties';
import { HubSpotStore } from './store';
import { HubSpotWebhooks } from './webhooks';

export { signV1, signV2, signV3 } from './signing';
export type { HubSpotStore } from './store';

export const DEFAULT_HUBSPOT_TOKEN = 'pat-na1-00000000-0000-4000-8000-simulator000';
/** A local test secret, not a real app's. */
export const DEFAULT_HUBSPOT_CLIENT_SECRET = 'hubspot-simulator-client-secret';
export const ALL_SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.write', 'tickets', 'crm.objects.owners.read'];

export interface HubSpotSimulatorOptions {
	port?: number;
	token?: string;
	clientSecret?: string;
	appId?: number;
	portalId?: number;
	scopes?: string[];
	tenSecondlyLimit?: number;
	dailyLimit?: number;
	searchPerSecond?: number;
	webhookTimeScale?: number;
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
	webhooks: HubSpotWebhooks;
	rateLimits: HubSpotRateLimits;
	close(): Promise<void>;
}

/** Which scope each route needs (the README lists the same, by operation). */
function scopeFor(req: SimRequest): string | undefined {
	const write = req.method !== 'GET';
	if (req.path.startsWith('/crm/v3/objects/contacts')) return write && !req.path.endsWith('/search') && !req.path.endsWith('/batch/read') ? 'crm.objects.contacts.write' : 'crm.objects.contacts.read';
	if (req.path.startsWith('/crm/v3/objects/tickets') || req.path.startsWith('/crm/v3/pipelines/tickets')) return 'tickets';
	if (req.path.startsWith('/crm/v3/owners')) return 'crm.objects.owners.read';
	return undefined;
}

export async function startHubSpotSimulator(options: HubSpotSimulatorOptions = {}): Promise<HubSpotSimulator> {
	const clock = options.clock ?? systemClock;
	const token = options.token ?? DEFAULT_HUBSPOT_TOKEN;
	const clientSecret = options.clientSecret ?? DEFAULT_HUBSPOT_CLIENT_SECRET;
	const appId = options.appId ?? 4242;
	const portalId = options.portalId ?? 62515;
	const scopes = new Set(options.scopes ?? ALL_SCOPES);
	const store = new HubSpotStore(clock);
	const rateLimits = new HubSpotRateLimits(clock, options.tenSecondlyLimit ?? 100, options.dailyLimit ?? 250_000, options.searchPerSecond ?? 5);
	const webhooks = new HubSpotWebhooks(store, clock, clientSecret, { appId, portalId }, options.webhookTimeScale ?? 1);
	// Writes through the API are the app's own: webhooks report them as an integration write by this app.
	const writer = { changeSource: 'INTEGRATION', sourceId: String(appId) };
	const requireScope = (scope: string) => {
		if (!scopes.has(scope)) {
			throw new HubSpotInvalid("This app hasn't been granted all required scopes to make this call.", 'MISSING_SCOPES', 403, [
				{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [scope] } },
			]);
		}
	};
	const searchGuard = () => {
		const limited = rateLimits.takeSearch();
		if (limited) throw Object.assign(new HubSpotInvalid('You have reached your secondly limit.', 'RATE_LIMITS', 429), { response: limited });
	};
	const api = new Router();
	objectRoutes(api, { store, writer, searchGuard }, 'contacts');
	objectRoutes(api, { store, writer, searchGuard }, 'tickets');
	propertyRoutes(api, store, requireScope);
	crmExtraRoutes(api, store);
	const admin = new Router();
	adminRoutes(admin, store, webhooks, rateLimits);

	const pipeline = new Pipeline({
		api,
		admin,
		clock,
		errors: {
			notFound: () => hubSpotError(404, 'OBJECT_NOT_FOUND', 'No route matches this request.'),
			methodNotAllowed: (_req, allowed) => hubSpotError(405, 'VALIDATION_ERROR', `Use ${allowed.join(' or ')}.`),
			rateLimited: (_req, action) =>
				action.policyName === 'SECONDLY'
					? rateLimited('SECONDLY', 'You have reached your secondly limit.')
					: action.policyName === 'DAILY'
						? rateLimited('DAILY', 'You have reached your daily limit.')
						: rateLimited('TEN_SECONDLY_ROLLING', 'You have reached your ten secondly rate limit.', { 'x-hubspot-ratelimit-interval-milliseconds': '10000' }),
			serverError: (_req, status) => hubSpotError(status, 'INTERNAL_ERROR', 'Internal error.'),
			badRequest: (_req, message, error) => {
				const withResponse = error as { response?: { status: number } } | undefined;
				if (withResponse?.response) return withResponse.response;
				if (error instanceof HubSpotInvalid) return hubSpotError(error.status, error.category, error.message, error.errors);
				return hubSpotError(400, 'VALIDATION_ERROR', message);
			},
		},
		guard: (req) => {
			const auth = req.headers.authorization;
			if (!auth || auth !== `Bearer ${token}`) {
				return hubSpotError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
			}
			const scope = scopeFor(req);
			if (scope && !scopes.has(scope)) {
				return hubSpotError(403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call.", [
					{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [scope] } },
				]);
			}
			return rateLimits.take(req);
		},
		decorate: (req, res) => {
			const headers = rateLimits.headerValues(req);
			return headers && !req.path.endsWith('/search') ? { ...res, headers: { ...headers, ...(res.headers ?? {}) } } : res;
		},
	});
	const server = await startServer(pipeline.handle, { port: options.port });
	return { url: server.url, token, clientSecret, appId, portalId, pipeline, store, webhooks, rateLimits, close: () => server.close() };
}
