import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { contactLocator, locatorValue, phoneNumberField, phoneNumberIdOf } from '../common.descriptions';

const properties: INodeProperties[] = [contactLocator, phoneNumberField];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const id = locatorValue(this, 'contactId', i);
		// Only the org-level GET /v1/contacts/{id} is documented
		// (https://kirim-dev.pages.dev/api/operations/contactsid/get/); the phone-scoped form is inferred.
		const path = client.scopedPath('contacts', `/${encodeURIComponent(id)}`, phoneNumberIdOf(this, i), i);
		return await client.data<IDataObject>({ method: 'GET', path }, i);
	});
}
