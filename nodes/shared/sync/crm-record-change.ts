import type { IDataObject } from 'n8n-workflow';

/**
 * What the sync does to a Kirim contact when its HubSpot contact is deleted, restored, merged or deleted for privacy.
 * The link lives on both sides: the HubSpot contact holds the Kirim id (a property), the Kirim contact holds the HubSpot
 * id in its metadata (the HubSpot → Kirim mapping writes it, `crm_id` by default). Every change here is a metadata
 * patch: a key given as null is removed.
 *
 * - deletion (HubSpot's recycle bin, restorable): the HubSpot id leaves the link key and is kept as the deleted id,
 *   with the time, so an agent sees the CRM record is gone and a restore or a privacy deletion still finds it;
 * - restore: the link comes back and the deletion marks go;
 * - merge: the surviving record's Kirim contact is linked to the survivor's id; a Kirim contact still linked to a
 *   merged-away id loses the link and says which record it was merged into;
 * - privacy deletion: every CRM-derived key (the prefix) is removed, marks included.
 */
export interface CrmLinkKeys {
	/** Metadata key holding the HubSpot record id. */
	idKey: string;
	/** Prefix of every CRM-derived metadata key (removed on a privacy deletion). */
	prefix: string;
}

export const DEFAULT_CRM_LINK_KEYS: CrmLinkKeys = { idKey: 'crm_id', prefix: 'crm_' };

export type RecordChangeKind = 'deletion' | 'restore' | 'merge' | 'privacyDeletion';

const KINDS: Record<string, RecordChangeKind> = {
	'contact.deletion': 'deletion',
	'contact.restore': 'restore',
	'contact.merge': 'merge',
	'contact.privacyDeletion': 'privacyDeletion',
};

export function recordChangeKind(subscriptionType: string): RecordChangeKind | undefined {
	return KINDS[subscriptionType];
}

export const RECORD_CHANGE_TYPES = Object.keys(KINDS);

const marks = (keys: CrmLinkKeys) => ({
	deletedId: `${keys.prefix}deleted_id`,
	deletedAt: `${keys.prefix}deleted_at`,
	mergedInto: `${keys.prefix}merged_into`,
});

export function unlinkAsDeleted(hubspotId: string, at: string, keys: CrmLinkKeys): IDataObject {
	const m = marks(keys);
	return { [keys.idKey]: null, [m.deletedId]: hubspotId, [m.deletedAt]: at };
}

export function linkTo(hubspotId: string, keys: CrmLinkKeys): IDataObject {
	const m = marks(keys);
	return { [keys.idKey]: hubspotId, [m.deletedId]: null, [m.deletedAt]: null, [m.mergedInto]: null };
}

export function unlinkAsMerged(survivorId: string, keys: CrmLinkKeys): IDataObject {
	return { [keys.idKey]: null, [marks(keys).mergedInto]: survivorId };
}

/** Every CRM-derived key of the metadata set to null (removed by the patch); the link key even without the prefix. */
export function withoutCrmData(metadata: IDataObject | null | undefined, keys: CrmLinkKeys): IDataObject {
	const names = Object.keys(metadata ?? {}).filter((key) => key.startsWith(keys.prefix) || key === keys.idKey);
	return Object.fromEntries(names.map((key) => [key, null]));
}

/** The HubSpot ids a Kirim contact's metadata points at: the live link and a deleted one. */
export function linkedHubSpotIds(metadata: IDataObject | null | undefined, keys: CrmLinkKeys): string[] {
	const values = [metadata?.[keys.idKey], metadata?.[marks(keys).deletedId]];
	return values.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

/**
 * A merge event's survivor and the ids merged into it (https://developers.hubspot.com/docs/api/webhooks: merge events
 * carry primaryObjectId, mergedObjectIds and newObjectId). newObjectId names the record that remains; the primary is
 * merged away too when it differs.
 */
export function mergeIds(event: IDataObject): { survivorId: string; mergedIds: string[] } {
	const survivorId = String(event.newObjectId ?? event.primaryObjectId ?? event.objectId);
	const listed = Array.isArray(event.mergedObjectIds) ? event.mergedObjectIds : [];
	const ids = [...listed, event.primaryObjectId, event.objectId]
		.filter((id) => typeof id === 'string' || typeof id === 'number')
		.map(String);
	return { survivorId, mergedIds: [...new Set(ids)].filter((id) => id !== survivorId) };
}
