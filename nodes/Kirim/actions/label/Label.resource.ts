import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as create from './create.operation';
import * as deleteLabel from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

// `delete` is a reserved word, so the Delete operation's namespace is deleteLabel.
export { create, deleteLabel, get, getAll, update };

/** The operations of the label resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{ name: 'Create', value: 'create', action: 'Create a label' },
	{ name: 'Delete', value: 'delete', action: 'Delete a label' },
	{ name: 'Get', value: 'get', action: 'Get a label' },
	{ name: 'Get Many', value: 'getAll', action: 'Get many labels' },
	{ name: 'Update', value: 'update', action: 'Update a label' },
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('label', operationOptions, 'getAll', [
	getAll,
	get,
	create,
	update,
	deleteLabel,
]);
