import type { IDataObject, INode } from 'n8n-workflow';

import { clearState, loadState, writeState, type StateSchema } from '../shared/state/versioned-state';

/** The subscription this trigger made in Kirim (managed mode), kept in the node's static data. Never output, never logged. */
export interface ManagedSubscription {
	id: string;
	/**
	 * Kirim's `initial_secret` (returned only once, at creation: https://kirim-dev.pages.dev/guides/webhooks/), sealed
	 * with a key derived from the Kirim credential's API key (sealed-secret.ts): static data is shown to anyone who
	 * can open the workflow, the credential is not.
	 */
	sealedSecret?: string;
	/**
	 * The secret in plain text, as format 1 and earlier kept it. The upgrade cannot seal it (an upgrade has no
	 * credential), so it is still accepted for verification until the next activation check seals it and drops it.
	 */
	plainSecret?: string;
	/** The URL it was made for: a copied workflow carries the record but has another URL (see checkExists). */
	url?: string;
	events?: string[];
}

/**
 * Format 2: `{ v: 2, id, sealedSecret | plainSecret, url, events }` under `subscription`.
 * Format 1: `{ v: 1, id, secret, url, events }` (the secret in plain text).
 * Format 0 (before versions): `subscriptionId`, `secret`, `url` and `events` as flat keys of the node's static data.
 */
export const SUBSCRIPTION_STATE: StateSchema<ManagedSubscription> = {
	key: 'subscription',
	label: 'Kirim subscription',
	version: 2,
	legacy: {
		read: (data) =>
			typeof data.subscriptionId === 'string'
				? { subscriptionId: data.subscriptionId, secret: data.secret, url: data.url, events: data.events }
				: undefined,
		keys: ['subscriptionId', 'secret', 'url', 'events'],
	},
	upgrades: {
		0: ({ subscriptionId, secret, url, events }) => ({ id: subscriptionId, secret, url, events }),
		1: ({ secret, ...rest }) => (typeof secret === 'string' && secret !== '' ? { ...rest, plainSecret: secret } : rest),
	},
	decode: (record) => {
		if (typeof record.id !== 'string' || record.id === '') return undefined;
		const value: ManagedSubscription = { id: record.id };
		if (typeof record.sealedSecret === 'string' && record.sealedSecret !== '') value.sealedSecret = record.sealedSecret;
		else if (typeof record.plainSecret === 'string' && record.plainSecret !== '')
			value.plainSecret = record.plainSecret;
		if (typeof record.url === 'string') value.url = record.url;
		if (Array.isArray(record.events) && record.events.every((e) => typeof e === 'string'))
			value.events = record.events as string[];
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
