import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { labelField } from '../common.descriptions';
import { labelPath } from './label-fields';

const properties: INodeProperties[] = [
	labelField,
	{
		displayName: 'Deleting a label removes it from every contact and conversation that has it.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['label'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(
		this,
		async (i) => await client.data<IDataObject>({ method: 'DELETE', path: labelPath(this, i) }, i),
	);
}
