import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { AUTO_STAGE, DEFAULT_TICKET_PIPELINE } from '../../../shared/hubspot/pipelines';

import { type TicketMatchMode } from '../../../shared/hubspot/tickets';
import { requiredKirimId } from '../../../shared/node/parameters';
import { DEFAULT_CONVERSATION_PROPERTY } from '../../../shared/hubspot/sync-properties';

/** Parameters every ticket operation shares; each operation adds its displayOptions. */

export const conversationIdField: INodeProperties = {
	displayName: 'Kirim Conversation ID',
	name: 'kirimConversationId',
	type: 'string',
	default: '={{ $json.data?.conversation?.id ?? $json.id }}',
	required: true,
	placeholder: 'cnv_01J…',
	description:
		'The Kirim conversation this ticket is keyed by. The default reads it from a Kirim Trigger conversation event or a Kirim conversation.',
};

export const conversationIdPropertyField: INodeProperties = {
	displayName: 'Conversation ID Property',
	name: 'conversationIdProperty',
	type: 'string',
	default: DEFAULT_CONVERSATION_PROPERTY,
	required: true,
	description:
		'HubSpot ticket property that holds the Kirim conversation ID. Create it with the Ensure Properties operation; with unique values tickets are upserted by it, otherwise found by search first.',
};

export const pipelineField: INodeProperties = {
	displayName: 'Pipeline Name or ID',
	name: 'pipeline',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTicketPipelines' },
	default: DEFAULT_TICKET_PIPELINE,
	required: true,
	description:
		'Ticket pipeline the stages belong to (HubSpot’s default pipeline has ID 0). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** A stage dropdown of the chosen pipeline; the first entry, Automatic, picks by the stages' open / closed state. */
export function stageField(name: string, displayName: string, automatic: string): INodeProperties {
	return {
		displayName: `${displayName} Name or ID`,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTicketStages', loadOptionsDependsOn: ['pipeline'] },
		default: AUTO_STAGE,
		required: true,
		description: `Automatic: ${automatic}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

export const matchByOption: INodeProperties = {
	displayName: 'Match Tickets By',
	name: 'matchBy',
	type: 'options',
	options: [
		{
			name: 'Automatic',
			value: 'auto',
			description:
				'Upsert by the conversation property when it has unique values, else search first. Costs one read per run.',
		},
		{
			name: 'Unique Property',
			value: 'unique',
			description: 'The property has unique values: tickets are upserted by it',
		},
		{
			name: 'Search, Then Create or Update',
			value: 'search',
			description:
				'For portals that refuse unique-value ticket properties. Two runs for one new conversation seconds apart may create two tickets: search lags behind writes.',
		},
	],
	default: 'auto',
};

export const conversationIdOf = (ctx: IExecuteFunctions, i: number): string =>
	requiredKirimId(ctx, 'kirimConversationId', 'cnv', i);

export function pipelineOf(ctx: IExecuteFunctions, i: number): string {
	const id = String(ctx.getNodeParameter('pipeline', i, '') ?? '').trim();
	if (!id)
		throw new NodeOperationError(ctx.getNode(), 'Choose a ticket pipeline (HubSpot’s default pipeline has ID 0)', {
			itemIndex: i,
		});
	return id;
}

export function matchModeOf(options: IDataObject): TicketMatchMode {
	if (options.matchBy === 'unique') return 'upsert';
	return options.matchBy === 'search' ? 'search' : 'auto';
}
