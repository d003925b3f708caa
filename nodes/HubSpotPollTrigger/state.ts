import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import type { WindowPosition } from '../shared/hubspot/search-window';
import { newerStateError, readState, writeState, type StateSchema } from '../shared/state/versioned-state';

export type StartFrom = 'now' | 'everything';

/** Everything the trigger keeps between polls: one record, in the node's static data under one key. */
export interface PollState {
	/** The "Start From" choice this record was made with; a different choice starts over. */
	startFrom: StartFrom;
	/** Nothing modified before this is wanted: the first poll for "From Now", 0 for "Everything". */
	fromMs: number;
	/** Where the walk goes on: the search window's exact position (search-window.ts). */
	position: WindowPosition;
	/** When the previous poll started; the next one looks back from there minus the overlap. */
	lastPollStartedAt: number;
	/** Contacts taken lately: id → lastmodifieddate (ms), so the look-back drops what it already gave. */
	recent: Record<string, number>;
	/** `recent` holds every contact taken with a lastmodifieddate at or after this. */
	coveredFromMs: number;
	lastSuccessfulRunAt: string | null;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function decodePosition(value: unknown): WindowPosition | undefined {
	if (!isObject(value) || !isNumber(value.sinceMs) || !Array.isArray(value.idsAtSince)) return undefined;
	if (!value.idsAtSince.every((id) => typeof id === 'string')) return undefined;
	if (value.tieAfterId !== undefined && typeof value.tieAfterId !== 'string') return undefined;
	return {
		sinceMs: value.sinceMs,
		idsAtSince: value.idsAtSince as string[],
		...(value.tieAfterId !== undefined ? { tieAfterId: value.tieAfterId as string } : {}),
	};
}

function decode(record: IDataObject): PollState | undefined {
	const position = decodePosition(record.position);
	const recent = record.recent;
	if (!position || !isObject(recent) || !Object.values(recent).every(isNumber)) return undefined;
	if (record.startFrom !== 'now' && record.startFrom !== 'everything') return undefined;
	if (!isNumber(record.fromMs) || !isNumber(record.lastPollStartedAt) || !isNumber(record.coveredFromMs))
		return undefined;
	const last = record.lastSuccessfulRunAt;
	if (last !== null && typeof last !== 'string') return undefined;
	return {
		startFrom: record.startFrom,
		fromMs: record.fromMs,
		position,
		lastPollStartedAt: record.lastPollStartedAt,
		recent: recent as Record<string, number>,
		coveredFromMs: record.coveredFromMs,
		lastSuccessfulRunAt: last,
	};
}

/** The record's format; version 1 is the first (nothing older to upgrade). */
export const POLL_STATE_SCHEMA: StateSchema<PollState> = {
	key: 'hubSpotPoll',
	label: 'HubSpot Poll Trigger cursor',
	version: 1,
	upgrades: {},
	decode,
};

/**
 * The one way the trigger reads its state. A record of an older format is upgraded (and, outside a manual run,
 * written back); a manual run ("Fetch test event") only reads — n8n does not save its static data, and it must not
 * even look changed. A record from a newer package version, or one this version cannot read, stops the poll and
 * stays untouched: taking it for none would start over (an "Everything" backfill emitted again).
 */
export function readPollState(node: INode, staticData: IDataObject, manual: boolean): PollState | undefined {
	const read = readState(staticData, POLL_STATE_SCHEMA);
	switch (read.status) {
		case 'absent':
			return undefined;
		case 'current':
			return read.value;
		case 'upgraded':
			if (!manual) writeState(staticData, POLL_STATE_SCHEMA, read.value);
			return read.value;
		case 'newer':
			throw newerStateError(node, read.message);
		case 'unreadable':
			throw new NodeOperationError(node, read.message, {
				description:
					'The trigger stops rather than start over, which could emit contacts again. To start over on purpose, rename the node or put a new one in its place: n8n keeps a node’s state under its name.',
			});
	}
}

export function writePollState(staticData: IDataObject, state: PollState): void {
	writeState(staticData, POLL_STATE_SCHEMA, state);
}

/** The state before the first walk: "From Now" starts at this poll, "Everything" at the epoch. */
export function initialPollState(startFrom: StartFrom, nowMs: number): PollState {
	const fromMs = startFrom === 'now' ? nowMs : 0;
	return {
		startFrom,
		fromMs,
		position: { sinceMs: fromMs, idsAtSince: [] },
		lastPollStartedAt: nowMs,
		recent: {},
		coveredFromMs: fromMs,
		lastSuccessfulRunAt: null,
	};
}
