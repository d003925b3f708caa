import { NodeOperationError, type INodeProperties, type IPollFunctions } from 'n8n-workflow';

import { DEFAULT_SYNC_STAMP_PROPERTY } from '../shared/hubspot/own-write';
import type { StartFrom } from './state';

export const DEFAULT_PROPERTIES = `firstname,lastname,email,phone,kirim_contact_id,${DEFAULT_SYNC_STAMP_PROPERTY}`;
export const MAX_RECORDS_LIMIT = 100_000;

export const hubSpotPollTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Polls HubSpot’s contact search for contacts changed since the last poll, oldest change first. Search takes about 4 requests a second per app and returns 200 contacts per request, so a poll costs one request per 200 changed contacts (plus one to look back over the overlap). Deleted contacts are not seen. For changes within seconds, and deletions, use the HubSpot Sync Trigger (webhooks).',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'From Now',
				value: 'now',
				description: 'Only contacts changed after the first poll',
			},
			{
				name: 'Everything',
				value: 'everything',
				description:
					'Every contact first (a backfill, oldest change first, Max Records per Poll at a time, resuming where the last poll stopped), then changes',
			},
		],
		default: 'now',
		description: 'Where the first poll starts. Changing it later starts over from the new choice.',
	},
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'string',
		default: DEFAULT_PROPERTIES,
		description:
			'Comma-separated internal names of the contact properties to return (lastmodifieddate is always included). Names HubSpot does not know come back empty.',
	},
	{
		displayName: 'Max Records per Poll',
		name: 'maxRecordsPerPoll',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RECORDS_LIMIT },
		default: 1000,
		description:
			'At most this many changed contacts are taken per poll (emitted or skipped); the next poll goes on from there. Bounds a backfill’s chunks.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Emit Health When Idle',
				name: 'emitHealthWhenIdle',
				type: 'boolean',
				default: false,
				description:
					'Whether a poll that finds nothing new emits one item with its syncHealth figures (so a workflow can alert on lag or on a poll that stopped running)',
			},
			{
				displayName: 'Own Write Window (Seconds)',
				name: 'ownWriteWindowSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description:
					'A contact whose lastmodifieddate is within this many seconds of its sync stamp counts as the sync’s own write. The stamp is the time of the write, or of the Kirim event that caused it. Raise it if your sync runs write many contacts in one run or run behind their events.',
			},
			{
				displayName: 'Search Index Overlap (Seconds)',
				name: 'overlapSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description:
					'How far each poll looks back for changes HubSpot’s search index showed late (it trails writes by a few moments). Contacts already emitted are not emitted again.',
			},
			{
				displayName: 'Skip Writes by This Sync',
				name: 'skipOwnWrites',
				type: 'boolean',
				default: true,
				description:
					'Whether to skip contacts whose latest change is the sync’s own write (their lastmodifieddate is within the window of the sync stamp), so the pull side does not send back what the sync wrote',
			},
			{
				displayName: 'Sync Stamp Property',
				name: 'stampProperty',
				type: 'string',
				default: DEFAULT_SYNC_STAMP_PROPERTY,
				description: 'The contact property the HubSpot Sync node stamps with the time of each write',
			},
		],
	},
];

export interface PollOptions {
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
export function readPollOptions(ctx: IPollFunctions): PollOptions {
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
