import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';

import { withoutSecrets } from '../redact';
import { subscriptionIdField, subscriptionPath } from './subscription-id';

const properties: INodeProperties[] = [subscriptionIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) =>
		withoutSecrets(await client.data<IDataObject>({ method: 'GET', path: subscriptionPath(this, i) }, i)),
	);
}
