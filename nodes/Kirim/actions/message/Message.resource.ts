import type { INodeProperties } from 'n8n-workflow';

import * as sendTemplate from './sendTemplate.operation';
import * as sendText from './sendText.operation';

export { sendTemplate, sendText };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Send Template', value: 'sendTemplate', action: 'Send a template message' },
			{ name: 'Send Text', value: 'sendText', action: 'Send a text message' },
		],
		default: 'sendText',
	},
	...sendText.description,
	...sendTemplate.description,
];
