import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { conversationLocator, phoneNumberField } from '../common.descriptions';
import { conversationPath } from './conversation-path';

const properties: INodeProperties[] = [conversationLocator, phoneNumberField];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(
		this,
		async (i) => await client.data<IDataObject>({ method: 'GET', path: conversationPath(this, client, i) }, i),
	);
}
