import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as deleteOperation from './delete.operation';
import * as getAll from './getAll.operation';

export { deleteOperation, getAll };

/** The operations of the journal subscription resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{ name: 'Delete', value: 'delete', action: 'Delete a journal subscription' },
	{ name: 'Get Many', value: 'getAll', action: 'Get many journal subscriptions' },
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('subscription', operationOptions, 'getAll', [getAll, deleteOperation]);
