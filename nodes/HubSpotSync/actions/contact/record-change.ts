import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { batchRead } from '../../../shared/hubspot/batch';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import { classicSubscriptionType } from '../../../shared/hubspot/events';
import type { HubSpotObject } from '../../../shared/hubspot/types';
import type { KirimClient } from '../../../shared/kirim/client';
import { isKirimNotFound } from '../../../shared/kirim/errors';
import { syncKirimContactUpdate } from '../../../shared/kirim/contact-sync-update';
import {
	linkedHubSpotIds,
	linkTo,
	mergeIds,
	recordChangeKind,
	RECORD_CHANGE_TYPES,
	unlinkAsDeleted,
	unlinkAsMerged,
	withoutCrmData,
	type CrmLinkKeys,
	type RecordChangeKind,
} from '../../../shared/sync/crm-record-change';
import type { SyncHistory } from '../../../shared/sync/history';

export interface RecordChangeSettings {
	/** HubSpot contact property holding the Kirim contact id. */
	idProperty: string;
	keys: CrmLinkKeys;
	phoneNumberId?: string;
}

export interface RecordChangeEvent {
	kind: RecordChangeKind;
	subscriptionType: string;
	hubspotId: string;
	at: string;
	/** Merges only. */
	survivorId?: string;
	mergedIds?: string[];
}

export type KirimRole = 'deleted' | 'restored' | 'survivor' | 'merged_away' | 'privacy_deleted';

interface PlannedKirimWrite {
	kirimContactId: string;
	role: KirimRole;
	patch: IDataObject;
}

export interface KirimOutcome {
	kirimContactId: string;
	role: KirimRole;
	/** Kirim answered 404: the contact is gone there, nothing to change. */
	missingInKirim?: boolean;
	sync?: SyncHistory;
}

export interface RecordChangeResult extends IDataObject {
	subscriptionType: string;
	hubspotId: string;
	/** unlinked · relinked · merged · privacy_cleared · nothing_to_do */
	action: string;
	reason?: string;
	kirimContacts: KirimOutcome[];
}

/** One input item as an event, or why it is not one (it then fails alone). */
export type ParsedItem = { ok: true; event: RecordChangeEvent } | { ok: false; message: string };

export function parseRecordChange(json: IDataObject): ParsedItem {
	const type = typeof json.subscriptionType === 'string' ? json.subscriptionType : '';
	const subscriptionType = classicSubscriptionType({ subscriptionType: type, objectTypeId: json.objectTypeId });
	const kind = recordChangeKind(subscriptionType);
	if (!kind)
		return {
			ok: false,
			message: `The item is not a HubSpot contact deletion, restore, merge or privacy deletion event (subscriptionType: ${type || 'none'}); expected one of ${RECORD_CHANGE_TYPES.join(', ')}`,
		};
	if (typeof json.objectId !== 'number' && typeof json.objectId !== 'string')
		return { ok: false, message: `The ${subscriptionType} event has no objectId` };
	const at = typeof json.occurredAt === 'number' ? new Date(json.occurredAt).toISOString() : new Date().toISOString();
	const event: RecordChangeEvent = { kind, subscriptionType, hubspotId: String(json.objectId), at };
	if (kind === 'merge') Object.assign(event, mergeIds(json));
	return { ok: true, event };
}

/**
 * Applies HubSpot record changes to the Kirim contacts linked to them. The HubSpot side is read, never assumed from
 * the event: a deletion or restore event acts on the record as HubSpot holds it now (live → linked, in the recycle
 * bin → unlinked and marked), so redelivered or out-of-order events converge. A merged-away or privacy-deleted
 * record cannot be read any more, and Kirim cannot be searched by metadata, so those Kirim contacts are found by one
 * walk over Kirim's contacts per run, and only when the run has such an event.
 */
export class RecordChangeApplier {
	private live = new Map<string, HubSpotObject>();
	private archived = new Map<string, HubSpotObject>();
	/** HubSpot id → the Kirim contacts whose metadata points at it (filled by the walk). */
	private linkedInKirim = new Map<string, IDataObject[]>();

	constructor(
		private readonly node: INode,
		private readonly hubspot: HubSpotClient,
		private readonly kirim: KirimClient,
		private readonly settings: RecordChangeSettings,
	) {}

	/** The reads every event of the run needs, batched: live contacts, then the recycle bin, then the Kirim walk. */
	async prepare(events: RecordChangeEvent[]): Promise<void> {
		const readIds = new Set<string>();
		const walkIds = new Set<string>();
		for (const event of events) {
			if (event.kind === 'deletion' || event.kind === 'restore') readIds.add(event.hubspotId);
			if (event.kind === 'merge') {
				readIds.add(event.survivorId as string);
				for (const id of event.mergedIds ?? []) walkIds.add(id);
			}
			if (event.kind === 'privacyDeletion') walkIds.add(event.hubspotId);
		}
		const properties = [this.settings.idProperty];
		if (readIds.size) {
			const live = await batchRead(this.hubspot, 'contacts', [...readIds], properties);
			this.live = live.found;
			const gone = [...readIds].filter((id) => !this.live.has(id));
			if (gone.length) {
				const binned = await batchRead(this.hubspot, 'contacts', gone, properties, undefined, true);
				this.archived = binned.found;
			}
		}
		if (walkIds.size) await this.walkKirim(walkIds);
	}

	private async walkKirim(wanted: Set<string>): Promise<void> {
		const path = this.kirim.scopedPath('contacts', '', this.settings.phoneNumberId, 0);
		for await (const page of this.kirim.listPages<IDataObject>(path, {}, 100, 0)) {
			for (const contact of page.items) {
				const metadata = contact.metadata as IDataObject | null | undefined;
				for (const id of linkedHubSpotIds(metadata, this.settings.keys)) {
					if (!wanted.has(id)) continue;
					const list = this.linkedInKirim.get(id) ?? [];
					list.push(contact);
					this.linkedInKirim.set(id, list);
				}
			}
			if (!page.nextCursor) return;
		}
	}

	private kirimIdOf(contact: HubSpotObject | undefined): string | undefined {
		const value = contact?.properties?.[this.settings.idProperty];
		return typeof value === 'string' && value.trim() ? value.trim() : undefined;
	}

	/** What to write for one event, and the answer when there is nothing to write. */
	plan(event: RecordChangeEvent): { action: string; reason?: string; writes: PlannedKirimWrite[] } {
		const { keys } = this.settings;
		switch (event.kind) {
			case 'deletion':
			case 'restore':
				return this.planDeletionOrRestore(event, keys);
			case 'merge':
				return this.planMerge(event, keys);
			case 'privacyDeletion': {
				const linked = this.linkedInKirim.get(event.hubspotId) ?? [];
				if (!linked.length)
					return { action: 'nothing_to_do', reason: 'No Kirim contact holds this HubSpot ID', writes: [] };
				return {
					action: 'privacy_cleared',
					writes: linked.map((contact) => ({
						kirimContactId: String(contact.id),
						role: 'privacy_deleted' as const,
						patch: withoutCrmData(contact.metadata as IDataObject | null, keys),
					})),
				};
			}
		}
	}

	private planDeletionOrRestore(event: RecordChangeEvent, keys: CrmLinkKeys) {
		const id = event.hubspotId;
		const live = this.live.get(id);
		const binned = this.archived.get(id);
		const record = live ?? binned;
		if (!record)
			return {
				action: 'nothing_to_do',
				reason:
					'HubSpot no longer has this contact, not even in the recycle bin: it was merged into another or deleted for privacy, and that event carries the change',
				writes: [],
			};
		const kirimContactId = this.kirimIdOf(record);
		if (!kirimContactId)
			return { action: 'nothing_to_do', reason: 'The HubSpot contact is not linked to a Kirim contact', writes: [] };
		if (live)
			return {
				action: 'relinked',
				...(event.kind === 'deletion'
					? { reason: 'HubSpot has the contact again: it was restored after this deletion' }
					: {}),
				writes: [{ kirimContactId, role: 'restored' as const, patch: linkTo(id, keys) }],
			};
		const at = typeof binned?.archivedAt === 'string' ? binned.archivedAt : event.at;
		return {
			action: 'unlinked',
			...(event.kind === 'restore'
				? { reason: 'The contact is in HubSpot’s recycle bin again: deleted after this restore' }
				: {}),
			writes: [{ kirimContactId, role: 'deleted' as const, patch: unlinkAsDeleted(id, at, keys) }],
		};
	}

	private planMerge(event: RecordChangeEvent, keys: CrmLinkKeys) {
		const survivorId = event.survivorId as string;
		const survivorKirimId = this.kirimIdOf(this.live.get(survivorId));
		const writes: PlannedKirimWrite[] = [];
		if (survivorKirimId)
			writes.push({ kirimContactId: survivorKirimId, role: 'survivor', patch: linkTo(survivorId, keys) });
		const stale = new Map<string, IDataObject>();
		for (const id of event.mergedIds ?? [])
			for (const contact of this.linkedInKirim.get(id) ?? []) stale.set(String(contact.id), contact);
		stale.delete(survivorKirimId ?? '');
		for (const kirimContactId of stale.keys())
			writes.push({ kirimContactId, role: 'merged_away', patch: unlinkAsMerged(survivorId, keys) });
		if (!writes.length)
			return {
				action: 'nothing_to_do',
				reason: 'Neither the merged records nor the survivor are linked to Kirim',
				writes,
			};
		return {
			action: 'merged',
			...(this.live.has(survivorId) ? {} : { reason: 'The surviving record is no longer live in HubSpot' }),
			writes,
		};
	}

	/** Plans and writes one event. A Kirim 404 is an answer (the contact is gone there), any other failure throws. */
	async apply(event: RecordChangeEvent, itemIndex: number): Promise<RecordChangeResult> {
		const { action, reason, writes } = this.plan(event);
		const kirimContacts: KirimOutcome[] = [];
		for (const write of writes) {
			const path = this.kirim.scopedPath(
				'contacts',
				`/${encodeURIComponent(write.kirimContactId)}`,
				this.settings.phoneNumberId,
				itemIndex,
			);
			try {
				const { history } = await syncKirimContactUpdate(
					this.kirim,
					path,
					{ metadata: write.patch },
					'patch',
					itemIndex,
				);
				if (history.operation === 'update')
					history.operation = write.role === 'restored' || write.role === 'survivor' ? 'link' : 'unlink';
				kirimContacts.push({ kirimContactId: write.kirimContactId, role: write.role, sync: history });
			} catch (error) {
				if (!isKirimNotFound(error))
					throw new NodeOperationError(
						this.node,
						`Kirim contact ${write.kirimContactId} could not be updated for the ${event.subscriptionType} of HubSpot contact ${event.hubspotId}: ${(error as Error).message}`,
						{ itemIndex, description: 'Nothing was lost: the event can run again (each write is idempotent).' },
					);
				kirimContacts.push({ kirimContactId: write.kirimContactId, role: write.role, missingInKirim: true });
			}
		}
		return {
			subscriptionType: event.subscriptionType,
			hubspotId: event.hubspotId,
			...(event.kind === 'merge' ? { survivorId: event.survivorId, mergedIds: event.mergedIds } : {}),
			action,
			...(reason ? { reason } : {}),
			kirimContacts,
		};
	}
}
