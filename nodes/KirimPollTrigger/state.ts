import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { newerStateError, readState, writeState, type StateSchema } from '../shared/state/versioned-state';

/**
 * Everything the Kirim Poll Trigger keeps between polls, as ONE record under one static-data key, with a format
 * version `v`. Read and written only here, through the shared versioned-state rules (README "Versioning and
 * upgrades"): older formats would be upgraded by `POLL_STATE_SCHEMA.upgrades` (none yet, 1 is the first), a record
 * from a newer package version is refused and left as it is.
 *
 * n8n keeps static data per workflow and node, and saves it only for active (non-manual) runs: when a poll emits
 * items and after an activation's first poll (n8n 2.41 legacy poller), or after every poll with durable cursors.
 */
export const STATE_KEY = 'kirimPoll';
export const STATE_VERSION = 1;

/** One walk of `created_after` pages (New Contacts). Times are epoch ms. */
export interface CreatedWalk {
	/**
	 * `created_after` sent with every page of this walk (null: none). Kirim's cursors are filter-bound
	 * (https://developers.kirim.chat/concepts/pagination/).
	 */
	after: string | null;
	/** Lower bound of the next walk, fixed when this walk starts. */
	nextAfter: string;
	/** Ids created after this are remembered, so the next walk's overlap is deduped. */
	keepAbove: number;
	/** Cursor of the next page; null: the first page. */
	cursor: string | null;
	startedAt: number;
	/** Newest created_at read in this walk. */
	max: number | null;
	/** "From Now" first walk: contacts created before it started are recorded, not emitted. */
	baseline: boolean;
}

export interface CreatedState {
	/** `created_after` of the next walk; null until a first walk completed. */
	after: string | null;
	/** Newest created_at over completed walks (Kirim's clock). */
	maxCreatedAt: number | null;
	/** id → created_at of contacts already emitted or recorded, above the current lower bound only. */
	seen: Record<string, number>;
	walk: CreatedWalk | null;
}

/** A full walk compared with what the previous walk saw (Changed Contacts, Conversations). */
export interface CompareWalk {
	/** Which list of the walk (one per conversation status filter). */
	part: number;
	cursor: string | null;
	startedAt: number;
	/** "From Now" first walk: records are recorded, not emitted. */
	baseline: boolean;
}

/** What a record looked like when last seen: its updated_at (contacts) or a small fingerprint string (conversations). */
export type Fingerprint = number | string;

export interface CompareState {
	/** Records of the previous walks not met yet in this walk. */
	known: Record<string, Fingerprint>;
	/** Records met in this walk. */
	met: Record<string, Fingerprint>;
	/** Ids missing from the last complete walk; dropped when missing again (a list shifting under the cursor is not a deletion). */
	gone: string[];
	walk: CompareWalk | null;
}

export interface PollState {
	v: typeof STATE_VERSION;
	/** Resource, event, statuses, first-run mode and Kirim account the state belongs to: another scope starts over. */
	scope: string;
	/** Completed walks. */
	walks: number;
	lastSuccessfulRunAt: string | null;
	created?: CreatedState;
	compare?: CompareState;
}

function fresh(scope: string): PollState {
	return { v: STATE_VERSION, scope, walks: 0, lastSuccessfulRunAt: null };
}

/** Format 1 is the first; `decode` returns a detached copy (a poll works on it, so a failed poll leaves the stored state alone). */
export const POLL_STATE_SCHEMA: StateSchema<PollState> = {
	key: STATE_KEY,
	label: 'Kirim Poll Trigger state',
	version: STATE_VERSION,
	upgrades: {},
	decode: (record) =>
		typeof record.scope === 'string' ? (JSON.parse(JSON.stringify(record)) as PollState) : undefined,
};

/**
 * The stored record, read without writing. Stricter than the shared `loadState`: an unreadable record is refused as
 * well, not taken for none — starting over would emit every contact again under "Everything".
 */
function storedCopy(node: INode, staticData: IDataObject): PollState | undefined {
	const read = readState(staticData, POLL_STATE_SCHEMA);
	switch (read.status) {
		case 'absent':
			return undefined;
		case 'current':
		case 'upgraded':
			return read.value;
		case 'newer':
			throw newerStateError(node, read.message);
		default:
			throw new NodeOperationError(node, read.message, {
				description: 'Start the trigger over by deleting and re-adding the node (a new node has no state).',
			});
	}
}

/**
 * The state for this scope, detached from static data: fresh when there is none, or when the stored one belongs to
 * another scope (the node's resource, event, first-run mode or Kirim account changed). Throws on an unknown format.
 */
export function readPollState(node: INode, staticData: IDataObject, scope: string): PollState {
	const stored = storedCopy(node, staticData);
	return stored && stored.scope === scope ? stored : fresh(scope);
}

/** Read-only look at the stored state ("Fetch test event" must not change static data). */
export function peekPollState(node: INode, staticData: IDataObject): PollState | undefined {
	return storedCopy(node, staticData);
}

/** Replaces the stored record (a new object, so n8n sees the change). */
export function writePollState(staticData: IDataObject, state: PollState): void {
	writeState(staticData, POLL_STATE_SCHEMA, state);
}
