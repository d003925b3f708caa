import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { get, getAll, update };

/** The operations of the conversation resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{ name: 'Get', value: 'get', action: 'Get a conversation' },
	{ name: 'Get Many', value: 'getAll', action: 'Get many conversations' },
	{ name: 'Update', value: 'update', action: 'Update a conversation' },
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('conversation', operationOptions, 'getAll', [get, getAll, update]);
