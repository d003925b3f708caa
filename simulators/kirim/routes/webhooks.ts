import { randomBytes } from 'node:crypto';

import type { Router } from '../../common/router';
import { parseJsonBody } from '../../common/pipeline';
import { page } from '../cursor';
import { KirimInvalid, list, notFound, ok } from '../errors';
import type { SimContext } from '../context';
import type { Delivery, Secret, Subscription } from '../store';
import * as v from '../validate';

export const CATALOG = [
	'message.received',
	'message.status',
	'message.created',
	'conversation.assigned',
	'conversation.closed',
	'contact.created',
	'contact.updated',
];
const BULK_REPLAY_CAP = 1000;

export const newSecretValue = () => `whsec_${randomBytes(24).toString('base64url')}`;

/** A subscription as the API shows it: secrets listed without their values (`initial_secret` only at creation). */
export function publicSubscription(s: Subscription): Record<string, unknown> {
	const { consecutive_failures: _failures, secrets, ...rest } = s;
	return { ...rest, secrets: secrets.map(({ id, created_at, expires_at }) => ({ id, created_at, expires_at })) };
}

export function publicDelivery(d: Delivery): Record<string, unknown> {
	const { body: _body, attempts, ...rest } = d;
	const last = attempts[attempts.length - 1];
	return {
		...rest,
		attempts: attempts.length,
		response_status_code: last?.response_status_code ?? null,
		response_body: last?.response_body ?? null,
	};
}

function events(value: unknown): string[] {
	if (!Array.isArray(value) || value.length === 0)
		throw new KirimInvalid('invalid_field_value', 'events must be a non-empty array.', 'events');
	for (const e of value) {
		if (typeof e !== 'string' || !CATALOG.includes(e))
			throw new KirimInvalid('invalid_field_value', `Unknown event ${String(e)}.`, 'events');
	}
	return [...new Set(value as string[])];
}

export function webhookRoutes(router: Router, ctx: SimContext): void {
	const { store } = ctx;
	const url = (value: string) => {
		let parsed: URL;
		try {
			parsed = new URL(value);
		} catch {
			throw new KirimInvalid('invalid_webhook_url', 'url must be an absolute https URL.', 'url');
		}
		const allowed = parsed.protocol === 'https:' || (ctx.allowHttpWebhooks && parsed.protocol === 'http:');
		if (!allowed) throw new KirimInvalid('invalid_webhook_url', 'Webhook URLs must use https.', 'url');
		return value;
	};
	const find = (id: string) => {
		const s = store.subscriptions.get(id);
		if (!s) throw notFound('webhook subscription');
		return s;
	};
	const newSecret = (expiresInHours?: number): Secret => ({
		id: store.newId('sec'),
		secret: newSecretValue(),
		created_at: store.now(),
		expires_at: expiresInHours ? new Date(ctx.clock.now() + expiresInHours * 3_600_000).toISOString() : null,
	});

	router.add('POST', '/v1/webhook_subscriptions', (req) =>
		ctx.idempotency.run(req, async () => {
			const body = v.object(parseJsonBody(req));
			v.onlyKeys(body, ['url', 'events', 'description']);
			const now = store.now();
			const secret = newSecret();
			const subscription: Subscription = {
				id: store.newId('wbs'),
				object: 'webhook_subscription',
				url: url(v.requiredString(body, 'url')),
				status: 'active',
				events: events(body.events),
				description: v.optionalString(body, 'description', 500) ?? null,
				secrets: [secret],
				created_at: now,
				updated_at: now,
				consecutive_failures: 0,
			};
			store.subscriptions.set(subscription.id, subscription);
			return ok({ ...publicSubscription(subscription), initial_secret: secret.secret }, 201);
		}),
	);
	router.add('GET', '/v1/webhook_subscriptions', (req) => {
		const all = [...store.subscriptions.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
		const result = page(ctx.cursors, all, v.limit(req.query.get('limit')), req.query.get('cursor'), {});
		return list(result.data.map(publicSubscription), result.hasMore, result.nextCursor);
	});
	router.add('GET', '/v1/webhook_subscriptions/:id', (req) => ok(publicSubscription(find(req.params.id))));
	router.add('PATCH', '/v1/webhook_subscriptions/:id', (req) => {
		const s = find(req.params.id);
		const body = v.object(parseJsonBody(req));
		v.onlyKeys(body, ['url', 'events', 'description', 'status']);
		if (body.url !== undefined) s.url = url(v.requiredString(body, 'url'));
		if (body.events !== undefined) s.events = events(body.events);
		if (body.description !== undefined) s.description = v.optionalString(body, 'description', 500) ?? null;
		if (body.status !== undefined) {
			if (!['active', 'paused', 'disabled'].includes(String(body.status))) {
				throw new KirimInvalid('invalid_field_value', 'status must be active, paused or disabled.', 'status');
			}
			s.status = body.status as Subscription['status'];
			if (s.status === 'active') s.consecutive_failures = 0;
		}
		s.updated_at = store.now();
		return ok(publicSubscription(s));
	});
	router.add('DELETE', '/v1/webhook_subscriptions/:id', (req) => {
		const s = find(req.params.id);
		store.subscriptions.delete(s.id);
		return ok({ id: s.id, object: 'webhook_subscription', deleted: true });
	});
	router.add('POST', '/v1/webhook_subscriptions/:id/secrets', (req) =>
		ctx.idempotency.run(req, async () => {
			const s = find(req.params.id);
			const body = req.rawBody.length ? v.object(parseJsonBody(req)) : {};
			v.onlyKeys(body, ['expires_in_hours']);
			const hours = body.expires_in_hours;
			if (hours !== undefined && (!Number.isInteger(hours) || (hours as number) < 1)) {
				throw new KirimInvalid(
					'invalid_field_value',
					'expires_in_hours must be a whole number ≥ 1.',
					'expires_in_hours',
				);
			}
			// The response shape is not documented; the new plaintext is returned once, like initial_secret.
			const secret = newSecret(hours as number | undefined);
			s.secrets.push(secret);
			return ok(
				{
					id: secret.id,
					object: 'webhook_secret',
					secret: secret.secret,
					created_at: secret.created_at,
					expires_at: secret.expires_at,
				},
				201,
			);
		}),
	);
	router.add('DELETE', '/v1/webhook_subscriptions/:id/secrets/:secret_id', (req) => {
		const s = find(req.params.id);
		const before = s.secrets.length;
		s.secrets = s.secrets.filter((secret) => secret.id !== req.params.secret_id);
		if (s.secrets.length === before) throw notFound('secret');
		return ok({ id: req.params.secret_id, object: 'webhook_secret', deleted: true });
	});

	// No operation page documents the list's filters; subscription_id and status are inferred.
	router.add('GET', '/v1/webhook_deliveries', (req) => {
		let all = [...store.deliveries.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
		const filters: Record<string, string> = {};
		for (const key of ['subscription_id', 'status', 'event_type'] as const) {
			const value = req.query.get(key);
			if (value !== null) {
				filters[key] = value;
				all = all.filter((d) => d[key] === value);
			}
		}
		const result = page(ctx.cursors, all, v.limit(req.query.get('limit')), req.query.get('cursor'), filters);
		return list(result.data.map(publicDelivery), result.hasMore, result.nextCursor);
	});
	router.add('GET', '/v1/webhook_deliveries/:id', (req) => {
		const d = store.deliveries.get(req.params.id);
		if (!d) throw notFound('webhook delivery');
		return ok(publicDelivery(d));
	});
	router.add('POST', '/v1/webhook_deliveries/:id/replay', (req) =>
		ctx.idempotency.run(req, async () => {
			const d = store.deliveries.get(req.params.id);
			if (!d || !store.subscriptions.has(d.subscription_id)) throw notFound('webhook delivery');
			const replayed = ctx.sender.replay(d);
			return ok({ id: replayed.id, object: 'webhook_delivery', replayed_from: d.id, status: 'pending' });
		}),
	);
	router.add('POST', '/v1/webhook_deliveries/bulk_replay', (req) =>
		ctx.idempotency.run(req, async () => {
			const body = v.object(parseJsonBody(req));
			v.onlyKeys(body, ['subscription_id', 'status', 'event_type', 'created_after', 'created_before']);
			const subscription = find(v.id(body.subscription_id, 'wbs', 'subscription_id'));
			const status = body.status ?? 'dead';
			if (status !== 'dead' && status !== 'failed')
				throw new KirimInvalid('invalid_field_value', 'status must be failed or dead.', 'status');
			const time = (key: 'created_after' | 'created_before') => {
				const value = v.optionalString(body, key);
				if (value && Number.isNaN(Date.parse(value)))
					throw new KirimInvalid('invalid_field_value', `${key} must be ISO 8601.`, key);
				return value ? Date.parse(value) : undefined;
			};
			const after = time('created_after');
			const before = time('created_before');
			const eventType = v.optionalString(body, 'event_type', 64);
			const matching = [...store.deliveries.values()]
				.filter((d) => d.subscription_id === subscription.id && d.status === status)
				.filter((d) => (eventType ? d.event_type === eventType : true))
				.filter(
					(d) =>
						(after === undefined || Date.parse(d.created_at) > after) &&
						(before === undefined || Date.parse(d.created_at) < before),
				)
				.sort((a, b) => (a.id < b.id ? -1 : 1));
			const batch = matching.slice(0, BULK_REPLAY_CAP);
			for (const d of batch) ctx.sender.replay(d);
			return ok({ enqueued: batch.length, capped: matching.length > BULK_REPLAY_CAP });
		}),
	);
}
