import { randomBytes } from 'node:crypto';

import type { Account, Contact, Conversation, KirimStore, Label } from './store';

export interface OutgoingEvent {
	type: string;
	source: 'kirim' | 'meta';
	/**
	 * X-Kirim-Event-Id: evt_… for Kirim events, the wamid / status id for Meta ones
	 * (https://kirim-dev.pages.dev/webhooks/overview/).
	 */
	eventId: string;
	body: Record<string, unknown>;
}

/**
 * Kirim-sourced envelope `{id, type, created_at, livemode, data}` (https://kirim-dev.pages.dev/webhooks/events/, which
 * omits `livemode`; developers.kirim.chat shows it).
 */
export function kirimEvent(store: KirimStore, type: string, data: Record<string, unknown>): OutgoingEvent {
	const id = store.newId('evt');
	return { type, source: 'kirim', eventId: id, body: { id, type, created_at: store.now(), livemode: true, data } };
}

/** The contact as an event shows it: with its label objects only when the store sends the guide's form. */
function eventContact(store: KirimStore, contact: Contact): Contact | (Contact & { labels: Label[] }) {
	if (!store.labelsInContactEvents) return contact;
	const labels = [...(store.contactLabels.get(contact.id) ?? [])].flatMap((id) => store.labels.get(id) ?? []);
	return { ...contact, labels };
}

export const contactCreated = (store: KirimStore, contact: Contact) =>
	kirimEvent(store, 'contact.created', { contact: eventContact(store, contact), acquisition_source: 'organic' });

export const contactUpdated = (store: KirimStore, contact: Contact, changed: string[]) =>
	kirimEvent(store, 'contact.updated', { contact: eventContact(store, contact), changed_fields: changed });

export const conversationAssigned = (store: KirimStore, c: Conversation, previous: string | null) =>
	kirimEvent(store, 'conversation.assigned', {
		conversation: { id: c.id, object: 'conversation', status: c.status },
		assignee: { user_id: c.assignee?.id ?? null, team_id: store.defaultTeam, previous_user_id: previous },
	});

export const conversationClosed = (store: KirimStore, c: Conversation, by: string | null) =>
	kirimEvent(store, 'conversation.closed', {
		conversation: { id: c.id, object: 'conversation', status: 'resolved', closed_by_user_id: by },
	});

export function wamid(): string {
	return `wamid.${randomBytes(18).toString('base64')}`;
}

function metaEnvelope(account: Account, value: Record<string, unknown>): Record<string, unknown> {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '102290129340398',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: {
								display_phone_number: account.phone_number.replace(/^\+/, ''),
								phone_number_id: account.phone_number_id,
							},
							...value,
						},
					},
				],
			},
		],
	};
}

/**
 * Meta's inbound text message, forwarded as is
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages).
 */
export function messageReceived(account: Account, from: string, name: string, text: string, at: number): OutgoingEvent {
	const id = wamid();
	const waId = from.replace(/^\+/, '');
	const body = metaEnvelope(account, {
		contacts: [{ profile: { name }, wa_id: waId }],
		messages: [{ from: waId, id, timestamp: String(Math.floor(at / 1000)), type: 'text', text: { body: text } }],
	});
	return { type: 'message.received', source: 'meta', eventId: id, body };
}

/**
 * Meta's status callback; the header carries the status (message) id
 * (https://kirim-dev.pages.dev/webhooks/overview/).
 */
export function messageStatus(
	account: Account,
	messageId: string,
	status: string,
	recipient: string,
	at: number,
): OutgoingEvent {
	const entry: Record<string, unknown> = {
		id: messageId,
		status,
		timestamp: String(Math.floor(at / 1000)),
		recipient_id: recipient.replace(/^\+/, ''),
	};
	if (status === 'failed') entry.errors = [{ code: 131050, title: 'Unable to deliver the message.' }];
	return {
		type: 'message.status',
		source: 'meta',
		eventId: messageId,
		body: metaEnvelope(account, { statuses: [entry] }),
	};
}
