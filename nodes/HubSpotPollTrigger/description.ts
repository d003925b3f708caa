import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../shared/hubspot/auth';
import { DEFAULT_SYNC_STAMP_PROPERTY } from '../shared/hubspot/sync-properties';

export const DEFAULT_PROPERTIES = `firstname,lastname,email,phone,kirim_contact_id,${DEFAULT_SYNC_STAMP_PROPERTY}`;
export const MAX_RECORDS_LIMIT = 100_000;

export const triggerProperties: INodeProperties[] = [
	authenticationProperty,
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
