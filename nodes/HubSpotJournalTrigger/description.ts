import type { INodeProperties } from 'n8n-workflow';

export const JOURNAL_ACTIONS = [
	{ name: 'Contact Created', value: 'CREATE' },
	{ name: 'Contact Deleted', value: 'DELETE' },
	{ name: 'Contact Merged', value: 'MERGE' },
	{ name: 'Contact Property Changed', value: 'UPDATE' },
	{ name: 'Contact Restored', value: 'RESTORE' },
];

/** Cron expressions (seconds first) for the poll intervals offered. */
export const POLL_INTERVALS: Record<string, string> = {
	every5Seconds: '*/5 * * * * *',
	every30Seconds: '*/30 * * * * *',
	everyMinute: '0 * * * * *',
	every5Minutes: '0 */5 * * * *',
	every15Minutes: '0 */15 * * * *',
};

export const journalTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Reads your HubSpot OAuth app’s Webhooks Journal: no public URL is needed, and changes made while n8n is down are read when it is back, for up to 3 days (how long HubSpot keeps them). The journal exists only for OAuth apps; static-auth project apps, legacy private apps and service keys cannot use it (use the HubSpot Sync Trigger or the HubSpot Poll Trigger). At activation the trigger creates or updates its journal subscription; deactivating or stopping n8n leaves it in place.',
		name: 'journalNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'actions',
		type: 'multiOptions',
		options: JOURNAL_ACTIONS,
		default: ['CREATE', 'UPDATE'],
		description: 'Contact changes to subscribe to and emit',
	},
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'string',
		default: 'firstname,lastname,email,phone',
		description:
			'Comma-separated contact properties whose changes are journaled (property changes of others are not written to the journal)',
	},
	{
		displayName: 'Poll Every',
		name: 'interval',
		type: 'options',
		options: [
			{ name: '15 Minutes', value: 'every15Minutes' },
			{ name: '30 Seconds', value: 'every30Seconds' },
			{ name: '5 Minutes', value: 'every5Minutes' },
			{ name: '5 Seconds', value: 'every5Seconds' },
			{ name: 'Minute', value: 'everyMinute' },
		],
		default: 'everyMinute',
	},
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		options: [
			{ name: 'Now', value: 'now', description: 'Changes after the first activation' },
			{
				name: 'Oldest Entry',
				value: 'earliest',
				description: 'Everything the journal still holds (up to 3 days)',
			},
		],
		default: 'now',
		description: 'Where the first activation starts reading; later activations and restarts go on from where it was',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Combine Property Changes per Contact',
				name: 'combinePropertyChanges',
				type: 'boolean',
				default: true,
				description: 'Whether the property changes of one contact in one journal entry become one item',
			},
			{
				displayName: 'Skip Writes by This Sync',
				name: 'skipOwnWrites',
				type: 'boolean',
				default: true,
				description:
					'Whether to drop changes that carry the sync’s stamp property (kirim_last_synced_at, written by HubSpot Sync with every contact it writes), so a Kirim → HubSpot write does not come back',
			},
		],
	},
];
