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

/** Contacts are object type 0-1 in the generic `object.*` events of HubSpot's new developer platform. */
export const CONTACT_OBJECT_TYPE = '0-1';

/** The classic name of the object types the sync handles (companies are 0-2). */
const CLASSIC_NAMES: Record<string, string> = { [CONTACT_OBJECT_TYPE]: 'contact', '0-2': 'company' };

/**
 * `object.propertyChange` + objectTypeId 0-1 → `contact.propertyChange` (0-2 → `company.…`); other object types stay
 * as they are.
 */
export function classicSubscriptionType(event: { subscriptionType: string; objectTypeId?: unknown }): string {
	const name = CLASSIC_NAMES[String(event.objectTypeId ?? '')];
	if (event.subscriptionType.startsWith('object.') && name) {
		return `${name}.${event.subscriptionType.slice('object.'.length)}`;
	}
	return event.subscriptionType;
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
		const type = classicSubscriptionType(event);
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
