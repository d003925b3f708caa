import { NodeOperationError, type IPollFunctions } from 'n8n-workflow';

import { DEFAULT_PROPERTIES, MAX_RECORDS_LIMIT } from './description';

import type { StartFrom } from './state';
import { DEFAULT_SYNC_STAMP_PROPERTY } from '../shared/hubspot/sync-properties';

export interface PollParams {
	startFrom: StartFrom;
	properties: string[];
	maxRecordsPerPoll: number;
	overlapMs: number;
	skipOwnWrites: boolean;
	stampProperty: string;
	ownWriteWindowMs: number;
	emitHealthWhenIdle: boolean;
}

/** HubSpot internal property names: letters, digits and underscores, starting with a letter. */
const PROPERTY_NAME = /^[a-z][a-z0-9_]*$/i;

function invalid(ctx: IPollFunctions, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, description ? { description } : {});
}

function wholeNumber(ctx: IPollFunctions, label: string, value: unknown, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw invalid(ctx, `${label} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
	}
	return value;
}

function seconds(ctx: IPollFunctions, label: string, value: unknown, max: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
		throw invalid(ctx, `${label} must be a number of seconds from 0 to ${max}, not ${JSON.stringify(value)}`);
	}
	return Math.round(value * 1000);
}

/** The node's parameters, checked: a wrong one fails the poll with a message naming it. */
export function readParams(ctx: IPollFunctions): PollParams {
	const startFrom = ctx.getNodeParameter('startFrom', 'now') as string;
	if (startFrom !== 'now' && startFrom !== 'everything')
		throw invalid(ctx, `Start From must be "From Now" or "Everything", not ${JSON.stringify(startFrom)}`);
	const properties = String(ctx.getNodeParameter('properties', DEFAULT_PROPERTIES) ?? '')
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	const bad = properties.find((p) => !PROPERTY_NAME.test(p));
	if (bad !== undefined) {
		throw invalid(
			ctx,
			`Properties: "${bad.slice(0, 60)}" is not a HubSpot property name`,
			'Use internal names (letters, digits and underscores, starting with a letter), separated by commas — e.g. firstname,email.',
		);
	}
	const options = ctx.getNodeParameter('options', {}) as Record<string, unknown>;
	const skipOwnWrites = options.skipOwnWrites !== false;
	const stampProperty = String(options.stampProperty ?? DEFAULT_SYNC_STAMP_PROPERTY).trim();
	if (skipOwnWrites && !PROPERTY_NAME.test(stampProperty)) {
		throw invalid(
			ctx,
			`Sync Stamp Property: "${stampProperty.slice(0, 60)}" is not a HubSpot property name`,
			'Name the property the sync stamps (default kirim_last_synced_at), or turn off "Skip Writes by This Sync".',
		);
	}
	return {
		startFrom,
		properties,
		maxRecordsPerPoll: wholeNumber(
			ctx,
			'Max Records per Poll',
			ctx.getNodeParameter('maxRecordsPerPoll', 1000),
			1,
			MAX_RECORDS_LIMIT,
		),
		overlapMs: seconds(ctx, 'Search Index Overlap (Seconds)', options.overlapSeconds ?? 60, 86_400),
		skipOwnWrites,
		stampProperty,
		ownWriteWindowMs: seconds(ctx, 'Own Write Window (Seconds)', options.ownWriteWindowSeconds ?? 5, 3_600),
		emitHealthWhenIdle: options.emitHealthWhenIdle === true,
	};
}
