import type { Router } from '../../common/router';
import { parseJsonBody } from '../../common/pipeline';
import { KirimInvalid, ok } from '../errors';
import { kirimEvent, wamid } from '../events';
import { scoped, type SimContext } from '../context';
import { languageCode } from '../templates';
import * as v from '../validate';

const DAY_MS = 24 * 3_600_000;

/**
 * Send text or template (https://developers.kirim.chat/api/operations/phone_number_idmessages/post/): Meta-like body,
 * E.164 `to`, 4096-character text, 24-hour window.
 */
export function messageRoutes(router: Router, ctx: SimContext): void {
	const { store } = ctx;
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
				const contact = store.contactsOf(account).find((c) => c.phone_number === to);
				const conversation = contact
					? [...store.conversations.values()].find((c) => c.contact.id === contact.id)
					: undefined;
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
			const message = {
				id: store.newId('msg'),
				object: 'message',
				wamid: wamid(),
				to,
				type: body.type,
				status: 'queued',
				created_at: store.now(),
			};
			store.messages.push({ ...message, body });
			ctx.sender.emit(kirimEvent(store, 'message.created', { message }));
			return ok(message, 201);
		}),
	);
}
