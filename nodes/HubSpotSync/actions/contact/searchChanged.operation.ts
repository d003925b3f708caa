import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { changedSince } from '../../../shared/hubspot/search-window';

import { returnAllAndLimit } from '../../../shared/node/limit-fields';
import { DEFAULT_SYNC_STAMP_PROPERTY } from '../../../shared/hubspot/sync-properties';

const properties: INodeProperties[] = [
	{
		displayName: 'Changed Since',
		name: 'since',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Contacts whose last modification is at or after this moment, oldest first',
	},
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'string',
		default: `firstname,lastname,email,phone,kirim_contact_id,${DEFAULT_SYNC_STAMP_PROPERTY}`,
		description: 'Comma-separated HubSpot property names to return',
	},
	...returnAllAndLimit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['searchChanged'] } },
	properties,
);

/**
 * Search's 10 000-result cap is handled by the shared window iterator, so "Return All" really returns all.
 * One run for the whole input (the first item's parameters): a search per item would repeat the same walk.
 */
export async function execute(this: IExecuteFunctions, client: HubSpotClient): Promise<INodeExecutionData[]> {
	const raw = this.getNodeParameter('since', 0) as string;
	const sinceMs = Date.parse(raw);
	if (!raw || Number.isNaN(sinceMs)) {
		throw new NodeOperationError(
			this.getNode(),
			`"Changed Since" must be a date and time, not "${String(raw).slice(0, 40)}"`,
			{ itemIndex: 0 },
		);
	}
	const returnAll = this.getNodeParameter('returnAll', 0) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 0) as number);
	const names = String(this.getNodeParameter('properties', 0, ''))
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	const out: INodeExecutionData[] = [];
	for await (const page of changedSince(client, { objectType: 'contacts', sinceMs, properties: names })) {
		for (const contact of page) {
			out.push({ json: contact as unknown as IDataObject, pairedItem: { item: 0 } });
			if (out.length >= limit) return out;
		}
	}
	return out;
}
