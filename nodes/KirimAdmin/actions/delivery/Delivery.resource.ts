import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as bulkReplay from './bulkReplay.operation';
import * as getAll from './getAll.operation';
import * as replay from './replay.operation';

export { bulkReplay, getAll, replay };

/** The operations of the delivery resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{ name: 'Bulk Replay', value: 'bulkReplay', action: 'Replay the dead lettered deliveries of a subscription' },
	{ name: 'Get Many', value: 'getAll', action: 'Get many webhook deliveries' },
	{ name: 'Replay', value: 'replay', action: 'Replay a webhook delivery' },
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('delivery', operationOptions, 'bulkReplay', [getAll, replay, bulkReplay]);
