import type { Router } from '../common/router';
import { controlBody as body } from '../common/control-body';
import { BadRequest } from '../common/pipeline';
import {
	contactCreated,
	contactUpdated,
	conversationAssigned,
	conversationClosed,
	messageReceived,
	messageStatus,
} from './events';
import type { SimContext } from './context';
import type { KirimRateLimits } from './rate-limit';
import { publicDelivery } from './routes/webhooks';
import { SEED_USERS, type Contact } from './store';

/**
 * Control routes under /_sim/ for tests in another process and for `npm start`: act as Kirim or as a person
 * using Kirim (each change fires the same signed webhook events the API would). Not part of Kirim's API.
 */
export function adminRoutes(router: Router, ctx: SimContext, limits: KirimRateLimits): void {
	const { store } = ctx;
	const account = (id: unknown) => {
		const found = id ? store.account(String(id)) : store.accounts[0];
		if (!found) throw new BadRequest(`unknown phone_number_id ${String(id)}`);
		return found;
	};
	const contactOf = (id: string): Contact => {
		const c = store.contacts.get(id);
		if (!c) throw new BadRequest(`unknown contact ${id}`);
		return c;
	};

	/**
	 * Seed `count` contacts quietly (no events; `ids: true` answers with every new id, for benchmarks in another
	 * process), or create one as an inbound WhatsApp user would (fires contact.created).
	 */
	router.add('POST', '/_sim/contacts', (req) => {
		const b = body(req, ['count', 'ids', 'phone_number_id', 'phone_number', 'name', 'email', 'team_id']);
		const phone = account(b.phone_number_id).phone_number_id;
		if (typeof b.count === 'number') {
			const created = [];
			for (let i = 0; i < b.count; i++) {
				const n = store.contacts.size + 1;
				created.push(
					store.addContact({ phone_number: `+6281${String(n).padStart(9, '0')}`, name: `Contact ${n}` }, phone),
				);
			}
			const ids = b.ids === true ? { ids: created.map((c) => c.id) } : {};
			return {
				status: 201,
				body: { created: created.length, first: created[0]?.id ?? null, last: created.at(-1)?.id ?? null, ...ids },
			};
		}
		const contact = store.addContact(
			{
				phone_number: String(b.phone_number ?? `+6289${String(store.contacts.size + 1).padStart(8, '0')}`),
				name: (b.name as string) ?? null,
				email: (b.email as string) ?? null,
			},
			phone,
			(b.team_id as string) ?? store.defaultTeam,
		);
		// The customer's first message opens a conversation; its id is answered for the demo's next steps.
		const conversation = store.addConversation(contact, phone);
		const deliveries = ctx.sender.emit(contactCreated(store, contact));
		return {
			status: 201,
			body: { contact, conversation_id: conversation.id, deliveries: deliveries.map((d) => d.id) },
		};
	});

	/** A person edits a contact in Kirim's inbox (fires contact.updated with changed_fields). */
	router.add('PATCH', '/_sim/contacts/:id', (req) => {
		const contact = contactOf(req.params.id);
		const b = body(req, ['name', 'email', 'metadata']);
		const changed = (['name', 'email', 'metadata'] as const).filter((k) => k in b);
		for (const key of changed) (contact as unknown as Record<string, unknown>)[key] = b[key];
		contact.updated_at = store.now();
		const deliveries = ctx.sender.emit(contactUpdated(store, contact, [...changed]));
		return { status: 200, body: { contact, deliveries: deliveries.map((d) => d.id) } };
	});

	/** A person assigns a conversation to one of the organization's users (the first agent when none is named). */
	router.add('POST', '/_sim/conversations/:id/assign', (req) => {
		const c = store.conversations.get(req.params.id);
		if (!c) throw new BadRequest('unknown conversation');
		const userId = String(body(req, ['user_id']).user_id ?? SEED_USERS[0].id);
		if (!store.users.has(userId))
			throw new BadRequest(
				`unknown user ${userId}; the organization's users are ${[...store.users.keys()].join(', ')}`,
			);
		const previous = c.assignee?.id ?? null;
		c.assignee = store.assigneeFor(userId);
		return {
			status: 200,
			body: { deliveries: ctx.sender.emit(conversationAssigned(store, c, previous)).map((d) => d.id) },
		};
	});

	router.add('POST', '/_sim/conversations/:id/close', (req) => {
		const c = store.conversations.get(req.params.id);
		if (!c) throw new BadRequest('unknown conversation');
		body(req, []);
		c.status = 'resolved';
		return {
			status: 200,
			body: {
				deliveries: ctx.sender.emit(conversationClosed(store, c, c.assignee?.id ?? SEED_USERS[0].id)).map((d) => d.id),
			},
		};
	});

	/**
	 * A customer writes to a connected number (Meta-shaped message.received). The message is also kept in the
	 * customer's conversation, so GET …/messages lists it: the contact and conversation are found by phone number or,
	 * for a first message, created as POST /_sim/contacts creates them, but quietly — this route has only ever sent
	 * message.received, and what else Kirim sends for a contact made by an inbound message is not documented.
	 */
	router.add('POST', '/_sim/messages/inbound', (req) => {
		const b = body(req, ['phone_number_id', 'from', 'name', 'text']);
		const phone = account(b.phone_number_id);
		const from = String(b.from ?? '+6281234567890');
		const name = String(b.name ?? 'Customer');
		const text = String(b.text ?? 'Hello');
		const event = messageReceived(phone, from, name, text, ctx.clock.now());
		const found = store.conversationWith(phone.phone_number_id, from);
		const contact = found.contact ?? store.addContact({ phone_number: from, name }, phone.phone_number_id);
		const conversation = found.conversation ?? store.addConversation(contact, phone.phone_number_id);
		conversation.last_message_at = store.now();
		conversation.last_inbound_at = conversation.last_message_at;
		store.addMessage({
			type: 'text',
			content: text,
			// No status: Kirim documents a status on its Message resource but not its values for inbound messages, and
			// the simulator does not invent one.
			direction: 'inbound',
			phone_number_id: phone.phone_number_id,
			conversation_id: conversation.id,
			contact_id: contact.id,
			wamid: event.eventId,
		});
		return { status: 201, body: { wamid: event.eventId, deliveries: ctx.sender.emit(event).map((d) => d.id) } };
	});

	router.add('POST', '/_sim/messages/status', (req) => {
		const b = body(req, ['phone_number_id', 'message_id', 'status', 'recipient']);
		const event = messageStatus(
			account(b.phone_number_id),
			String(b.message_id ?? 'wamid.SIM'),
			String(b.status ?? 'delivered'),
			String(b.recipient ?? '+6281234567890'),
			ctx.clock.now(),
		);
		return { status: 201, body: { deliveries: ctx.sender.emit(event).map((d) => d.id) } };
	});

	router.add('GET', '/_sim/deliveries', (req) => {
		const subscription = req.query.get('subscription_id');
		const all = [...store.deliveries.values()].filter((d) => !subscription || d.subscription_id === subscription);
		return { status: 200, body: { deliveries: all.map((d) => ({ ...publicDelivery(d), attempt_log: d.attempts })) } };
	});

	router.add('GET', '/_sim/subscriptions', () => ({
		status: 200,
		body: {
			subscriptions: [...store.subscriptions.values()].map((s) => ({
				id: s.id,
				url: s.url,
				status: s.status,
				events: s.events,
				consecutive_failures: s.consecutive_failures,
			})),
		},
	}));

	/** Test-only: the signing secrets of a subscription (Kirim never shows them after creation). */
	router.add('GET', '/_sim/subscriptions/:id/secrets', (req) => {
		const s = store.subscriptions.get(req.params.id);
		if (!s) throw new BadRequest('unknown subscription');
		return { status: 200, body: { secrets: store.activeSecrets(s).map((x) => x.secret) } };
	});

	/** The contact as Kirim's API shows it (the demo's way to see its metadata without an API key). */
	router.add('GET', '/_sim/contacts/:id', (req) => ({ status: 200, body: { contact: contactOf(req.params.id) } }));

	/**
	 * Test-only: the labels on a contact, as an agent sees them in Kirim's inbox (Kirim's contact object documents
	 * no labels field, https://developers.kirim.chat/api/operations/phone_number_idcontacts/get/, so the API does not
	 * show them).
	 */
	router.add('GET', '/_sim/contacts/:id/labels', (req) => {
		const labels = store.contactLabels.get(req.params.id);
		if (!labels) throw new BadRequest('unknown contact');
		return {
			status: 200,
			body: { labels: [...labels].map((id) => ({ id, name: store.labels.get(id)?.name ?? null })) },
		};
	});

	router.add('POST', '/_sim/rate-limits/drain', (req) => {
		const which = String(body(req, ['class']).class ?? 'write');
		(which === 'read' ? limits.read : limits.write).drain();
		return { status: 200, body: { drained: which } };
	});

	/** The next request with an Idempotency-Key stays "in flight" this long (to provoke 409 idempotency_in_progress). */
	router.add('POST', '/_sim/idempotency/hold', (req) => {
		ctx.idempotency.holdNextMs = Number(body(req, ['ms']).ms ?? 0);
		return { status: 200, body: { holdMs: ctx.idempotency.holdNextMs } };
	});

	router.add('POST', '/_sim/idle', async (req) => {
		body(req, []);
		await ctx.sender.idle();
		return { status: 200, body: { idle: true } };
	});
}
