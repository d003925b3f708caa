import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { contactLocator, labelField, phoneNumberField } from '../common.descriptions';
import { labelPath } from './label-path';

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['detachLabel'] } }, [
	contactLocator,
	labelField,
	phoneNumberField,
]);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const labelId = encodeURIComponent(String(this.getNodeParameter('labelId', i)));
		return await client.data<IDataObject>({ method: 'DELETE', path: labelPath(this, client, i, `/${labelId}`) }, i);
	});
}
