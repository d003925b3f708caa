import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { JournalClient } from '../../../shared/hubspot/journal';
import { forEachItem } from '../../../shared/node/per-item';

export const description: INodeProperties[] = [];

/** One item per subscription of the app (all portals), for each input item. */
export async function execute(this: IExecuteFunctions, client: JournalClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async () => await client.listSubscriptions());
}
