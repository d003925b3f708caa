import { parseDateMs } from './dates';

/**
 * How one WhatsApp message becomes a HubSpot communication on a contact's timeline
 * (https://developers.hubspot.com/docs/api/crm/communications): channel `WHATS_APP`, `logged_from` `CRM` (HubSpot
 * requires that value), the message in the body and its send time in `hs_timestamp`. HubSpot documents no
 * direction field, so the direction is the body's first words.
 */
export type MessageDirection = 'inbound' | 'outbound';

export interface TimelineMessage {
	/** The WhatsApp message id (Meta's wamid) or Kirim's message id: what makes a second log of it an update. */
	messageId: string;
	direction: MessageDirection;
	/** Meta's message type: text, image, document, audio, video, sticker, location, … */
	type: string;
	/** The text, or a media message's caption; empty when there is none. */
	text: string;
	/** When the message was sent, in epoch milliseconds. */
	sentAtMs: number;
}

export const WHATSAPP_CHANNEL = 'WHATS_APP';

/** Longest body line written; HubSpot documents no limit, WhatsApp text stops at 4096 characters. */
const MAX_BODY = 4096 + 64;

const ARTICLE: Record<string, string> = { image: 'an image', audio: 'an audio message', video: 'a video' };

/** "Received on WhatsApp: hi", "Sent on WhatsApp: a document — invoice.pdf": readable in HubSpot's timeline. */
export function timelineBody(message: TimelineMessage): string {
	const verb = message.direction === 'inbound' ? 'Received' : 'Sent';
	const text = message.text.trim();
	if (message.type === 'text' || !message.type)
		return `${verb} on WhatsApp: ${text || '(empty message)'}`.slice(0, MAX_BODY);
	const what = ARTICLE[message.type] ?? `a ${message.type}`;
	return `${verb} on WhatsApp: ${what}${text ? ` — ${text}` : ''}`.slice(0, MAX_BODY);
}

/** The reason a message cannot be logged, or undefined. */
export function timelineProblem(input: { messageId: string; sentAt: unknown }): string | undefined {
	if (!input.messageId) return 'no message ID: map Message ID to the WhatsApp message ID (wamid) or Kirim message ID';
	if (parseDateMs(input.sentAt) === undefined)
		return `"${String(input.sentAt ?? '').slice(0, 40)}" is not a time (ISO 8601 or epoch seconds/milliseconds)`;
	return undefined;
}

/** The communication's properties; `idProperty` holds the message id, so HubSpot upserts by it. */
export function communicationProperties(message: TimelineMessage, idProperty: string): Record<string, string> {
	return {
		[idProperty]: message.messageId,
		hs_communication_channel_type: WHATSAPP_CHANNEL,
		hs_communication_logged_from: 'CRM',
		hs_communication_body: timelineBody(message),
		hs_timestamp: new Date(message.sentAtMs).toISOString(),
	};
}
