import type { IDataObject } from 'n8n-workflow';

import { JOURNAL_BATCH_COUNT, JOURNAL_RETENTION_MS, type JournalClient } from '../shared/hubspot/journal';
import { itemsOfEntry, type ItemRules } from './items';

/** What the trigger keeps in the workflow's static data: the offset of the last entry it has handed to n8n. */
export interface JournalState extends IDataObject {
	offset?: string;
	/** Set once the starting point is chosen, so a restart never takes "now" again. */
	started?: boolean;
}

export interface PollParts {
	client: Pick<JournalClient, 'next' | 'file' | 'latestOffset'>;
	state: JournalState;
	rules: ItemRules;
	/**
	 * Hands one entry's items to n8n under a deduplication key and resolves once n8n has the run (or already had
	 * one under that key); rejects when n8n could not take it.
	 */
	run(items: IDataObject[], key: string): Promise<void>;
	keyOf(offset: string): string;
	/** Records that the journal lost entries the trigger never read (an error execution). */
	reportGap(message: string): void;
	/** Entries read per poll at most, so one poll cannot run for hours after a long outage. */
	maxEntries: number;
	isClosed(): boolean;
}

export interface PollResult {
	entries: number;
	runs: number;
	gap: boolean;
}

/** At activation: start from the newest entry ("now") or from the oldest one the journal still holds. */
export async function chooseStart(parts: Pick<PollParts, 'client' | 'state'>, from: 'now' | 'earliest'): Promise<void> {
	if (parts.state.started) return;
	parts.state.offset = from === 'now' ? await parts.client.latestOffset() : undefined;
	parts.state.started = true;
}

/**
 * Reads the journal from the stored offset, entry by entry in order, and moves the offset past an entry only once
 * n8n has its run. A restart re-reads from the stored offset; n8n refuses a second run under an entry's key, so an
 * entry that already ran does not run again and one that did not is not lost.
 */
export async function pollJournal(parts: PollParts): Promise<PollResult> {
	const result: PollResult = { entries: 0, runs: 0, gap: false };
	while (!parts.isClosed() && result.entries < parts.maxEntries) {
		const next = await parts.client.next(parts.state.offset, JOURNAL_BATCH_COUNT);
		if (next.kind === 'expired') {
			parts.reportGap(
				`The HubSpot journal no longer holds offset ${parts.state.offset}: it keeps entries for ${JOURNAL_RETENTION_MS / 86_400_000} days, and n8n read none for longer. Changes written to it before its oldest entry may not have reached this workflow; reading goes on from the oldest entry. Run a reconcile (HubSpot Sync → Contact → Reconcile) to catch up.`,
			);
			parts.state.offset = undefined;
			result.gap = true;
			continue;
		}
		for (const entry of next.entries) {
			if (parts.isClosed() || result.entries >= parts.maxEntries) return result;
			const file = await parts.client.file(entry);
			const { items } = itemsOfEntry(file.journalEvents, entry.currentOffset, parts.rules);
			if (items.length > 0) {
				await parts.run(items, parts.keyOf(entry.currentOffset));
				result.runs++;
			}
			parts.state.offset = entry.currentOffset;
			result.entries++;
		}
		if (next.entries.length < JOURNAL_BATCH_COUNT) break;
	}
	return result;
}
