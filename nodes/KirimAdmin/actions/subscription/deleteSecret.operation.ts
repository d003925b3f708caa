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
import { prefixedId } from '../prefixed-id';
import { subscriptionIdField, subscriptionPath } from './subscription-id';

const properties: INodeProperties[] = [
	subscriptionIdField,
	{
		displayName: 'Secret ID',
		// Not named *secret*: it is the ID of a signing secret (sec_…), not a secret, and must stay readable.
		name: 'signingKeyId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'sec_01HXYZ…',
		description: 'Kirim stops signing with it on the next event',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['deleteSecret'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const path = `${subscriptionPath(this, i)}/secrets/${encodeURIComponent(prefixedId(this, 'signingKeyId', 'sec', 'ID', i))}`;
		return withoutSecrets(await client.data<IDataObject>({ method: 'DELETE', path }, i));
	});
}
