import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { idempotencyKeyFor } from '../../../shared/node/idempotency-key';

import { prefixedId } from '../prefixed-id';
import { DELIVERIES } from './deliveries-path';

const properties: INodeProperties[] = [
	{
		displayName: 'Delivery ID',
		name: 'deliveryId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'wbd_01HXYZ…',
		description: 'Kirim sends it again as a new delivery and keeps this one',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['delivery'], operation: ['replay'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const path = `${DELIVERIES}/${encodeURIComponent(prefixedId(this, 'deliveryId', 'wbd', 'delivery ID', i))}/replay`;
		return await client.data<IDataObject>(
			{ method: 'POST', path, idempotencyKey: idempotencyKeyFor(this, i, 'POST', path, {}) },
			i,
		);
	});
}
