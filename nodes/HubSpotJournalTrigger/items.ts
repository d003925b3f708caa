import type { IDataObject } from 'n8n-workflow';

import { combinePropertyChanges, CONTACT_OBJECT_TYPE, isOwnWrite, type HubSpotEvent } from '../shared/hubspot/events';

/** Journal actions and the webhook subscription types the HubSpot Sync Trigger emits for them. */
export const ACTION_TYPES: Record<string, string> = {
	CREATE: 'contact.creation',
	UPDATE: 'contact.propertyChange',
	DELETE: 'contact.deletion',
	MERGE: 'contact.merge',
	RESTORE: 'contact.restore',
};

export interface ItemRules {
	portalId: number;
	actions: string[];
	combine: boolean;
	skipOwnWrites: boolean;
	appId: string;
	/** The property the sync stamps on every contact it writes: a change that carries it is the sync's own. */
	stampProperty: string;
}

export interface EntryItems {
	items: IDataObject[];
	/** Events of another portal, object type or action, and the sync's own writes: read, not emitted. */
	dropped: { otherPortal: number; notSubscribed: number; ownWrites: number };
}

/**
 * A journal event's property changes as name → value. HubSpot's pages show no example of the list, so both an
 * array of {propertyName|name, newValue|propertyValue|value} and a plain object are read.
 */
export function propertyChangesOf(event: IDataObject): Record<string, unknown> {
	const raw = event.propertyChanges;
	const out: Record<string, unknown> = {};
	if (Array.isArray(raw)) {
		for (const change of raw as IDataObject[]) {
			const name = change?.propertyName ?? change?.name;
			if (typeof name !== 'string') continue;
			out[name] = change.newValue ?? change.propertyValue ?? change.value ?? null;
		}
	} else if (raw && typeof raw === 'object') {
		Object.assign(out, raw);
	}
	return out;
}

/** Whether a journal event is the sync's own write: by its source when HubSpot names one, else by the stamp. */
function isOwn(event: IDataObject, changes: Record<string, unknown>, rules: ItemRules): boolean {
	if (event.changeSource !== undefined && isOwnWrite(event as HubSpotEvent, rules.appId)) return true;
	return rules.stampProperty !== '' && rules.stampProperty in changes;
}

/**
 * One journal entry's events as the HubSpot Sync Trigger's items: a property change per property (combined per
 * contact when asked), creations, deletions, merges and restores as themselves, with the journal's offset.
 */
export function itemsOfEntry(events: IDataObject[], offset: string, rules: ItemRules): EntryItems {
	const dropped = { otherPortal: 0, notSubscribed: 0, ownWrites: 0 };
	const webhookEvents: HubSpotEvent[] = [];
	const sorted = [...events].sort((a, b) => Number(a.occurredAt ?? 0) - Number(b.occurredAt ?? 0));
	for (const event of sorted) {
		if (Number(event.portalId) !== rules.portalId) {
			dropped.otherPortal++;
			continue;
		}
		const action = String(event.action ?? '');
		if (String(event.objectTypeId ?? '') !== CONTACT_OBJECT_TYPE || !rules.actions.includes(action)) {
			dropped.notSubscribed++;
			continue;
		}
		const changes = propertyChangesOf(event);
		if (rules.skipOwnWrites && isOwn(event, changes, rules)) {
			dropped.ownWrites++;
			continue;
		}
		const base = {
			objectId: Number(event.objectId),
			portalId: rules.portalId,
			occurredAt: Number(event.occurredAt ?? 0),
			journalOffset: offset,
		};
		const type = ACTION_TYPES[action];
		if (action !== 'UPDATE') {
			webhookEvents.push({
				...base,
				subscriptionType: type,
				...(action === 'CREATE' ? { changes } : {}),
			} as HubSpotEvent);
			continue;
		}
		for (const [propertyName, propertyValue] of Object.entries(changes))
			webhookEvents.push({ ...base, subscriptionType: type, propertyName, propertyValue } as HubSpotEvent);
	}
	const items = rules.combine
		? combinePropertyChanges(webhookEvents).map((item) => ({ ...item, journalOffset: offset }))
		: webhookEvents;
	return { items, dropped };
}
