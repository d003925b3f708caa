import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { bulkLabel, bulkLabelFields } from './bulk-label';

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkLabel'], operation: ['attach'] } },
	bulkLabelFields,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await bulkLabel(this, client, 'attach');
}
