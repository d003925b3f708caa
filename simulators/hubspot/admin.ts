import type { SimRequest } from '../common/http';
import { controlBody as body } from '../common/control-body';
import { BadRequest } from '../common/pipeline';
import type { Router } from '../common/router';
import { view } from './objects';
import type { HubSpotJournal } from './journal';
import type { HubSpotOAuth } from './oauth';
import type { HubSpotRateLimits } from './rate-limit';
import { OBJECT_TYPES, objectTypeOf, type ObjectType } from './schema';
import type { HubSpotStore, Writer } from './store';
import { PERSON, type HubSpotUi } from './ui';
import type { HubSpotWebhooks } from './webhooks';

const WRITER = ['changeSource', 'sourceId'] as const;
const WRITE = ['properties', ...WRITER] as const;

function typeOf(req: SimRequest): ObjectType {
	const type = objectTypeOf(req.params.objectType);
	if (!type) throw new BadRequest(`unknown object type ${req.params.objectType}; use ${OBJECT_TYPES.join(', ')}`);
	return type;
}

/** Who a UI action is attributed to: a person by default, or `{changeSource, sourceId}` from the body. */
function writerOf(b: Record<string, unknown>): Writer {
	if (b.changeSource === undefined && b.sourceId === undefined) return PERSON;
	if (typeof b.changeSource !== 'string' || typeof b.sourceId !== 'string')
		throw new BadRequest('changeSource and sourceId go together, both strings');
	return { changeSource: b.changeSource, sourceId: b.sourceId };
}

function properties(b: Record<string, unknown>): Record<string, unknown> {
	const p = b.properties ?? {};
	if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new BadRequest('properties must be an object');
	return p as Record<string, unknown>;
}

export interface AdminParts {
	store: HubSpotStore;
	ui: HubSpotUi;
	webhooks: HubSpotWebhooks;
	limits: HubSpotRateLimits;
	oauth: HubSpotOAuth;
	journal: HubSpotJournal;
}

/**
 * Control routes under /_sim/ (besides the common faults/latency/requests ones): act as a person in HubSpot,
 * configure the app's webhooks, inspect deliveries and the webhooks journal, tune limits, search lag and retention.
 */
export function adminRoutes(router: Router, { store, ui, webhooks, limits, oauth, journal }: AdminParts): void {
	router.add('GET', '/_sim/crm/:objectType', (req) => {
		const type = typeOf(req);
		return {
			status: 200,
			body: { results: [...store.objects[type].values()].map((o) => view(type, o, undefined, true)) },
		};
	});
	router.add('POST', '/_sim/crm/:objectType', (req) => {
		const b = body(req, WRITE);
		const type = typeOf(req);
		return { status: 201, body: view(type, ui.create(type, properties(b), writerOf(b)), undefined, true) };
	});
	router.add('PATCH', '/_sim/crm/:objectType/:id', (req) => {
		const b = body(req, WRITE);
		const type = typeOf(req);
		return {
			status: 200,
			body: view(type, ui.update(type, req.params.id, properties(b), writerOf(b)), undefined, true),
		};
	});
	router.add('DELETE', '/_sim/crm/:objectType/:id', (req) => {
		ui.delete(typeOf(req), req.params.id, writerOf(body(req, WRITER)));
		return { status: 200, body: { archived: req.params.id } };
	});
	router.add('POST', '/_sim/crm/:objectType/:id/restore', (req) => {
		const type = typeOf(req);
		return {
			status: 200,
			body: view(type, ui.restore(type, req.params.id, writerOf(body(req, WRITER))), undefined, true),
		};
	});
	router.add('POST', '/_sim/crm/:objectType/merge', (req) => {
		const b = body(req, ['primaryObjectId', 'objectIdToMerge', ...WRITER]);
		const type = typeOf(req);
		return {
			status: 200,
			body: view(
				type,
				ui.merge(type, String(b.primaryObjectId), String(b.objectIdToMerge), writerOf(b)),
				undefined,
				true,
			),
		};
	});
	router.add('POST', '/_sim/crm/contacts/:id/privacy-delete', (req) => {
		ui.privacyDelete(req.params.id, writerOf(body(req, WRITER)));
		return { status: 200, body: { deleted: req.params.id } };
	});

	router.add('POST', '/_sim/oauth/expire-access-tokens', (req) => {
		body(req, []);
		return { status: 200, body: { expired: oauth.expireAccessTokens() } };
	});
	router.add('GET', '/_sim/oauth/token-requests', () => ({ status: 200, body: { results: oauth.tokenRequests } }));
	router.add('GET', '/_sim/webhooks/settings', () => ({ status: 200, body: webhooks.settings }));
	router.add('PUT', '/_sim/webhooks/settings', (req) => ({
		status: 200,
		body: webhooks.configure(
			body(req, ['targetUrl', 'signatureVersion', 'batchWindowMs', 'maxConcurrentRequests', 'eventIdCycle']) as never,
		),
	}));
	router.add('GET', '/_sim/webhooks/subscriptions', () => ({ status: 200, body: { results: webhooks.subscriptions } }));
	router.add('POST', '/_sim/webhooks/subscriptions', (req) => {
		const b = body(req, ['subscriptionType', 'propertyName']);
		if (typeof b.subscriptionType !== 'string') throw new BadRequest('subscriptionType is required');
		if (b.propertyName !== undefined && typeof b.propertyName !== 'string')
			throw new BadRequest('propertyName must be a string');
		if (typeof b.propertyName === 'string') {
			const type = b.subscriptionType.startsWith('ticket.') ? 'tickets' : 'contacts';
			if (!store.properties[type].has(b.propertyName)) throw new BadRequest(`no ${type} property ${b.propertyName}`);
		}
		return { status: 201, body: webhooks.subscribe(b.subscriptionType, b.propertyName as string | undefined) };
	});
	router.add('DELETE', '/_sim/webhooks/subscriptions/:id', (req) => {
		if (!webhooks.unsubscribe(Number(req.params.id))) throw new BadRequest(`no subscription ${req.params.id}`);
		return { status: 200, body: { paused: Number(req.params.id) } };
	});
	// Deliveries without their signature headers (they are reproducible from the body, but need not be shown).
	router.add('GET', '/_sim/webhooks/sent', () => ({
		status: 200,
		body: { sent: webhooks.sent.map(({ headers: _headers, ...rest }) => rest) },
	}));
	router.add('DELETE', '/_sim/webhooks/sent', () => {
		webhooks.sent.length = 0;
		return { status: 200, body: {} };
	});
	router.add('POST', '/_sim/webhooks/idle', async () => {
		await webhooks.idle();
		return { status: 200, body: { idle: true } };
	});

	router.add('GET', '/_sim/journal/entries', () => ({ status: 200, body: { results: journal.entries } }));
	router.add('GET', '/_sim/journal/subscriptions', () => ({ status: 200, body: { results: journal.subscriptions } }));
	router.add('PUT', '/_sim/journal/retention', (req) => {
		const ms = body(req, ['ms']).ms;
		if (!Number.isInteger(ms) || (ms as number) < 1) throw new BadRequest('ms must be a whole number ≥ 1');
		journal.retentionMs = ms as number;
		return { status: 200, body: { ms } };
	});

	router.add('PUT', '/_sim/rate-limits', (req) => {
		const b = body(req, ['tenSecondly', 'daily', 'searchPerSecond']);
		const set = (key: string, apply: (n: number) => void) => {
			if (b[key] === undefined) return;
			if (!Number.isInteger(b[key]) || (b[key] as number) < 1)
				throw new BadRequest(`${key} must be a whole number ≥ 1`);
			apply(b[key] as number);
		};
		set('tenSecondly', (n) => (limits.tenSecondly.limit = n));
		set('daily', (n) => (limits.daily.limit = n));
		set('searchPerSecond', (n) => (limits.search.limit = n));
		return {
			status: 200,
			body: { tenSecondly: limits.tenSecondly.limit, daily: limits.daily.limit, searchPerSecond: limits.search.limit },
		};
	});
	router.add('POST', '/_sim/rate-limits/drain', (req) => {
		const which = String(body(req, ['bucket']).bucket ?? 'tenSecondly');
		if (which === 'search') limits.search.drain();
		else if (which === 'daily') limits.daily.drain();
		else if (which === 'tenSecondly') limits.tenSecondly.drain();
		else throw new BadRequest('bucket is tenSecondly, daily or search');
		return { status: 200, body: { drained: which } };
	});
	router.add('PUT', '/_sim/search', (req) => {
		const lag = body(req, ['indexLagMs']).indexLagMs;
		if (typeof lag !== 'number' || lag < 0) throw new BadRequest('indexLagMs must be a number ≥ 0');
		store.searchIndex.lagMs = lag;
		return { status: 200, body: { indexLagMs: lag } };
	});
	router.add('PUT', '/_sim/search/slow/:objectType/:id', (req) => {
		const extra = body(req, ['extraLagMs']).extraLagMs;
		if (typeof extra !== 'number' || extra < 0) throw new BadRequest('extraLagMs must be a number ≥ 0');
		store.searchIndex.slowDown(`${typeOf(req)}:${req.params.id}`, extra);
		return { status: 200, body: { extraLagMs: extra } };
	});
}
