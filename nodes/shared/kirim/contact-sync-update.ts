import type { IDataObject } from 'n8n-workflow';

import { stampedMetadata, SYNC_STAMP_KEY } from '../sync/echo';
import { historyFor, type SyncHistory } from '../sync/history';
import { planWrite, sameValue, type FieldChange, type MappedField } from '../sync/plan';
import type { KirimClient } from './client';

/** merge: given keys over Kirim's · replace: the given bag · patch: like merge, and a key given as null is removed. */
export type MetadataMode = 'merge' | 'replace' | 'patch';

function nextMetadata(current: IDataObject, given: IDataObject | null, mode: MetadataMode): IDataObject {
	if (mode === 'replace') return given ?? {};
	const merged = { ...current, ...(given ?? {}) };
	if (mode === 'patch') for (const [key, value] of Object.entries(given ?? {})) if (value === null) delete merged[key];
	return merged;
}

export interface KirimSyncUpdate {
	/** The contact as Kirim holds it after the call (unchanged when nothing was sent). */
	contact: IDataObject;
	history: SyncHistory;
}

/** The metadata keys the write changes, as history entries (`metadata.<key>`, or the whole bag when replaced). */
function metadataChanges(
	current: IDataObject,
	next: IDataObject,
	mode: MetadataMode,
	given: IDataObject | null,
): FieldChange[] {
	const withoutStamp = (bag: IDataObject) =>
		Object.fromEntries(Object.entries(bag).filter(([key]) => key !== SYNC_STAMP_KEY));
	if (mode === 'replace') {
		return sameValue(withoutStamp(current), withoutStamp(next))
			? []
			: [{ field: 'metadata', from: withoutStamp(current), to: withoutStamp(next) }];
	}
	return Object.keys(given ?? {})
		.filter((key) => !sameValue(current[key], next[key]))
		.map((key) => ({ field: `metadata.${key}`, from: current[key] ?? null, to: next[key] ?? null }));
}

/**
 * A CRM → Kirim contact write under the sync rules, shared by the Kirim node's Update with Apply Sync
 * Rules and the HubSpot Sync node's Reconcile: read the contact, plan against Kirim's values, and send only what
 * changes — nothing at all when nothing does. Metadata is stamped with a hash of the CRM-owned values the
 * contact will hold, which is how the Kirim Trigger recognises the `contact.updated` this write causes as its
 * own echo (shared/sync/echo.ts). Kirim documents no metadata merge, so `merge` sends the merged object.
 */
export async function syncKirimContactUpdate(
	client: KirimClient,
	path: string,
	fields: IDataObject,
	mode: MetadataMode,
	itemIndex?: number,
): Promise<KirimSyncUpdate> {
	const current = await client.data<IDataObject>({ method: 'GET', path }, itemIndex);
	const mapped: MappedField[] = Object.entries(fields).map(([target, value]) => ({
		target,
		value,
		clear: value === null,
	}));
	const plan = planWrite({
		direction: 'from_crm',
		fields: mapped.filter((f) => f.target !== 'metadata'),
		isCreate: false,
		existing: current,
		clearValue: null,
	});
	const currentMetadata = (current.metadata as IDataObject | null) ?? {};
	const givenMetadata = fields.metadata as IDataObject | null | undefined;
	const metadata = givenMetadata === undefined ? currentMetadata : nextMetadata(currentMetadata, givenMetadata, mode);
	const after = { ...current, ...plan.properties, metadata };
	const at = new Date().toISOString();
	const metadataChanged =
		JSON.stringify(stampedMetadata(after, '')) !==
		JSON.stringify(stampedMetadata({ ...current, metadata: currentMetadata }, ''));
	if (!Object.keys(plan.properties).length && !metadataChanged) {
		return { contact: current, history: historyFor(plan, 'skip', 'from_crm', 'success', at) };
	}
	const body: IDataObject = { ...plan.properties, metadata: stampedMetadata(after, at) };
	const updated = await client.data<IDataObject>({ method: 'PATCH', path, body }, itemIndex);
	const history = historyFor(plan, 'update', 'from_crm', 'success', at);
	history.changes.push(
		...(givenMetadata === undefined ? [] : metadataChanges(currentMetadata, metadata, mode, givenMetadata)),
	);
	return { contact: updated, history };
}
