import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as deleteSecret from './deleteSecret.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as rotateSecret from './rotateSecret.operation';
import * as update from './update.operation';

export { deleteSecret, get, getAll, rotateSecret, update };

/** The operations of the subscription resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{ name: 'Delete Secret', value: 'deleteSecret', action: 'Delete a signing secret of a subscription' },
	{ name: 'Get', value: 'get', action: 'Get a webhook subscription' },
	{ name: 'Get Many', value: 'getAll', action: 'Get many webhook subscriptions' },
	{ name: 'Rotate Secret', value: 'rotateSecret', action: 'Issue a new signing secret for a subscription' },
	{ name: 'Update', value: 'update', action: 'Update a webhook subscription' },
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('subscription', operationOptions, 'getAll', [
	getAll,
	get,
	update,
	rotateSecret,
	deleteSecret,
]);
