import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteLabel from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

// `delete` is a reserved word, so the Delete operation's namespace is deleteLabel.
export { create, deleteLabel, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['label'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a label' },
			{ name: 'Delete', value: 'delete', action: 'Delete a label' },
			{ name: 'Get', value: 'get', action: 'Get a label' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many labels' },
			{ name: 'Update', value: 'update', action: 'Update a label' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...create.description,
	...update.description,
	...deleteLabel.description,
];
