import type { INodeProperties } from 'n8n-workflow';

import * as attachLabel from './attachLabel.operation';
import * as create from './create.operation';
import * as detachLabel from './detachLabel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { attachLabel, create, detachLabel, get, getAll, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{ name: 'Attach Label', value: 'attachLabel', action: 'Attach a label to a contact' },
			{ name: 'Create', value: 'create', action: 'Create a contact' },
			{ name: 'Create or Update', value: 'upsert', action: 'Create or update a contact by phone number' },
			{ name: 'Detach Label', value: 'detachLabel', action: 'Detach a label from a contact' },
			{ name: 'Get', value: 'get', action: 'Get a contact' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many contacts' },
			{ name: 'Update', value: 'update', action: 'Update a contact' },
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
	...create.description,
	...update.description,
	...upsert.description,
	...attachLabel.description,
	...detachLabel.description,
];
