import type { IDataObject, INode } from 'n8n-workflow';

import { clearState, loadState, writeState, type StateSchema } from '../shared/state/versioned-state';

/** The subscription this trigger made in Kirim (managed mode), kept in the node's static data. Never output, never logged. */
export interface ManagedSubscription {
	id: string;
	/** Kirim's `initial_secret`, returned only once at creation (kirim-api.md §7.1). */
	secret?: string;
	/** The URL it was made for: a copied workflow carries the record but has another URL (see checkExists). */
	url?: string;
	events?: string[];
}

/**
 * Format 1: `{ v: 1, id, secret, url, events }` under `subscription`.
 * Format 0 (before versions): `subscriptionId`, `secret`, `url` and `events` as flat keys of the node's static data.
 */
export const SUBSCRIPTION_STATE: StateSchema<ManagedSubscription> = {
	key: 'subscription',
	label: 'Kirim subscription',
	version: 1,
	legacy: {
		read: (data) =>
			typeof data.subscriptionId === 'string'
				? { subscriptionId: data.subscriptionId, secret: data.secret, url: data.url, events: data.events }
				: undefined,
		keys: ['subscriptionId', 'secret', 'url', 'events'],
	},
	upgrades: {
		0: ({ subscriptionId, secret, url, events }) => ({ id: subscriptionId, secret, url, events }),
	},
	decode: (record) => {
		if (typeof record.id !== 'string' || record.id === '') return undefined;
		const value: ManagedSubscription = { id: record.id };
		if (typeof record.secret === 'string') value.secret = record.secret;
		if (typeof record.url === 'string') value.url = record.url;
		if (Array.isArray(record.events) && record.events.every((e) => typeof e === 'string')) value.events = record.events as string[];
		return value;
	},
};

/** The managed subscription, upgraded to the current format if an older version wrote it; throws if a newer one did. */
export function loadSubscription(node: INode, staticData: IDataObject): ManagedSubscription | undefined {
	return loadState(node, staticData, SUBSCRIPTION_STATE);
}

export function saveSubscription(staticData: IDataObject, subscription: ManagedSubscription): void {
	writeState(staticData, SUBSCRIPTION_STATE, subscription);
}

export function clearSubscription(staticData: IDataObject): void {
	clearState(staticData, SUBSCRIPTION_STATE);
}
