import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { closeTickets, type TicketCloseRequest } from './ticket-sync';

import { forItemsInBatch } from '../../../shared/node/batched';

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
import { DEFAULT_SYNC_STAMP_PROPERTY } from '../../../shared/hubspot/sync-properties';

const show = { resource: ['ticket'], operation: ['close'] };

const properties: INodeProperties[] = [
	conversationIdField,
	{
		...pipelineField,
		description: `${pipelineField.description} A ticket in another pipeline is moved into this one.`,
	},
	stageField(
		'closedStage',
		'Closed Stage',
		'the first closed stage of the pipeline (metadata ticketState CLOSED, or isClosed true)',
	),
	conversationIdPropertyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
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
];

export const description = updateDisplayOptions({ show }, properties);

export async function execute(this: IExecuteFunctions, client: HubSpotClient): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	return await forItemsInBatch(
		this,
		(i): TicketCloseRequest => ({
			itemIndex: i,
			conversationId: conversationIdOf(this, i),
			pipelineId: pipelineOf(this, i),
			stage: String(this.getNodeParameter('closedStage', i, '')).trim(),
		}),
		async (requests) =>
			(
				await closeTickets(client, requests, {
					conversationProperty: String(this.getNodeParameter('conversationIdProperty', 0)).trim(),
					matchBy: matchModeOf(options),
					stampProperty: options.stamp === false ? undefined : DEFAULT_SYNC_STAMP_PROPERTY,
					now: () => new Date().toISOString(),
				})
			).results,
		ticketJson,
	);
}
