import type { IDataObject } from 'n8n-workflow';

import { sha256 } from '../signatures/compare';
import { canonicalJson } from '../transport/idempotency';

/**
 * Loop prevention on the Kirim side (the "circular update" Kirim's "Sync Your CRM" guide warns of): when the sync
 * writes CRM-owned values to a Kirim contact it stores a hash of them in the contact's metadata under this key.
 * A later `contact.updated` whose CRM-owned values still hash to the stamp, and whose changes touch only
 * CRM-owned fields, is the echo of our own write — not a person's edit.
 */
export const SYNC_STAMP_KEY = 'n8n_kirim_sync';

/** Contact fields the CRM owns, as Kirim's "Sync Your CRM" guide splits them: the rest (phone, labels, …) are Kirim's. */
const CRM_OWNED_FIELDS = new Set(['name', 'email', 'metadata']);

function crmOwnedValues(contact: IDataObject): IDataObject {
	const metadata = { ...((contact.metadata as IDataObject | null) ?? {}) };
	delete metadata[SYNC_STAMP_KEY];
	return { name: contact.name ?? null, email: contact.email ?? null, metadata };
}

export function syncStampHash(contact: IDataObject): string {
	return sha256([canonicalJson(crmOwnedValues(contact))], 'hex').slice(0, 32);
}

/** The metadata a writer sends: the CRM-owned metadata plus the stamp of everything it wrote. */
export function stampedMetadata(contact: IDataObject, at: string): IDataObject {
	const metadata = crmOwnedValues(contact).metadata as IDataObject;
	return { ...metadata, [SYNC_STAMP_KEY]: { h: syncStampHash(contact), at } };
}

export function isOwnSyncEcho(contact: IDataObject | undefined, changedFields: unknown): boolean {
	if (!contact) return false;
	const stamp = (contact.metadata as IDataObject | null)?.[SYNC_STAMP_KEY] as IDataObject | undefined;
	if (!stamp || typeof stamp.h !== 'string') return false;
	if (Array.isArray(changedFields) && changedFields.some((f) => !CRM_OWNED_FIELDS.has(String(f)))) return false;
	return stamp.h === syncStampHash(contact);
}
