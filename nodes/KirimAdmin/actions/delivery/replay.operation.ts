import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { idempotencyKeyFor } from '../../../shared/node/idempotency-key';

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

function deliveryId(ctx: IExecuteFunctions, i: number): string {
	const id = String(ctx.getNodeParameter('deliveryId', i, '')).trim();
	if (!id.startsWith('wbd_'))
		throw new NodeOperationError(ctx.getNode(), `"${id}" is not a wbd_… delivery ID`, { itemIndex: i });
	return encodeURIComponent(id);
}

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const path = `${DELIVERIES}/${deliveryId(this, i)}/replay`;
		return await client.data<IDataObject>(
			{ method: 'POST', path, idempotencyKey: idempotencyKeyFor(this, i, 'POST', path, {}) },
			i,
		);
	});
}
