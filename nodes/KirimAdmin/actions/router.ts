import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { KirimClient } from '../../shared/kirim/client';
import { routeKirimOperation } from '../../shared/node/kirim-route';
import type { OperationMap } from '../../shared/node/route';
import * as delivery from './delivery/Delivery.resource';
import * as subscription from './subscription/Subscription.resource';

type Dropdowns = {
	subscription: typeof subscription.operationOptions;
	delivery: typeof delivery.operationOptions;
};

export const operations: OperationMap<Dropdowns, KirimClient> = {
	subscription: {
		getAll: subscription.getAll.execute,
		get: subscription.get.execute,
		update: subscription.update.execute,
		rotateSecret: subscription.rotateSecret.execute,
		deleteSecret: subscription.deleteSecret.execute,
	},
	delivery: {
		getAll: delivery.getAll.execute,
		replay: delivery.replay.execute,
		bulkReplay: delivery.bulkReplay.execute,
	},
};

/** What an AI agent may do with this node: read. Secrets, replays and changes need a workflow a person built. */
const TOOL_SAFE = new Set(['get', 'getAll']);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeKirimOperation(this, operations, (_resource, operation) => {
		if (this.isToolExecution() && !TOOL_SAFE.has(operation)) {
			throw new NodeOperationError(this.getNode(), `Kirim Admin does not run "${operation}" for an AI agent`, {
				description:
					'As a tool it only reads subscriptions and deliveries. Run secret rotation, replays and updates from a workflow step.',
			});
		}
	});
}
