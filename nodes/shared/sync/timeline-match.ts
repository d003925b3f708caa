import { timelineBody, WHATSAPP_CHANNEL, type TimelineMessage } from './timeline-entry';

/** A WhatsApp communication already on the contact's timeline, as the backfill reads it. */
export interface LoggedEntry {
	communicationId: string;
	/** The message id it was logged under: Meta's wamid (live path) or Kirim's msg_ id (a backfill). */
	messageId: string | null;
	channel: string | null;
	body: string | null;
	timestampMs: number | undefined;
}

export type HistoryMatch =
	{ kind: 'same_id'; entry: LoggedEntry } | { kind: 'same_message'; entry: LoggedEntry } | { kind: 'new' };

/**
 * Which of a conversation's messages are on the timeline already. Kirim's message objects carry their own msg_ id
 * but not the WhatsApp message id the live path logs under, so a message matches an entry when the entry holds its
 * msg_ id (an earlier backfill), or else when a WhatsApp entry not matched yet has the body this message would get
 * and a time within `windowMs` (the live path's time is WhatsApp's send time, Kirim's created_at may be later).
 * Each entry matches one message at most, nearest time first, so two equal texts sent close together stay two.
 */
export function matchHistory(
	messages: TimelineMessage[],
	entries: LoggedEntry[],
	windowMs: number,
): Map<string, HistoryMatch> {
	const out = new Map<string, HistoryMatch>();
	const byId = new Map(entries.filter((e) => e.messageId).map((e) => [e.messageId as string, e]));
	// Entries a backfill logged under another msg_ id are that message's; only the live path's are left to match.
	const free = new Set(
		entries.filter((e) => e.channel === WHATSAPP_CHANNEL && !String(e.messageId ?? '').startsWith('msg_')),
	);
	for (const message of messages) {
		const entry = byId.get(message.messageId);
		if (entry) {
			out.set(message.messageId, { kind: 'same_id', entry });
			free.delete(entry);
		}
	}
	const rest = messages.filter((m) => !out.has(m.messageId));
	for (const message of rest) {
		const body = timelineBody(message);
		let best: LoggedEntry | undefined;
		for (const entry of free) {
			if (entry.body !== body || entry.timestampMs === undefined) continue;
			const distance = Math.abs(entry.timestampMs - message.sentAtMs);
			if (distance > windowMs) continue;
			if (!best || distance < Math.abs((best.timestampMs as number) - message.sentAtMs)) best = entry;
		}
		if (best) {
			free.delete(best);
			out.set(message.messageId, { kind: 'same_message', entry: best });
		} else out.set(message.messageId, { kind: 'new' });
	}
	return out;
}
