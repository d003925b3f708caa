import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { authenticationProperty } from '../shared/hubspot/auth';
import * as company from './actions/company/Company.resource';
import * as contact from './actions/contact/Contact.resource';
import { router } from './actions/router';
import * as list from './actions/list/List.resource';
import * as message from './actions/message/Message.resource';
import * as ticket from './actions/ticket/Ticket.resource';
import { getOwners, getTicketPipelines, getTicketStages } from './methods/loadOptions';

/** Thin node class: the description, the methods, and the router (n8n's Airtable v2 layout). */
export class HubSpotSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Sync',
		name: 'hubSpotSync',
		icon: { light: 'file:../../icons/hubspotSync.svg', dark: 'file:../../icons/hubspotSync.dark.svg' },
		group: ['output'],
		// 2: Contact → Get reads the CRM-owned fields and the company by default and outputs kirimMetadata.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Write Kirim contacts, conversations and WhatsApp messages to HubSpot in batches, keyed by the Kirim ID, without overwriting fields HubSpot owns (community node)',
		defaults: { name: 'HubSpot Sync' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'hubSpotSyncApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
			{ name: 'hubSpotSyncOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
			// Reconcile walks Kirim's contacts, Mirror to Kirim Label labels them, Apply Deletion, Merge or Restore and
			// Mirror to Kirim Contacts update their metadata, Mirror Property to Kirim Labels labels them and Backfill
			// Conversation History reads messages; no other operation talks to Kirim.
			{
				name: 'kirimSyncApi',
				required: true,
				displayOptions: {
					show: {
						resource: ['company', 'contact', 'list', 'message'],
						operation: ['mirrorToKirim', 'reconcile', 'mirrorToLabel', 'applyRecordChange', 'mirrorLabels', 'backfill'],
					},
				},
			},
		],
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Company', value: 'company' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'List (Segment)', value: 'list' },
					{ name: 'Message', value: 'message' },
					{ name: 'Ticket', value: 'ticket' },
				],
				default: 'contact',
			},
			...contact.description,
			...company.description,
			...ticket.description,
			...list.description,
			...message.description,
		],
	};

	methods = {
		loadOptions: { getTicketPipelines, getTicketStages, getOwners },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
