import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as close from './close.operation';
import * as ensureProperties from './ensureProperties.operation';
import * as upsert from './upsert.operation';

export { close, ensureProperties, upsert };

/** The operations of the ticket resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{
		name: 'Close',
		value: 'close',
		description: 'Move the conversation’s ticket to a closed stage',
		action: 'Close the ticket of a conversation',
	},
	{
		name: 'Create or Update',
		value: 'upsert',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		action: 'Create or update a ticket for a conversation',
	},
	{
		name: 'Ensure Properties',
		value: 'ensureProperties',
		description: 'Create the conversation ID and sync-time ticket properties when missing',
		action: 'Ensure the ticket sync properties exist',
	},
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('ticket', operationOptions, 'upsert', [upsert, close, ensureProperties]);
