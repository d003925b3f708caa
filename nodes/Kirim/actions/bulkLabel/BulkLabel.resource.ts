import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as attach from './attach.operation';
import * as detach from './detach.operation';

export { attach, detach };

/** The operations of the bulkLabel resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{ name: 'Attach', value: 'attach', action: 'Attach a label to many contacts' },
	{ name: 'Detach', value: 'detach', action: 'Detach a label from many contacts' },
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('bulkLabel', operationOptions, 'attach', [attach, detach]);
