import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as attachLabel from './attachLabel.operation';
import * as create from './create.operation';
import * as detachLabel from './detachLabel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { attachLabel, create, detachLabel, get, getAll, update, upsert };

/** The operations of the contact resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{ name: 'Attach Label', value: 'attachLabel', action: 'Attach a label to a contact' },
	{ name: 'Create', value: 'create', action: 'Create a contact' },
	{ name: 'Create or Update', value: 'upsert', action: 'Create or update a contact by phone number' },
	{ name: 'Detach Label', value: 'detachLabel', action: 'Detach a label from a contact' },
	{ name: 'Get', value: 'get', action: 'Get a contact' },
	{ name: 'Get Many', value: 'getAll', action: 'Get many contacts' },
	{ name: 'Update', value: 'update', action: 'Update a contact' },
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('contact', operationOptions, 'get', [
	get,
	getAll,
	create,
	update,
	upsert,
	attachLabel,
	detachLabel,
]);
