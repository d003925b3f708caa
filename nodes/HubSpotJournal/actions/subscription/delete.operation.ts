import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { JournalClient } from '../../../shared/hubspot/journal';
import { forEachItem } from '../../../shared/node/per-item';

const properties: INodeProperties[] = [
	{
		displayName: 'Subscription ID',
		name: 'subscriptionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1234567',
		description: 'The numeric ID of the journal subscription (Get Many lists them)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['delete'] } },
	properties,
);

/** Deletes a journal subscription: HubSpot stops writing its changes to the journal; what is there stays readable. */
export async function execute(this: IExecuteFunctions, client: JournalClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const id = String(this.getNodeParameter('subscriptionId', i, '') ?? '').trim();
		if (!/^\d+$/.test(id)) {
			throw new NodeOperationError(
				this.getNode(),
				`"${id.slice(0, 40)}" is not a journal subscription ID (digits only)`,
				{
					itemIndex: i,
				},
			);
		}
		await client.deleteSubscription(id);
		return { deleted: true, subscriptionId: id };
	});
}
