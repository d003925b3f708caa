import type { IDataObject } from 'n8n-workflow';

import type { HubSpotEvent } from '../shared/hubspot/events';

export type ParseEvents = { ok: true; events: HubSpotEvent[] } | { ok: false; reason: string };

/** The body is an array of up to 100 events; a single event object is accepted too. Sorted by occurredAt. */
export function parseEvents(body: unknown): ParseEvents {
	const list = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : undefined;
	if (!list || list.length === 0) return { ok: false, reason: 'the body is not a non-empty array of HubSpot events' };
	for (const [i, event] of list.entries()) {
		const e = event as IDataObject;
		if (!e || typeof e !== 'object' || Array.isArray(e)) return { ok: false, reason: `event ${i} is not an object` };
		if (typeof e.objectId !== 'number' && typeof e.objectId !== 'string')
			return { ok: false, reason: `event ${i} has no objectId` };
		if (typeof e.subscriptionType !== 'string') return { ok: false, reason: `event ${i} has no subscriptionType` };
		if (typeof e.occurredAt !== 'number') return { ok: false, reason: `event ${i} has no numeric occurredAt` };
	}
	const events = [...(list as HubSpotEvent[])].sort((a, b) => a.occurredAt - b.occurredAt);
	return { ok: true, events };
}

/**
 * eventId is documented as not unique (https://developers.hubspot.com/docs/api/webhooks), and a retry changes only
 * attemptNumber, so the key is the event's identity without it.
 */
export function dedupeKey(event: HubSpotEvent): string {
	return [
		event.portalId,
		event.subscriptionId,
		event.eventId,
		event.objectId,
		event.occurredAt,
		event.propertyName ?? '',
	]
		.map((part) => String(part ?? ''))
		.join('|');
}
