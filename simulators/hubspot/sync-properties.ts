import type { HubSpotStore } from './store';

/**
 * What the sync's Ensure Properties creates on contacts, put straight into a simulator's store (an account an
 * admin has already set up): `kirim_contact_id` with unique values, the key every upsert uses, and the
 * `kirim_last_synced_at` stamp.
 */
export function addSyncProperties(store: HubSpotStore): void {
	for (const [name, type, unique] of [
		['kirim_contact_id', 'string', true],
		['kirim_last_synced_at', 'datetime', false],
	] as const) {
		store.properties.contacts.set(name, {
			name,
			label: name,
			type,
			fieldType: type === 'string' ? 'text' : 'date',
			groupName: 'contactinformation',
			hasUniqueValue: unique,
			options: [],
			readOnlyValue: false,
			calculated: false,
		});
	}
}
