import type { INodeProperties } from 'n8n-workflow';

import * as attach from './attach.operation';
import * as detach from './detach.operation';

export { attach, detach };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bulkLabel'] } },
		options: [
			{ name: 'Attach', value: 'attach', action: 'Attach a label to many contacts' },
			{ name: 'Detach', value: 'detach', action: 'Detach a label from many contacts' },
		],
		default: 'attach',
	},
	...attach.description,
	...detach.description,
];
