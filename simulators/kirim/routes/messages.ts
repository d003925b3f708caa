import type { Router } from '../../common/router';
import { parseJsonBody } from '../../common/pipeline';
import { page } from '../cursor';
import { KirimInvalid, list, notFound, ok } from '../errors';
import { kirimEvent, wamid } from '../events';
import { scoped, type SimContext } from '../context';
import { messageView } from '../store';
import { languageCode } from '../templates';
import * as v from '../validate';

const DAY_MS = 24 * 3_600_000;

/**
 * Send text or template (https://developers.kirim.chat/api/operations/phone_number_idmessages/post/): Meta-like body,
 * E.164 `to`, 4096-character text, 24-hour window. List a conversation's messages and get one
 * (https://developers.kirim.chat/concepts/pagination/, https://developers.kirim.chat/sending/receive-messages/).
 */
export function messageRoutes(router: Router, ctx: SimContext): void {
	const { store } = ctx;

	/**
	 * `GET …/messages?conversation_id=cnv_…&direction=inbound|outbound`: Kirim's pagination contract (limit 1–100,
	 * default 25; a cursor bound to its filters). The pagination page names the list's filters "(status,
	 * conversation_id, direction, created_after, …)" without a reference page for their values, so conversation_id
	 * and direction (inbound or outbound, the words Kirim's guides use) are the filters here, anything else for
	 * direction is refused, and without conversation_id the list is every message of the scope (the number, or the
	 * organisation on org-level paths) rather than a refusal. The order is not documented either:
	 * oldest first, by id (ULIDs sort by creation time), which is also how the pagination page's example cursor
	 * (a message id and a time) reads.
	 */
	scoped(router, ctx, 'GET', '/messages', (req, phone) => {
		const filters: Record<string, string> = { scope: phone ?? '*' };
		let messages = store.messagesOf(phone);
		const conversationId = req.query.get('conversation_id');
		if (conversationId !== null) {
			filters.conversation_id = v.id(conversationId, 'cnv', 'conversation_id');
			messages = messages.filter((m) => m.conversation_id === conversationId);
		}
		const direction = req.query.get('direction');
		if (direction !== null) {
			if (direction !== 'inbound' && direction !== 'outbound')
				throw new KirimInvalid('invalid_field_value', 'direction must be inbound or outbound.', 'direction');
			filters.direction = direction;
			messages = messages.filter((m) => m.direction === direction);
		}
		const result = page(ctx.cursors, messages, v.limit(req.query.get('limit')), req.query.get('cursor'), filters, true);
		return list(result.data.map(messageView), result.hasMore, result.nextCursor);
	});

	/** `GET …/messages/{id}`; a message of another number (phone-scoped path) or no message is a 404. */
	scoped(router, ctx, 'GET', '/messages/:id', (req, phone) => {
		const message = store.message(req.params.id);
		if (!message || (phone && message.phone_number_id !== phone)) throw notFound('message');
		return ok(messageView(message));
	});

	scoped(router, ctx, 'POST', '/messages', (req, phone) =>
		ctx.idempotency.run(req, async () => {
			const body = v.object(parseJsonBody(req));
			if (body.messaging_product !== undefined && body.messaging_product !== 'whatsapp') {
				throw new KirimInvalid('invalid_field_value', 'messaging_product must be whatsapp.', 'messaging_product');
			}
			const to = v.phone(v.requiredString(body, 'to'), 'to');
			const account = phone ?? store.accounts[0]?.phone_number_id;
			if (!account)
				throw new KirimInvalid('whatsapp_number_not_verified', 'No connected WhatsApp number.', undefined, 422);
			if (body.type === 'text') {
				const text = (body.text as Record<string, unknown> | undefined)?.body;
				if (typeof text !== 'string' || !text)
					throw new KirimInvalid('missing_required_field', 'text.body is required.', 'text.body');
				if (text.length > 4096)
					throw new KirimInvalid('invalid_field_value', 'text.body is longer than 4096 characters.', 'text.body');
				// Free text only within 24 h of the customer's last message; the status code is not documented (422 here).
				const { conversation } = store.conversationWith(account, to);
				const lastInbound = conversation?.last_inbound_at ? Date.parse(conversation.last_inbound_at) : undefined;
				if (lastInbound === undefined || ctx.clock.now() - lastInbound > DAY_MS) {
					throw new KirimInvalid(
						'outside_24h_window',
						'The 24-hour customer service window is closed. Send a template.',
						'type',
						422,
					);
				}
			} else if (body.type === 'template') {
				const template = body.template as Record<string, unknown> | undefined;
				if (!template || typeof template.name !== 'string' || !template.name) {
					throw new KirimInvalid('missing_required_field', 'template.name is required.', 'template.name');
				}
				// invalid_template_name is a documented code (https://developers.kirim.chat/concepts/errors/); that it
				// answers a name the number has no approved template for, in that language, is inferred (Meta refuses such
				// sends).
				const language = languageCode(template.language);
				const known = store.templatesOf(account).filter((t) => t.name === template.name);
				if (!known.some((t) => t.status === 'approved' && (language === undefined || t.language === language))) {
					const found = known.map((t) => `${t.language} (${t.status})`).join(', ');
					throw new KirimInvalid(
						'invalid_template_name',
						found
							? `Template ${template.name} is not approved in ${language ?? 'that language'}; it exists in ${found}.`
							: `No template named ${template.name}.`,
						'template.name',
					);
				}
			} else {
				throw new KirimInvalid('invalid_field_value', 'type must be text or template.', 'type');
			}
			// Stored in the contact's conversation, so GET …/messages?conversation_id= lists it; a send to a number with no
			// contact belongs to none (creating a contact on send is not documented).
			const { contact, conversation } = store.conversationWith(account, to);
			const stored = store.addMessage({
				type: body.type,
				status: 'queued',
				...(body.type === 'text' ? { content: (body.text as { body: string }).body } : {}),
				direction: 'outbound',
				phone_number_id: account,
				conversation_id: conversation?.id ?? null,
				contact_id: contact?.id ?? null,
				wamid: wamid(),
				to,
				body,
			});
			// This answer (and the message.created event) is as it was before messages could be listed; the list and get
			// answers show messageView instead.
			const message = {
				id: stored.id,
				object: 'message',
				wamid: stored.wamid,
				to,
				type: body.type,
				status: 'queued',
				created_at: stored.created_at,
			};
			ctx.sender.emit(kirimEvent(store, 'message.created', { message }));
			return ok(message, 201);
		}),
	);
}
