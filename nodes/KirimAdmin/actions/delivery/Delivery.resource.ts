import type { INodeProperties } from 'n8n-workflow';

import * as bulkReplay from './bulkReplay.operation';
import * as getAll from './getAll.operation';
import * as replay from './replay.operation';

export { bulkReplay, getAll, replay };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['delivery'] } },
		options: [
			{ name: 'Bulk Replay', value: 'bulkReplay', action: 'Replay the dead lettered deliveries of a subscription' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many webhook deliveries' },
			{ name: 'Replay', value: 'replay', action: 'Replay a webhook delivery' },
		],
		default: 'bulkReplay',
	},
	...getAll.description,
	...replay.description,
	...bulkReplay.description,
];
