import type { INodeProperties } from 'n8n-workflow';

import { dedupeSaveOption, type DedupeSave } from '../shared/dedupe/save-option';
import { authenticationProperty } from '../shared/hubspot/auth';
import { DEFAULT_ID_PROPERTY } from '../shared/hubspot/sync-properties';
import { AFTER_RUN_WEBHOOK } from '../shared/webhook/after-run';

export const SUBSCRIPTION_TYPES = [
	{ name: 'Contact Created', value: 'contact.creation' },
	{ name: 'Contact Deleted', value: 'contact.deletion' },
	{ name: 'Contact Merged', value: 'contact.merge' },
	{ name: 'Contact Privacy Deletion', value: 'contact.privacyDeletion' },
	{ name: 'Contact Property Changed', value: 'contact.propertyChange' },
	{ name: 'Contact Restored', value: 'contact.restore' },
	{ name: 'Contact Association Changed', value: 'contact.associationChange' },
	{ name: 'Company Property Changed', value: 'company.propertyChange' },
];

export interface TriggerOptions {
	combinePropertyChanges?: boolean;
	allowV1V2?: boolean;
	publicUrl?: string;
	dedupeWindowHours?: number;
	skipOwnWrites?: boolean;
	dedupeSave?: DedupeSave;
	respondWhenFinished?: boolean;
}

/** The webhook HubSpot's target URL should name, by the "Respond When the Workflow Finishes" option. */
export function targetWebhook(options: TriggerOptions): 'default' | typeof AFTER_RUN_WEBHOOK {
	return options.respondWhenFinished === true ? AFTER_RUN_WEBHOOK : 'default';
}

export const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName:
			'Webhooks are configured in your HubSpot app, not here: in a project app’s webhooks file (settings.targetUrl, fixed at upload) or a legacy private app’s Webhooks tab, set the target URL to this node’s Production URL (HTTPS; one URL per app, so one workflow per app), subscribe to the contact events you want — for property changes, one subscription per property — and keep concurrency at 10 or below. Use an app dedicated to this sync: its App ID in the credential is how the sync’s own writes are recognised. Service keys get no webhooks from HubSpot, so this trigger refuses them.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'subscriptionTypes',
		type: 'multiOptions',
		options: SUBSCRIPTION_TYPES,
		default: ['contact.creation', 'contact.propertyChange'],
		description:
			'Events of other types are acknowledged and dropped. The newer object.* form with objectTypeId 0-1 (contacts) is accepted as the matching contact event.',
	},
	{
		displayName: 'Drop Changes Kirim Already Has',
		name: 'dropValuesKirimHas',
		type: 'boolean',
		default: false,
		description:
			'Whether to drop a name, email or phone change whose new value equals what the linked Kirim contact already holds (a stronger echo check). Costs one HubSpot read per 100 changed contacts and one Kirim read per contact, before HubSpot gets its answer; needs a Kirim credential. When a read fails, the change is kept.',
	},
	{
		displayName: 'Kirim ID Property',
		name: 'kirimIdProperty',
		type: 'string',
		default: DEFAULT_ID_PROPERTY,
		displayOptions: { show: { dropValuesKirimHas: [true] } },
		description: 'The HubSpot contact property holding the Kirim contact ID',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Accept V1/V2 Signatures',
				name: 'allowV1V2',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept the older X-HubSpot-Signature (v1/v2) when no v3 signature is sent. They carry no timestamp, so a captured request could be replayed: leave off unless your app only sends them.',
			},
			{
				displayName: 'Combine Property Changes per Contact',
				name: 'combinePropertyChanges',
				type: 'boolean',
				default: true,
				description:
					'Whether the property changes of one contact in one delivery become one item with all changed properties',
			},
			{
				displayName: 'Dedupe Window (Hours)',
				name: 'dedupeWindowHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 48,
				description: 'How long an event is remembered. HubSpot retries a failed delivery up to 10 times over 24 hours.',
			},
			{
				displayName: 'Public URL',
				name: 'publicUrl',
				type: 'string',
				default: '',
				placeholder: 'https://hooks.example.com/webhook/…',
				description:
					'The Target URL exactly as registered in HubSpot, when n8n sits behind a proxy that changes it. HubSpot signs this URL; leave empty to use the node’s own URL.',
			},
			{
				displayName: 'Respond When the Workflow Finishes',
				name: 'respondWhenFinished',
				type: 'boolean',
				default: false,
				description:
					'Whether to answer HubSpot only after the workflow ran, so that a failed run (for example a refused write to Kirim) answers 500, is forgotten by the dedupe, and HubSpot retries the batch (up to 10 times over 24 hours). Point the app’s target URL at the Production URL ending in /webhook-after-run instead. HubSpot waits at most 5 seconds: a run that takes longer counts as failed for HubSpot, and its retry is then answered as a duplicate.',
			},
			dedupeSaveOption,
			{
				displayName: 'Skip Writes by This Sync',
				name: 'skipOwnWrites',
				type: 'boolean',
				default: true,
				description:
					'Whether to drop changes written through the API by the app in the credential (the sync’s own writes), so a Kirim → HubSpot write does not come back as a HubSpot change',
			},
		],
	},
];
