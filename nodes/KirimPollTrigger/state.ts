import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

/**
 * Everything the Kirim Poll Trigger keeps between polls, as ONE record under one static-data key, with a format
 * version `v`. Read and written only here: `readPollState` is the single entry point (a shared schema-version /
 * migration module can wrap it without touching the operations).
 *
 * n8n keeps static data per workflow and node, and saves it only for active (non-manual) runs: when a poll emits
 * items and after an activation's first poll (n8n 2.41 legacy poller), or after every poll with durable cursors.
 */
export const STATE_KEY = 'kirimPoll';
export const STATE_VERSION = 1;

/** One walk of `created_after` pages (New Contacts). Times are epoch ms. */
export interface CreatedWalk {
	/** `created_after` sent with every page of this walk (null: none). Kirim's cursors are filter-bound (kirim-api.md §2). */
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

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stored record as a detached copy (a poll works on the copy, so a poll that fails leaves the stored state alone). */
function storedCopy(node: INode, staticData: IDataObject): PollState | undefined {
	const stored = staticData[STATE_KEY];
	if (stored === undefined || stored === null) return undefined;
	if (!isRecord(stored) || stored.v !== STATE_VERSION || typeof stored.scope !== 'string') {
		const found = isRecord(stored) ? JSON.stringify(stored.v) : typeof stored;
		throw new NodeOperationError(node, `The poll state in this node's static data has format ${found}; this version reads format ${STATE_VERSION}`, {
			description:
				'It was written by another version of n8n-nodes-kirim. Install the version that wrote it, or start the trigger over by deleting and re-adding the node (a new node has no state).',
		});
	}
	return JSON.parse(JSON.stringify(stored)) as PollState;
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
	staticData[STATE_KEY] = state as unknown as IDataObject;
}
