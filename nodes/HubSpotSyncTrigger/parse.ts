import type { IDataObject } from 'n8n-workflow';

/**
 * One HubSpot webhook event (https://developers.hubspot.com/docs/api/webhooks); only objectId, subscriptionType and
 * occurredAt are required.
 */
export interface HubSpotEvent extends IDataObject {
	objectId: number | string;
	subscriptionType: string;
	occurredAt: number;
}

export type ParseEvents = { ok: true; events: HubSpotEvent[] } | { ok: false; reason: string };

/** Contacts are object type 0-1 in the generic `object.*` events of HubSpot's new developer platform. */
const CONTACT_OBJECT_TYPE = '0-1';

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

/** `object.propertyChange` + objectTypeId 0-1 → `contact.propertyChange`; other object types stay as they are. */
export function contactSubscriptionType(event: HubSpotEvent): string {
	if (event.subscriptionType.startsWith('object.') && String(event.objectTypeId ?? '') === CONTACT_OBJECT_TYPE) {
		return `contact.${event.subscriptionType.slice('object.'.length)}`;
	}
	return event.subscriptionType;
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

/** A change this sync made: written through the API/integration by the sync's own app (never the payload's appId,
 * which names the app receiving the webhook). */
export function isOwnWrite(event: HubSpotEvent, appId: string): boolean {
	if (!appId) return false;
	const source = String(event.changeSource ?? '').toUpperCase();
	if (source !== 'INTEGRATION' && source !== 'API') return false;
	const sourceId = String(event.sourceId ?? '');
	return sourceId === appId || sourceId.endsWith(`:${appId}`);
}

/** One item per contact for property changes of one delivery: `{objectId, changes:{prop: value}, occurredAt}`. */
export function combinePropertyChanges(events: HubSpotEvent[]): IDataObject[] {
	const out: IDataObject[] = [];
	const byObject = new Map<string, IDataObject>();
	for (const event of events) {
		const type = contactSubscriptionType(event);
		if (type !== 'contact.propertyChange' || typeof event.propertyName !== 'string') {
			out.push({ ...event, subscriptionType: type });
			continue;
		}
		const key = String(event.objectId);
		let combined = byObject.get(key);
		if (!combined) {
			combined = {
				objectId: event.objectId,
				subscriptionType: type,
				portalId: event.portalId,
				changes: {},
				occurredAt: event.occurredAt,
				events: [],
			};
			byObject.set(key, combined);
			out.push(combined);
		}
		// Events are sorted by occurredAt, so a later change to the same property wins.
		(combined.changes as IDataObject)[event.propertyName] = event.propertyValue ?? null;
		combined.occurredAt = Math.max(combined.occurredAt as number, event.occurredAt);
		(combined.events as IDataObject[]).push(event);
	}
	return out;
}
