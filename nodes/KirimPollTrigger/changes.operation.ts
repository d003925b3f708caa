import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { CompareState, CompareWalk } from './state';
import type { Tracker } from './trackers';
import { countRecord, pageSizeOf, walkPages, type PollRun } from './walk';

/**
 * Changed Contacts and Conversations: Kirim documents no updated-since filter for either list, so each walk
 * reads the whole list and compares every record with what the previous walk saw (a per-id map in static data,
 * at most Max Tracked Records entries). A walk may span polls; it resumes at its stored cursor.
 *
 * Records met in this walk move from `known` to `met`; what is left in `known` when the walk ends was not met.
 * Lists shift under a cursor (conversations move to the front on every message), so a record missing once is kept
 * and compared again next walk; missing twice, it is dropped (deleted, or moved to an unwatched status).
 */
export async function pollChanges(run: PollRun, tracker: Tracker): Promise<void> {
	const state = (run.state.compare ??= { known: {}, met: {}, gone: [], walk: null });
	const walk = (state.walk ??= startWalk(run));
	let tracked = Object.keys(state.known).length + Object.keys(state.met).length;

	const onPage = (records: IDataObject[], nextCursor: string | null) => {
		for (const record of records) {
			const id = countRecord(run, record);
			if (id === undefined) continue;
			const current = tracker.fingerprint(record);
			const previous = state.met[id] ?? state.known[id];
			if (previous === undefined) {
				if (tracked >= run.params.maxTracked) throw tooMany(run);
				tracked += 1;
				state.met[id] = current;
				if (walk.baseline) run.tally.skipped();
				else run.emitted.push({ record, change: 'new' });
				continue;
			}
			const comparison = tracker.compare(previous, current);
			delete state.known[id];
			state.met[id] = comparison.keep ? current : previous;
			if (comparison.changed) {
				run.emitted.push({ record, change: 'changed', changes: comparison.changes, previous: comparison.previous });
			} else run.tally.skipped();
		}
		walk.cursor = nextCursor;
	};

	while (walk.part < tracker.parts.length) {
		const qs = tracker.parts[walk.part];
		let end = await walkPages(run, qs, walk.cursor, onPage);
		if (end === 'invalid-cursor') {
			// Reading a list again is harmless here: records already met compare equal.
			run.ctx.logger.warn(
				'Kirim refused the stored cursor (invalid_cursor); reading this list again from the first page',
			);
			walk.cursor = null;
			end = await walkPages(run, qs, null, onPage);
		}
		if (end !== 'done') return;
		walk.part += 1;
		walk.cursor = null;
		if (
			walk.part < tracker.parts.length &&
			(run.emitted.length + pageSizeOf(run) > run.params.maxRecordsPerPoll || run.now() >= run.deadline)
		) {
			return;
		}
	}
	finishWalk(run, state);
}

function startWalk(run: PollRun): CompareWalk {
	return {
		part: 0,
		cursor: null,
		startedAt: run.now(),
		baseline: run.state.walks === 0 && run.params.firstRun === 'fromNow',
	};
}

function finishWalk(run: PollRun, state: CompareState): void {
	const missedBefore = new Set(state.gone);
	const gone: string[] = [];
	for (const [id, fingerprint] of Object.entries(state.known)) {
		if (missedBefore.has(id)) continue;
		state.met[id] = fingerprint;
		gone.push(id);
	}
	state.known = state.met;
	state.met = {};
	state.gone = gone;
	state.walk = null;
	run.state.walks += 1;
}

function tooMany(run: PollRun): NodeOperationError {
	const what = run.params.resource === 'contact' ? 'contacts' : 'conversations';
	return new NodeOperationError(
		run.ctx.getNode(),
		`Kirim has more ${what} than Max Tracked Records (${run.params.maxTracked}), so changes cannot be told from records already reported`,
		{
			description: `Raise Max Tracked Records (each tracked record costs about 50 bytes of the workflow's static data, a conversation up to 85), watch fewer records (conversation statuses, another WhatsApp number), or use the Kirim Trigger (webhooks), which reports changes without reading every record.`,
		},
	);
}
