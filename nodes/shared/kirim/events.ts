/**
 * Kirim's event catalog (https://developers.kirim.chat/webhooks/events/ and
 * https://kirim-dev.pages.dev/webhooks/events/). Only canonical names are ever sent to Kirim;
 * names other docs use for the same event are accepted on receipt.
 */
export const KIRIM_EVENTS = [
	{ name: 'message.received', source: 'meta', description: 'A customer messaged a connected number' },
	{ name: 'message.status', source: 'meta', description: 'Meta reported sent, delivered, read or failed' },
	{ name: 'message.created', source: 'kirim', description: 'An outbound message was accepted and queued' },
	{ name: 'conversation.assigned', source: 'kirim', description: 'A conversation’s assignee changed' },
	{ name: 'conversation.closed', source: 'kirim', description: 'A conversation was resolved' },
	{ name: 'contact.created', source: 'kirim', description: 'A contact was created' },
	{ name: 'contact.updated', source: 'kirim', description: 'A contact’s name, email, metadata or labels changed' },
] as const;

export type KirimEventName = (typeof KIRIM_EVENTS)[number]['name'];

export const ALL_EVENTS = '*';

/** Kirim's receive-messages guide and TypeScript SDK call message.status `message.status_updated`. */
const ALIASES: Record<string, KirimEventName> = {
	'message.status_updated': 'message.status',
};

export function canonicalEventName(name: string | undefined): string | undefined {
	if (!name) return undefined;
	const trimmed = name.trim();
	return ALIASES[trimmed] ?? trimmed;
}

export function isCatalogEvent(name: string): name is KirimEventName {
	return KIRIM_EVENTS.some((e) => e.name === name);
}

/** The events to subscribe to: `*` means the whole catalog. */
export function subscriptionEvents(selected: string[]): KirimEventName[] {
	if (selected.includes(ALL_EVENTS)) return KIRIM_EVENTS.map((e) => e.name);
	return selected.map((s) => canonicalEventName(s)).filter((s): s is KirimEventName => !!s && isCatalogEvent(s));
}
