import { systemClock, type Clock } from '../common/clock';
import type { SimRequest } from '../common/http';
import { startServer } from '../common/http';
import { Pipeline } from '../common/pipeline';
import { Router } from '../common/router';
import { adminRoutes } from './admin';
import type { SimContext } from './context';
import { Cursors } from './cursor';
import { KirimInvalid, kirimError } from './errors';
import { IdempotencyStore } from './idempotency';
import { KirimRateLimits, tierLimits, type Tier } from './rate-limit';
import { accountRoutes } from './routes/account';
import { contactRoutes } from './routes/contacts';
import { conversationRoutes } from './routes/conversations';
import { labelRoutes } from './routes/labels';
import { messageRoutes } from './routes/messages';
import { templateRoutes } from './routes/templates';
import { webhookRoutes } from './routes/webhooks';
import { WebhookSender } from './sender';
import { KirimStore, type Account } from './store';

export { signKirimPayload } from './signing';
export type { KirimStore } from './store';

/** A well-formed key (`kdv_live_` + 24 URL-safe characters: https://developers.kirim.chat/authentication/), local use only. */
export const DEFAULT_KIRIM_API_KEY = 'kdv_live_SimulatorLocalKey000000';
export const DEFAULT_PHONE_NUMBER_ID = '106540352242922';

export interface KirimSimulatorOptions {
	port?: number;
	apiKey?: string;
	tier?: Tier;
	allowHttpWebhooks?: boolean;
	webhookTimeScale?: number;
	clock?: Clock;
	phoneNumberIds?: string[];
	autoDisableAfter?: number;
	/** Floor of a delivery attempt's timeout, however small the time scale (a real n8n needs time to answer). */
	minDeliveryTimeoutMs?: number;
	/** Apply `created_after` on contact lists, a filter only a guide example shows (default true; see SimBehaviour). */
	contactsCreatedAfter?: boolean;
	/** Contact events carry `contact.labels`, as Kirim's CRM guide reads them (default false: the schema has none). */
	labelsInContactEvents?: boolean;
}

export interface KirimSimulator extends SimContext {
	url: string;
	apiKey: string;
	phoneNumberIds: string[];
	pipeline: Pipeline;
	rateLimits: KirimRateLimits;
	close(): Promise<void>;
}

const PUBLIC_PATHS = new Set(['/v1/health', '/v1/openapi.json']);

export async function startKirimSimulator(options: KirimSimulatorOptions = {}): Promise<KirimSimulator> {
	const clock = options.clock ?? systemClock;
	const apiKey = options.apiKey ?? DEFAULT_KIRIM_API_KEY;
	const phoneNumberIds = options.phoneNumberIds ?? [DEFAULT_PHONE_NUMBER_ID];
	const accounts: Account[] = phoneNumberIds.map((id, i) => ({
		object: 'account',
		phone_number_id: id,
		phone_number: `+62811${String(1000000 + i)}`,
		name: i === 0 ? 'Customer Support' : `Number ${i + 1}`,
		status: 'connected',
	}));
	const store = new KirimStore(clock, accounts);
	const tier = options.tier ?? 'default';
	const rateLimits = new KirimRateLimits(tier, clock);
	const sender = new WebhookSender(store, clock, {
		timeScale: options.webhookTimeScale ?? 1,
		autoDisableAfter: options.autoDisableAfter ?? 20,
		minTimeoutMs: options.minDeliveryTimeoutMs ?? 2000,
	});
	store.labelsInContactEvents = options.labelsInContactEvents ?? false;
	const ctx: SimContext = {
		store,
		cursors: new Cursors(),
		sender,
		idempotency: new IdempotencyStore(clock),
		clock,
		allowHttpWebhooks: options.allowHttpWebhooks ?? false,
		behaviour: { contactsCreatedAfter: options.contactsCreatedAfter ?? true },
	};
	const api = new Router();
	accountRoutes(api, ctx, apiKey.slice(-4), tierLimits(tier));
	contactRoutes(api, ctx);
	labelRoutes(api, ctx);
	conversationRoutes(api, ctx);
	messageRoutes(api, ctx);
	templateRoutes(api, ctx);
	webhookRoutes(api, ctx);
	const admin = new Router();
	adminRoutes(admin, ctx, rateLimits);

	const fromError = (_req: SimRequest, message: string, error?: Error) =>
		error instanceof KirimInvalid
			? kirimError(error.status, error.type, error.code, error.message, error.param)
			: kirimError(400, 'invalid_request_error', 'invalid_field_value', message);
	const pipeline = new Pipeline({
		api,
		admin,
		clock,
		errors: {
			notFound: () => kirimError(404, 'not_found', 'route_not_found', 'No such route.'),
			methodNotAllowed: (_req, allowed) =>
				kirimError(405, 'invalid_request_error', 'method_not_allowed', `Use ${allowed.join(' or ')}.`),
			rateLimited: (_req, action) => {
				const response = kirimError(429, 'rate_limit_error', 'rate_limit_exceeded', 'Too many requests. Slow down.');
				return { ...response, headers: { ...response.headers, 'retry-after': String(action.retryAfterSeconds ?? 1) } };
			},
			serverError: (_req, status) =>
				kirimError(status, 'api_error', 'upstream_unavailable', 'The service is temporarily unavailable.'),
			badRequest: fromError,
		},
		// Bearer only: a key in the query, in basic auth or in a cookie is refused
		// (https://developers.kirim.chat/authentication/).
		guard: (req) => {
			if (PUBLIC_PATHS.has(req.path)) return undefined;
			const auth = req.headers.authorization;
			if (!auth || !auth.startsWith('Bearer ')) {
				return kirimError(
					401,
					'authentication_error',
					'missing_api_key',
					'Send the API key as Authorization: Bearer <key>.',
				);
			}
			if (auth.slice('Bearer '.length) !== apiKey) {
				return kirimError(401, 'authentication_error', 'invalid_api_key', 'The API key is not valid.');
			}
			return rateLimits.take(req);
		},
		decorate: (req, res) => rateLimits.headers(req, res),
	});
	const server = await startServer(pipeline.handle, { port: options.port });
	return {
		...ctx,
		url: server.url,
		apiKey,
		phoneNumberIds,
		pipeline,
		rateLimits,
		close: async () => {
			await server.close();
		},
	};
}
