import {
	NodeApiError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import {
	ensureProperty,
	kirimIdProperty,
	syncStampProperty,
	type EnsuredProperty,
} from '../../../shared/hubspot/properties';

import { conversationIdPropertyField } from './fields';
import { DEFAULT_SYNC_STAMP_PROPERTY } from '../../../shared/hubspot/sync-properties';

const properties: INodeProperties[] = [
	{
		displayName: `Creates the Kirim conversation ID property (with unique values where HubSpot allows it on tickets) and ${DEFAULT_SYNC_STAMP_PROPERTY} on HubSpot tickets when they are missing. Safe to run again. Needs the tickets scope.`,
		name: 'ensureTicketNotice',
		type: 'notice',
		default: '',
	},
	conversationIdPropertyField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ticket'], operation: ['ensureProperties'] } },
	properties,
);

const SEARCH_NOTE = 'Tickets are matched by search before writing (Match Tickets By: Automatic picks this).';

/**
 * The conversation property with unique values, so tickets can be upserted by it. HubSpot documents unique-value
 * properties for contacts (https://developers.hubspot.com/docs/api-reference/latest/crm/objects/contacts/guide); when HubSpot
 * refuses one on tickets (400), a plain property is made instead and the ticket operations find tickets by search.
 */
async function ensureConversationProperty(
	client: HubSpotClient,
	name: string,
): Promise<EnsuredProperty & { matchBy: string }> {
	const unique = kirimIdProperty(name, 'conversation');
	try {
		const result = await ensureProperty(client, 'tickets', unique);
		if (result.hasUniqueValue) return { ...result, matchBy: 'upsert' };
		return {
			...result,
			matchBy: 'search',
			warning: `The property ${name} exists without unique values. ${SEARCH_NOTE}`,
		};
	} catch (error) {
		// NodeApiError hands back an error of its own kind unchanged: a missing scope still names the scope.
		if (!(error instanceof NodeApiError) || error.httpCode !== '400')
			throw new NodeApiError(client.context.getNode(), error as JsonObject);
		const plain = await ensureProperty(client, 'tickets', { ...unique, hasUniqueValue: false });
		return {
			...plain,
			matchBy: 'search',
			warning: `HubSpot refused a unique-value ticket property (${(error as Error).message}), so ${name} was made without unique values. ${SEARCH_NOTE}`,
		};
	}
}

/** Runs once whatever the input: the properties belong to the account, not to an item. */
export async function execute(this: IExecuteFunctions, client: HubSpotClient): Promise<INodeExecutionData[]> {
	const name = String(this.getNodeParameter('conversationIdProperty', 0)).trim();
	const results: IDataObject[] = [
		(await ensureConversationProperty(client, name)) as unknown as IDataObject,
		(await ensureProperty(client, 'tickets', syncStampProperty(DEFAULT_SYNC_STAMP_PROPERTY))) as unknown as IDataObject,
	];
	return results.map((json) => ({ json, pairedItem: { item: 0 } }));
}
