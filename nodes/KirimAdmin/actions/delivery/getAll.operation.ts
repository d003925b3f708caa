import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';

import { listFor, returnAllFields } from '../../../shared/node/kirim-list-operation';
import { DELIVERIES } from './deliveries-path';

const properties: INodeProperties[] = [
	...returnAllFields('deliveries'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		description: 'Kirim does not document this list’s filters; these are sent as query parameters',
		options: [
			{ displayName: 'Event Type', name: 'event_type', type: 'string', default: '' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: ['pending', 'delivered', 'failed', 'dead'].map((s) => ({
					name: s[0].toUpperCase() + s.slice(1),
					value: s,
				})),
				default: 'dead',
			},
			{ displayName: 'Subscription ID', name: 'subscription_id', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['delivery'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '' && v !== undefined));
		return await listFor(this, client, DELIVERIES, qs, i);
	});
}
