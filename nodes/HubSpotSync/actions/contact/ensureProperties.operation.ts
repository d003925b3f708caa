import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { ensureProperty, kirimIdProperty, syncStampProperty } from '../../../shared/hubspot/properties';

import { idPropertyField } from '../common';
import { DEFAULT_SYNC_STAMP_PROPERTY } from '../../../shared/hubspot/sync-properties';

const properties: INodeProperties[] = [
	{
		displayName: `Creates the unique Kirim ID property and ${DEFAULT_SYNC_STAMP_PROPERTY} on HubSpot contacts when they are missing. Safe to run again. Needs the crm.schemas.contacts.write scope.`,
		name: 'ensureNotice',
		type: 'notice',
		default: '',
	},
	idPropertyField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['ensureProperties'] } },
	properties,
);

/** Runs once whatever the input: the properties belong to the account, not to an item. */
export async function execute(this: IExecuteFunctions, client: HubSpotClient): Promise<INodeExecutionData[]> {
	const idProperty = String(this.getNodeParameter('idProperty', 0));
	const results = [
		await ensureProperty(client, 'contacts', kirimIdProperty(idProperty, 'contact')),
		await ensureProperty(client, 'contacts', syncStampProperty(DEFAULT_SYNC_STAMP_PROPERTY)),
	];
	return results.map((r) => ({ json: r as unknown as IDataObject, pairedItem: { item: 0 } }));
}
