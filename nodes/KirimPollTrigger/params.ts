import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { CONVERSATION_STATUSES } from '../shared/kirim/conversations';
import { DEFAULT_MAX_RECORDS_PER_POLL, DEFAULT_MAX_TRACKED, DEFAULT_OVERLAP_SECONDS } from './description';

export type PollResource = 'contact' | 'conversation';
export type ContactEvent = 'newContacts' | 'changedContacts';
export type FirstRun = 'fromNow' | 'backfill';

export interface PollParams {
	resource: PollResource;
	/** Contacts only. */
	event: ContactEvent;
	/** Conversations only: documented statuses, sorted. */
	statuses: string[];
	firstRun: FirstRun;
	phoneNumberId: string;
	maxRecordsPerPoll: number;
	overlapMs: number;
	maxTracked: number;
	emitHealthWhenIdle: boolean;
}

function wholeNumber(ctx: IPollFunctions, name: string, value: unknown, min: number, max: number): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}`,
		);
	}
	return n;
}

function oneOf<T extends string>(ctx: IPollFunctions, name: string, value: unknown, allowed: readonly T[]): T {
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`,
		);
	}
	return value as T;
}

/** The node's parameters, checked: a bad value stops the poll with a message naming the parameter. */
export function readParams(ctx: IPollFunctions): PollParams {
	const resource = oneOf(ctx, 'Resource', ctx.getNodeParameter('resource', 'contact'), [
		'contact',
		'conversation',
	] as const);
	const event =
		resource === 'contact'
			? oneOf(ctx, 'Event', ctx.getNodeParameter('event', 'newContacts'), ['newContacts', 'changedContacts'] as const)
			: 'changedContacts';
	let statuses: string[] = [];
	if (resource === 'conversation') {
		const raw = ctx.getNodeParameter('statuses', [...CONVERSATION_STATUSES]);
		const list = Array.isArray(raw) ? raw : [raw];
		if (list.length === 0) {
			throw new NodeOperationError(
				ctx.getNode(),
				'Statuses is empty: choose at least one conversation status to watch',
			);
		}
		statuses = [...new Set(list.map((s) => oneOf(ctx, 'Statuses', s, CONVERSATION_STATUSES)))].sort();
	}
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return {
		resource,
		event,
		statuses,
		firstRun: oneOf(ctx, 'First Run', ctx.getNodeParameter('firstRun', 'fromNow'), ['fromNow', 'backfill'] as const),
		phoneNumberId: String(ctx.getNodeParameter('phoneNumberId', '') ?? '').trim(),
		maxRecordsPerPoll: wholeNumber(
			ctx,
			'Max Records per Poll',
			options.maxRecordsPerPoll ?? DEFAULT_MAX_RECORDS_PER_POLL,
			1,
			100_000,
		),
		overlapMs:
			wholeNumber(ctx, 'Overlap (Seconds)', options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS, 0, 86_400) * 1000,
		maxTracked: wholeNumber(ctx, 'Max Tracked Records', options.maxTracked ?? DEFAULT_MAX_TRACKED, 1, 1_000_000),
		emitHealthWhenIdle: options.emitHealthWhenIdle === true,
	};
}
