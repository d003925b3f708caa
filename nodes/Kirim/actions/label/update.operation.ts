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
import { labelField } from '../common.descriptions';
import { colorField, labelName, labelPath } from './label-fields';

const properties: INodeProperties[] = [
	labelField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [colorField, { displayName: 'Name', name: 'name', type: 'string', default: '' }],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['label'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const body: IDataObject = {};
		if (fields.name !== undefined && fields.name !== '') body.name = labelName(this, fields.name, i);
		if (fields.color) body.color = fields.color;
		if (Object.keys(body).length === 0)
			throw new NodeOperationError(this.getNode(), 'Nothing to update: fill in a field', { itemIndex: i });
		return await client.data<IDataObject>({ method: 'PATCH', path: labelPath(this, i), body }, i);
	});
}
