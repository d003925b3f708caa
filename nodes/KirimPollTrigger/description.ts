import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_MAX_RECORDS_PER_POLL = 1000;
export const DEFAULT_OVERLAP_SECONDS = 300;
export const DEFAULT_MAX_TRACKED = 50_000;

const walkCostNotice = (what: string, bytes: string): string =>
	`Every walk reads all ${what}: ceil(${what} ÷ 100) requests. 10 000 ${what} = 100 requests a walk, a sixth of Kirim's default read budget (600 a minute; Pro 6 000) when polling every minute. The node keeps each record's last state in the workflow's static data (${bytes}). For changes as they happen, at no read cost, use the Kirim Trigger (webhooks).`;

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Contact', value: 'contact' },
			{ name: 'Conversation', value: 'conversation' },
		],
		default: 'contact',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'New Contacts',
				value: 'newContacts',
				description: 'Contacts created since the last poll (reads only new contacts when Kirim honours created_after)',
			},
			{
				name: 'Changed Contacts',
				value: 'changedContacts',
				description: 'Contacts created or updated since the last walk (reads every contact on every walk)',
			},
		],
		default: 'newContacts',
	},
	{
		displayName:
			'New Contacts asks Kirim only for contacts created after the last one seen (created_after). Should your Kirim account ignore that filter, each new contact is still emitted once, but every poll reads all contacts.',
		name: 'newContactsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['contact'], event: ['newContacts'] } },
	},
	{
		displayName: walkCostNotice('contacts', 'about 50 bytes per contact'),
		name: 'changedContactsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['contact'], event: ['changedContacts'] } },
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{ name: 'Open', value: 'open' },
			{ name: 'Pending', value: 'pending' },
			{ name: 'Resolved', value: 'resolved' },
		],
		default: ['open', 'pending', 'resolved'],
		description:
			'Conversations in these statuses are watched: new ones, and status, assignee or updated_at changes. A conversation that moves to an unwatched status is not reported.',
	},
	{
		displayName: walkCostNotice('conversations', 'about 55–85 bytes per conversation'),
		name: 'conversationsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['conversation'] } },
	},
	{
		displayName: 'First Run',
		name: 'firstRun',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'From Now',
				value: 'fromNow',
				description: 'The first poll records what exists and emits nothing; later polls emit what is new or changed',
			},
			{
				name: 'Backfill Everything',
				value: 'backfill',
				description:
					'The first polls emit every existing record, in chunks of Max Records per Poll, resuming where they stopped after a restart',
			},
		],
		default: 'fromNow',
		description: 'Changing this (or the resource, event, statuses or Kirim account) starts the trigger over',
	},
	{
		displayName: 'WhatsApp Number Name or ID',
		name: 'phoneNumberId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPhoneNumbersOrDefault' },
		default: '',
		description:
			'The number whose contacts or conversations to watch; empty uses the credential’s default. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
					'Whether a poll that finds nothing emits one item with the sync health figures (so the workflow can alert when the sync falls behind); otherwise it emits nothing',
			},
			{
				displayName: 'Max Records per Poll',
				name: 'maxRecordsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100_000 },
				default: DEFAULT_MAX_RECORDS_PER_POLL,
				description:
					'At most this many items per poll; the rest follow at the next polls (a 10 000-contact backfill with 1 000 takes 10 polls)',
			},
			{
				displayName: 'Max Tracked Records',
				name: 'maxTracked',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1_000_000 },
				default: DEFAULT_MAX_TRACKED,
				description:
					'Changed Contacts and Conversations: the most records whose last state is kept (about 50 bytes per contact, 55–85 per conversation, in static data). More records stop the trigger with an error instead of reporting them twice.',
			},
			{
				displayName: 'Overlap (Seconds)',
				name: 'overlapSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 86_400 },
				default: DEFAULT_OVERLAP_SECONDS,
				description:
					'New Contacts: each poll asks again for contacts created this long before the last safe point, and drops the ones already emitted, so a contact that appears late in Kirim’s list (or a clock difference) is not missed',
			},
		],
	},
];
