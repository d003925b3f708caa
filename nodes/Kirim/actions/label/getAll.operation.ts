import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { listFor, returnAllFields } from '../../../shared/node/kirim-list-operation';
import { LABELS } from './label-fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['label'], operation: ['getAll'] } },
	returnAllFields('labels'),
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => await listFor(this, client, LABELS, {}, i));
}
