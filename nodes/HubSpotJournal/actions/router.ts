import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { JournalClient } from '../../shared/hubspot/journal';
import { routeOperation, type OperationMap } from '../../shared/node/route';
import * as subscription from './subscription/Subscription.resource';

type Dropdowns = { subscription: typeof subscription.operationOptions };

export const operations: OperationMap<Dropdowns, JournalClient> = {
	subscription: {
		getAll: subscription.getAll.execute,
		delete: subscription.deleteOperation.execute,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, JournalClient.create, (_resource, operation) => {
		// A deleted subscription stops the journal for every workflow that reads it: not a choice for an AI agent.
		if (this.isToolExecution() && operation !== 'getAll') {
			throw new NodeOperationError(this.getNode(), `HubSpot Journal does not run "${operation}" for an AI agent`, {
				description: 'As a tool it only lists subscriptions. Delete one from a workflow step.',
			});
		}
	});
}
