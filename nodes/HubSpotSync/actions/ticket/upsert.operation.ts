import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { overrideTable } from '../../../shared/hubspot/owners';

import { CONVERSATION_STATUSES, type ConversationStatus } from '../../../shared/kirim/conversations';

import { syncTicketsToHubSpot, type AssociateMode, type TicketSyncRequest } from './ticket-sync';

import { optionalKirimId, textParameter } from '../../../shared/node/parameters';

import { forItemsInBatch } from '../../../shared/node/batched';

import { triggeringEventTime } from '../../../shared/node/triggering-event';

import { fieldMappingProperty, fieldOwnershipProperty } from '../../../shared/sync/mapping-description';

import { readMappings } from '../../../shared/sync/read-mappings';

import { rateBudgetField } from '../common';
import {
	conversationIdField,
	conversationIdOf,
	conversationIdPropertyField,
	matchByOption,
	matchModeOf,
	pipelineField,
	pipelineOf,
	stageField,
} from './fields';

import { ticketJson } from './results';
import { DEFAULT_ID_PROPERTY, DEFAULT_SYNC_STAMP_PROPERTY } from '../../../shared/hubspot/sync-properties';

const show = { resource: ['ticket'], operation: ['upsert'] };

const properties: INodeProperties[] = [
	conversationIdField,
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default:
			'={{ "WhatsApp: " + ($json.data?.conversation?.contact?.name || $json.contact?.name || $json.data?.conversation?.contact?.phone_number || $json.contact?.phone_number || $json.data?.conversation?.id || $json.id) }}',
		required: true,
		description: 'Subject of a new ticket. Once the ticket exists HubSpot owns its subject, so it is not overwritten.',
	},
	pipelineField,
	{
		displayName: 'Conversation Status',
		name: 'status',
		type: 'string',
		default: '={{ $json.data?.conversation?.status ?? $json.status ?? "" }}',
		description:
			'Kirim’s status: open, pending or resolved; it picks the stage below. Empty: a new ticket starts in the open stage and an existing one keeps its stage.',
	},
	stageField('openStage', 'Stage for Open', 'the first open stage of the pipeline'),
	stageField(
		'pendingStage',
		'Stage for Pending',
		'the second open stage (“Waiting on contact” in HubSpot’s default pipeline), else the first',
	),
	stageField('resolvedStage', 'Stage for Resolved', 'the first closed stage of the pipeline'),
	{
		displayName: 'Assignee Kirim User ID',
		name: 'assigneeId',
		type: 'string',
		default:
			'={{ $json.data?.conversation?.assignee?.id ?? $json.data?.assignee?.user_id ?? $json.assignee?.id ?? "" }}',
		description: 'The Kirim user the conversation is assigned to, looked up in Owner Overrides',
	},
	{
		displayName: 'Assignee Email',
		name: 'assigneeEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '={{ $json.data?.conversation?.assignee?.email ?? $json.assignee?.email ?? "" }}',
		description:
			'Matched to the HubSpot owner with this email (one lookup per distinct email per run). An assignee with no match leaves the ticket owner as it is.',
	},
	{
		displayName: 'Owner Overrides',
		name: 'ownerOverrides',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Override',
		default: {},
		description:
			'Kirim users whose HubSpot owner is not found by email (a different email, or none). Checked before the email match.',
		options: [
			{
				displayName: 'Override',
				name: 'override',
				values: [
					{
						displayName: 'HubSpot Owner Name or ID',
						name: 'ownerId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getOwners' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Kirim User ID or Email',
						name: 'kirimUser',
						type: 'string',
						default: '',
						placeholder: 'usr_01J… or agent@example.com',
					},
				],
			},
		],
	},
	{
		displayName: 'Kirim Contact ID',
		name: 'kirimContactId',
		type: 'string',
		default: '={{ $json.data?.conversation?.contact?.id ?? $json.contact?.id ?? "" }}',
		placeholder: 'ctc_01J…',
		description:
			'The conversation’s Kirim contact: the HubSpot contact with this ID (in the Contact ID Property) is associated with the ticket',
	},
	conversationIdPropertyField,
	fieldMappingProperty({
		targetPlaceholder: 'hs_ticket_priority',
		targetDescription:
			'Internal name of the HubSpot ticket property to write. A mapping of subject or hs_pipeline_stage replaces the one above.',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Associate With Contact',
				name: 'associate',
				type: 'options',
				options: [
					{ name: 'Never', value: 'never' },
					{
						name: 'On Every Write',
						value: 'always',
						description:
							'Also for tickets that existed: repairs a missing association (the contact reached HubSpot after the ticket). One more request per ticket.',
					},
					{
						name: 'When the Ticket Is Created',
						value: 'created',
						description: 'A Kirim conversation keeps its contact',
					},
				],
				default: 'created',
				description:
					'When to associate the ticket with the conversation’s HubSpot contact: one contact read per 100 tickets, then one request per ticket',
			},
			{
				displayName: 'Clear Owner When Unassigned',
				name: 'clearOwner',
				type: 'boolean',
				default: false,
				description: 'Whether a conversation with no assignee empties the ticket owner (Kirim owns the assignment)',
			},
			{
				displayName: 'Contact ID Property',
				name: 'contactIdProperty',
				type: 'string',
				default: DEFAULT_ID_PROPERTY,
				description:
					'HubSpot contact property holding the Kirim contact ID (as the Contact → Create or Update operation writes it)',
			},
			matchByOption,
			rateBudgetField,
			{
				displayName: 'Stamp Sync Time',
				name: 'stamp',
				type: 'boolean',
				default: true,
				description: `Whether to write the sync time to the ticket property ${DEFAULT_SYNC_STAMP_PROPERTY} (created by Ensure Properties)`,
			},
		],
	},
	fieldOwnershipProperty(undefined, 'subject'),
];

export const description = updateDisplayOptions({ show }, properties);

function statusOf(ctx: IExecuteFunctions, i: number): ConversationStatus | undefined {
	const raw = String(ctx.getNodeParameter('status', i, '') ?? '')
		.trim()
		.toLowerCase();
	if (!raw) return undefined;
	if ((CONVERSATION_STATUSES as readonly string[]).includes(raw)) return raw as ConversationStatus;
	throw new NodeOperationError(
		ctx.getNode(),
		`"${raw.slice(0, 40)}" is not a Kirim conversation status (open, pending or resolved)`,
		{ itemIndex: i },
	);
}

/** One item's wish, or the reason it cannot be sent (reported on that item, never dropped). */
function requestFor(ctx: IExecuteFunctions, i: number): TicketSyncRequest {
	const { fields, ownership } = readMappings(ctx, i);
	return {
		itemIndex: i,
		conversationId: conversationIdOf(ctx, i),
		contactId: optionalKirimId(ctx, 'kirimContactId', 'ctc', i),
		subject: textParameter(ctx, 'subject', i),
		status: statusOf(ctx, i),
		pipelineId: pipelineOf(ctx, i),
		stages: {
			open: textParameter(ctx, 'openStage', i),
			pending: textParameter(ctx, 'pendingStage', i),
			resolved: textParameter(ctx, 'resolvedStage', i),
		},
		assignee: { id: textParameter(ctx, 'assigneeId', i), email: textParameter(ctx, 'assigneeEmail', i) },
		ownerOverrides: overrideTable((ctx.getNodeParameter('ownerOverrides.override', i, []) as IDataObject[]) ?? []),
		fields,
		ownership,
		// A production run started by a Kirim or HubSpot event stamps that event's time (as contacts do): run twice,
		// it writes the same values and changes nothing.
		stampAt: triggeringEventTime(ctx, i),
	};
}

export async function execute(this: IExecuteFunctions, client: HubSpotClient): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const associate: AssociateMode =
		(['never', 'always', 'created'] as const).find((m) => m === options.associate) ?? 'created';
	return await forItemsInBatch(
		this,
		(i) => requestFor(this, i),
		async (requests) =>
			(
				await syncTicketsToHubSpot(client, requests, {
					conversationProperty: textParameter(this, 'conversationIdProperty', 0),
					contactIdProperty: String(options.contactIdProperty ?? '').trim() || DEFAULT_ID_PROPERTY,
					matchBy: matchModeOf(options),
					associate,
					clearOwner: options.clearOwner === true,
					stampProperty: options.stamp === false ? undefined : DEFAULT_SYNC_STAMP_PROPERTY,
					now: () => new Date().toISOString(),
				})
			).results,
		(result) => ({
			...ticketJson(result),
			owner: (result.owner as unknown as IDataObject) ?? null,
			associatedContactId: result.association?.status === 'associated' ? (result.association.contactId ?? null) : null,
			association: (result.association as unknown as IDataObject) ?? null,
		}),
	);
}
