import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { contactLocator, locatorValue, phoneNumberField, phoneNumberIdOf } from '../common.descriptions';

const properties: INodeProperties[] = [contactLocator, phoneNumberField];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const id = locatorValue(this, 'contactId', i);
		// S2 documents GET /v1/contacts/{id}; the phone-scoped form is inferred (kirim-api.md §3 "Endpoints").
		const path = client.scopedPath('contacts', `/${encodeURIComponent(id)}`, phoneNumberIdOf(this, i), i);
		return await client.data<IDataObject>({ method: 'GET', path }, i);
	});
}
