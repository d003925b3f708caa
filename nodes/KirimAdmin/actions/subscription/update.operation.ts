import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { KIRIM_EVENTS } from '../../../shared/kirim/events';
import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';

import { withoutSecrets } from '../redact';
import { subscriptionIdField, subscriptionPath } from './subscription-id';

const properties: INodeProperties[] = [
	subscriptionIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: KIRIM_EVENTS.map((e) => ({ name: e.name, value: e.name, description: e.description })),
				default: [],
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active (Resume or Re-Enable)', value: 'active' },
					{ name: 'Paused', value: 'paused' },
				],
				default: 'active',
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				description: 'HTTPS only; Kirim refuses plain-http URLs',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const body: IDataObject = {};
		if (typeof fields.url === 'string' && fields.url.trim()) body.url = fields.url.trim();
		if (typeof fields.description === 'string' && fields.description !== '') body.description = fields.description;
		if (Array.isArray(fields.events) && fields.events.length > 0) body.events = fields.events;
		if (fields.status) body.status = fields.status;
		if (Object.keys(body).length === 0)
			throw new NodeOperationError(this.getNode(), 'Nothing to update: fill in a field', { itemIndex: i });
		return withoutSecrets(
			await client.data<IDataObject>({ method: 'PATCH', path: subscriptionPath(this, i), body }, i),
		);
	});
}
