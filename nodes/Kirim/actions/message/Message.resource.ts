import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as sendTemplate from './sendTemplate.operation';
import * as sendText from './sendText.operation';

export { get, getAll, sendTemplate, sendText };

/** The operations of the message resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{ name: 'Get', value: 'get', action: 'Get a message' },
	{ name: 'Get Many', value: 'getAll', action: 'Get many messages of a conversation' },
	{ name: 'Send Template', value: 'sendTemplate', action: 'Send a template message' },
	{ name: 'Send Text', value: 'sendText', action: 'Send a text message' },
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('message', operationOptions, 'sendText', [
	sendText,
	sendTemplate,
	getAll,
	get,
]);
