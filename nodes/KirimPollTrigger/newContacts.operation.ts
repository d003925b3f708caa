import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { parseDateMs } from '../shared/sync/dates';
import type { CreatedState, CreatedWalk } from './state';
import { countRecord, walkPages, type PollRun } from './walk';

/**
 * New Contacts: walks of `GET …/contacts?created_after=L`, one walk at a time, resumable at its cursor.
 *
 * `created_after` is NOT on Kirim's contacts API page; it appears only in an example in Kirim's "Sync Your CRM"
 * guide, and no list order is documented. So nothing here relies on the filter or on an order:
 * - a record created at or before L is dropped by comparing its created_at (a server that ignores the filter
 *   costs a full walk per poll, but emits nothing twice);
 * - every emitted id created after the walk's lower bound is remembered, so the overlap is deduped;
 * - a contact created while walk k runs may sit behind the cursor, so the next lower bound is at most walk k's
 *   start (or the newest created_at of the walks before it, which is earlier on Kirim's clock), minus the overlap:
 *   L(k+1) = max(L(k), min(newest created_at before walk k, start of walk k) − overlap).
 */
export async function pollNewContacts(run: PollRun): Promise<void> {
	const state = (run.state.created ??= { after: null, maxCreatedAt: null, seen: {}, walk: null });
	let walk = (state.walk ??= startWalk(run, state));
	forgetAtOrBefore(state.seen, walk.keepAbove);
	const afterMs = walk.after === null ? undefined : parseDateMs(walk.after);
	const qs: IDataObject = walk.after === null ? {} : { created_after: walk.after };
	let filterIgnored = false;

	const onPage = (records: IDataObject[], nextCursor: string | null) => {
		for (const record of records) {
			const id = countRecord(run, record);
			if (id === undefined) continue;
			const created = parseDateMs(record.created_at) ?? walk.startedAt;
			if (walk.max === null || created > walk.max) walk.max = created;
			if (afterMs !== undefined && created <= afterMs) {
				filterIgnored = true;
				run.tally.skipped();
			} else if (state.seen[id] !== undefined) {
				run.tally.skipped();
			} else if (walk.baseline && created <= walk.startedAt) {
				// "From Now": it existed when the trigger started.
				if (created > walk.keepAbove) state.seen[id] = created;
				run.tally.skipped();
			} else {
				run.emitted.push({ record, change: 'new' });
				if (created > walk.keepAbove) state.seen[id] = created;
			}
		}
		walk.cursor = nextCursor;
	};

	let end = await walkPages(run, qs, walk.cursor, onPage);
	if (end === 'invalid-cursor') {
		if (walk.after === null) {
			throw new NodeOperationError(
				run.ctx.getNode(),
				'Kirim refused the stored backfill cursor (invalid_cursor), so the backfill cannot resume where it stopped',
				{
					description:
						'Kirim documents its cursors as opaque and never expiring; it may have changed their format. Re-add the node to start the backfill over (it emits every contact again), or switch First Run to From Now.',
				},
			);
		}
		// The lower bound stays, and every emitted id above it is remembered: reading the walk again emits nothing twice.
		run.ctx.logger.warn(
			'Kirim refused the stored contacts cursor (invalid_cursor); walking the new contacts again from the first page',
		);
		walk = state.walk = { ...walk, cursor: null };
		end = await walkPages(run, qs, null, onPage);
	}
	if (filterIgnored) {
		run.ctx.logger.debug(
			'Kirim returned contacts created before created_after: the filter is ignored, each poll reads every contact',
		);
	}
	if (end === 'done') finishWalk(run, state, walk);
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function startWalk(run: PollRun, state: CreatedState): CreatedWalk {
	const startedAt = run.now();
	const overlap = run.params.overlapMs;
	const bound = Math.min(state.maxCreatedAt ?? startedAt, startedAt) - overlap;
	const previous = state.after === null ? undefined : parseDateMs(state.after);
	const nextAfter = iso(previous === undefined ? bound : Math.max(previous, bound));
	const first = run.state.walks === 0 && state.after === null;
	if (first && run.params.firstRun === 'backfill') {
		return {
			after: null,
			nextAfter,
			keepAbove: parseDateMs(nextAfter)!,
			cursor: null,
			startedAt,
			max: null,
			baseline: false,
		};
	}
	const after = first ? iso(startedAt - overlap) : state.after!;
	return { after, nextAfter, keepAbove: parseDateMs(after)!, cursor: null, startedAt, max: null, baseline: first };
}

function finishWalk(run: PollRun, state: CreatedState, walk: CreatedWalk): void {
	if (walk.max !== null && (state.maxCreatedAt === null || walk.max > state.maxCreatedAt))
		state.maxCreatedAt = walk.max;
	state.after = walk.nextAfter;
	state.walk = null;
	forgetAtOrBefore(state.seen, parseDateMs(walk.nextAfter)!);
	run.state.walks += 1;
}

/** Drops remembered ids the next walk cannot meet (created at or before its lower bound). */
function forgetAtOrBefore(seen: Record<string, number>, bound: number): void {
	for (const id of Object.keys(seen)) if (seen[id] <= bound) delete seen[id];
}
