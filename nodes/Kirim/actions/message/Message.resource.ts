import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as sendTemplate from './sendTemplate.operation';
import * as sendText from './sendText.operation';

export { sendTemplate, sendText };

/** The operations of the message resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{ name: 'Send Template', value: 'sendTemplate', action: 'Send a template message' },
	{ name: 'Send Text', value: 'sendText', action: 'Send a text message' },
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('message', operationOptions, 'sendText', [sendText, sendTemplate]);
