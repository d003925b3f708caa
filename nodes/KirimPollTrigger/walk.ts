import { NodeApiError, NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import type { HealthTally } from '../shared/health/run-health';
import type { KirimClient } from '../shared/kirim/client';
import { kirimCodeOf } from '../shared/kirim/errors';
import type { PollParams } from './params';
import type { PollState } from './state';

/** One record for the output: the Kirim record plus what the poll found. */
export interface Emission {
	record: IDataObject;
	change: 'new' | 'changed';
	changes?: string[];
	previous?: IDataObject;
}

/** Everything one poll works with; `state` is a detached draft, written back only when the poll succeeds. */
export interface PollRun {
	ctx: IPollFunctions;
	client: KirimClient;
	path: string;
	params: PollParams;
	state: PollState;
	tally: HealthTally;
	emitted: Emission[];
	/** Epoch ms after which no further page is fetched this poll. */
	deadline: number;
	now: () => number;
}

export type WalkEnd = 'done' | 'paused' | 'invalid-cursor';

/**
 * Counts a listed record in the run's health and returns its id; a record without one is counted rejected and
 * gets `undefined` (the caller skips it: neither emitted nor tracked).
 */
export function countRecord(run: PollRun, record: IDataObject): string | undefined {
	run.tally.read();
	run.tally.sawSourceUpdatedAt(record.updated_at);
	const id = record.id;
	if (typeof id === 'string' && id) return id;
	run.tally.rejected();
	return undefined;
}

/** Kirim's largest page (https://developers.kirim.chat/concepts/pagination/). */
const MAX_PAGE = 100;

export function pageSizeOf(run: PollRun): number {
	return Math.min(MAX_PAGE, run.params.maxRecordsPerPoll);
}

/**
 * Reads one list from `cursor` on, page by page, on the Kirim client's shared cursor iterator, handing each page to
 * `onPage` (which records the next cursor in the draft). Stops at the list's end ('done'), or before a page that
 * could take the poll past Max Records per Poll or after the poll's time budget ('paused': the next poll resumes at
 * the stored cursor). A stored cursor Kirim refuses ('invalid_cursor') ends the walk with 'invalid-cursor'.
 */
export async function walkPages(
	run: PollRun,
	qs: IDataObject,
	cursor: string | null,
	onPage: (records: IDataObject[], nextCursor: string | null) => void,
): Promise<WalkEnd> {
	const pageSize = pageSizeOf(run);
	const pages = run.client.listPages<IDataObject>(run.path, qs, pageSize, undefined, cursor ?? undefined);
	let first = true;
	for (;;) {
		let next: IteratorResult<{ items: IDataObject[]; nextCursor?: string }>;
		try {
			next = await pages.next();
		} catch (error) {
			if (first && cursor !== null && kirimCodeOf(error) === 'invalid_cursor') return 'invalid-cursor';
			// The client's errors are already n8n errors; anything else (a cursor handed back twice) is wrapped.
			const known = error instanceof NodeApiError || error instanceof NodeOperationError;
			throw known ? (error as NodeApiError) : new NodeOperationError(run.ctx.getNode(), error as Error);
		}
		first = false;
		if (next.done) return 'done';
		const page = next.value;
		onPage(page.items, page.nextCursor ?? null);
		if (!page.nextCursor) return 'done';
		if (run.emitted.length + pageSize > run.params.maxRecordsPerPoll || run.now() >= run.deadline) {
			await pages.return(undefined);
			return 'paused';
		}
	}
}
