import type { INodeProperties } from 'n8n-workflow';

import { ALL_EVENTS, KIRIM_EVENTS } from '../shared/kirim/events';
import { dedupeSaveOption, type DedupeSave } from '../shared/dedupe/save-option';

export const DEFAULT_TOLERANCE_SECONDS = 300;
/** Kirim retries 8 times over ~31 h ± 20 % (https://developers.kirim.chat/webhooks/retry/): 48 h covers it all. */
export const DEFAULT_DEDUPE_HOURS = 48;
export const DEFAULT_DEDUPE_MAX_IDS = 100_000;

export interface TriggerOptions {
	allowLegacySignatures?: boolean;
	dedupeWindowHours?: number;
	dedupeMaxIds?: number;
	splitMetaPayloads?: boolean;
	skipSyncEchoes?: boolean;
	respondWhenFinished?: boolean;
	replayDeadLettersOnActivation?: boolean;
	dedupeSave?: DedupeSave;
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Subscription',
		name: 'subscriptionMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Managed by This Node',
				value: 'managed',
				description:
					'On activation the node subscribes this workflow’s URL in Kirim and keeps the signing secret; an edit of the trigger keeps the subscription; 30 s after deactivation it is removed',
			},
			{
				name: 'Existing Subscription',
				value: 'existing',
				description:
					'You created the subscription in Kirim; its signing secrets come from a Kirim Webhook Signing credential',
			},
		],
		default: 'managed',
	},
	{
		displayName:
			'Testing this trigger in the editor (Execute step) creates a real Kirim subscription for the test URL, so that URL must be public HTTPS (set N8N_WEBHOOK_URL): Kirim rejects plain-http URLs with invalid_webhook_url. The test subscription is removed after one event or when listening times out.',
		name: 'managedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { subscriptionMode: ['managed'] } },
	},
	{
		displayName:
			'Subscribe the Production URL above in Kirim (Developers → Webhooks), then put the subscription’s signing secret in the credential. During a rotation, fill in both secrets.',
		name: 'existingNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { subscriptionMode: ['existing'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: 'All Events', value: ALL_EVENTS, description: 'Every event in Kirim’s catalog' },
			...KIRIM_EVENTS.map((e) => ({ name: e.name, value: e.name, description: e.description })),
		],
		default: ['contact.created', 'contact.updated', 'conversation.assigned', 'conversation.closed'],
		description: 'Deliveries of other events are acknowledged and start no execution',
	},
	{
		displayName: 'WhatsApp Number Names or IDs',
		name: 'phoneNumberIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPhoneNumbers' },
		default: [],
		description:
			'Only message events received by or sent from these numbers. Empty means all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Signature Check',
		name: 'signatureCheck',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Verify (Recommended)', value: 'verify', description: 'Refuse any delivery Kirim did not sign (401)' },
			{
				name: 'Off',
				value: 'off',
				description: 'Accept unsigned requests: anyone who knows the URL can start this workflow',
			},
		],
		default: 'verify',
	},
	{
		displayName:
			'Signature checking is off: anyone who learns this URL can start the workflow with made-up events. Turn it back on for production.',
		name: 'signatureOffNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { signatureCheck: ['off'] } },
	},
	{
		displayName: 'Timestamp Tolerance (Seconds)',
		name: 'toleranceSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_TOLERANCE_SECONDS,
		description:
			'A delivery signed longer ago, or further in the future, than this is refused as a replay. 0 turns the check off.',
		displayOptions: { show: { signatureCheck: ['verify'] } },
	},
	{
		displayName:
			'The timestamp check is off: a captured delivery could be replayed later. Only the dedupe window still stops repeats.',
		name: 'toleranceOffNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { signatureCheck: ['verify'], toleranceSeconds: [0] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Accept Legacy Signatures',
				name: 'allowLegacySignatures',
				type: 'boolean',
				default: false,
				description:
					'Whether to also accept the older sha256=&lt;hex&gt; signature of the body alone. It has no timestamp, so a captured delivery can be replayed: leave off unless your Kirim account still sends it.',
			},
			{
				displayName: 'Dedupe Capacity (IDs)',
				name: 'dedupeMaxIds',
				type: 'number',
				typeOptions: { minValue: 100 },
				default: DEFAULT_DEDUPE_MAX_IDS,
				description: 'At most this many event IDs are remembered; the oldest are forgotten first',
			},
			{
				displayName: 'Dedupe Window (Hours)',
				name: 'dedupeWindowHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_DEDUPE_HOURS,
				description:
					'How long an event ID is remembered, so a redelivery runs nothing. Kirim retries for about 31 hours.',
			},
			{
				displayName: 'Replay Dead-Lettered Deliveries on Activation',
				name: 'replayDeadLettersOnActivation',
				type: 'boolean',
				default: false,
				description:
					'Whether to ask Kirim to send again, whenever n8n activates this workflow or starts up, every delivery of this subscription that gave up after its retries (for example while n8n was down). Already processed events are skipped by the dedupe. Managed subscriptions only.',
			},
			{
				displayName: 'Respond When the Workflow Finishes',
				name: 'respondWhenFinished',
				type: 'boolean',
				default: false,
				description:
					'Whether to answer Kirim only after the workflow ran. A failed run then answers 500 and is forgotten by the dedupe, so Kirim retries it. Kirim waits at most 10 seconds.',
			},
			dedupeSaveOption,
			{
				displayName: 'Skip Echoes of This Sync',
				name: 'skipSyncEchoes',
				type: 'boolean',
				default: true,
				description:
					'Whether to acknowledge without running a contact.updated that only repeats values this package’s sync wrote to Kirim itself',
			},
			{
				displayName: 'Split Messages and Statuses',
				name: 'splitMetaPayloads',
				type: 'boolean',
				default: true,
				description:
					'Whether a WhatsApp payload becomes one item per message or status with flat fields, instead of one item with Meta’s raw body',
			},
		],
	},
];
