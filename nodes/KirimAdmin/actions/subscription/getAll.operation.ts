import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';

import { listFor, returnAllFields } from '../../../shared/node/kirim-list-operation';
import { withoutSecrets } from '../redact';
import { SUBSCRIPTIONS } from './subscription-id';

const properties: INodeProperties[] = [...returnAllFields('subscriptions')];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => withoutSecrets(await listFor(this, client, SUBSCRIPTIONS, {}, i)));
}
