import { BadRequest, parseJsonBody } from '../common/pipeline';
import type { Router } from '../common/router';
import type { HubSpotRateLimits } from './rate-limit';
import type { HubSpotStore, Writer } from './store';
import type { HubSpotWebhooks } from './webhooks';

/** A person editing in HubSpot's UI, not an app (webhooks report changeSource CRM_UI and a user id). */
export const PERSON: Writer = { changeSource: 'CRM_UI', sourceId: 'userId:74322246' };

function body(req: Parameters<Parameters<Router['add']>[2]>[0]): Record<string, unknown> {
	const value = req.rawBody.length ? parseJsonBody(req) : {};
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadRequest('a JSON object was expected');
	return value as Record<string, unknown>;
}

/** Control routes under /_sim/: act as a person in HubSpot, configure the app's webhooks, inspect deliveries. */
export function adminRoutes(router: Router, store: HubSpotStore, webhooks: HubSpotWebhooks, limits: HubSpotRateLimits): void {
	router.add('POST', '/_sim/contacts', (req) => {
		const b = body(req);
		const contact = store.create('contacts', (b.properties as Record<string, string>) ?? {}, PERSON);
		return { status: 201, body: contact };
	});
	router.add('PATCH', '/_sim/contacts/:id', (req) => {
		const contact = store.objects.contacts.get(req.params.id);
		if (!contact) throw new BadRequest(`unknown contact ${req.params.id}`);
		return { status: 200, body: store.update('contacts', contact, (body(req).properties as Record<string, string>) ?? {}, PERSON) };
	});
	router.add('PUT', '/_sim/webhooks/settings', (req) => {
		const b = body(req);
		if (b.targetUrl !== undefined && typeof b.targetUrl !== 'string') throw new BadRequest('targetUrl must be a string');
		if (b.signatureVersion !== undefined && !['v1', 'v2', 'v3'].includes(String(b.signatureVersion))) throw new BadRequest('signatureVersion is v1, v2 or v3');
		webhooks.settings = { ...webhooks.settings, ...(b as object) };
		return { status: 200, body: webhooks.settings };
	});
	router.add('POST', '/_sim/webhooks/subscriptions', (req) => {
		const b = body(req);
		if (typeof b.subscriptionType !== 'string') throw new BadRequest('subscriptionType is required');
		return { status: 201, body: webhooks.subscribe(b.subscriptionType, b.propertyName as string | undefined) };
	});
	router.add('GET', '/_sim/webhooks/sent', () => ({ status: 200, body: { sent: webhooks.sent.map(({ headers: _h, ...rest }) => rest) } }));
	router.add('POST', '/_sim/idle', async () => {
		await webhooks.idle();
		return { status: 200, body: { idle: true } };
	});
	router.add('POST', '/_sim/rate-limits/drain', (req) => {
		const which = String(body(req).bucket ?? 'tenSecondly');
		(which === 'search' ? limits.search : which === 'daily' ? limits.daily : limits.tenSecondly).drain();
		return { status: 200, body: { drained: which } };
	});
}
