import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { contactLocator, labelField, locatorValue, phoneNumberField, phoneNumberIdOf } from '../common.descriptions';

const properties: INodeProperties[] = [contactLocator, labelField, phoneNumberField];

export const attachDescription = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['attachLabel'] } },
	properties,
);
export const detachDescription = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['detachLabel'] } },
	properties,
);

// Only the org-level POST /v1/contacts/{id}/labels and DELETE …/labels/{label_id} are documented
// (https://kirim-dev.pages.dev/api/operations/contactsidlabels/); the phone-scoped form is inferred.
function labelPath(ctx: IExecuteFunctions, client: KirimClient, i: number, rest = ''): string {
	const contact = encodeURIComponent(locatorValue(ctx, 'contactId', i));
	return client.scopedPath('contacts', `/${contact}/labels${rest}`, phoneNumberIdOf(ctx, i), i);
}

export async function attach(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const labelId = String(this.getNodeParameter('labelId', i));
		return await client.data<IDataObject>(
			{ method: 'POST', path: labelPath(this, client, i), body: { label_id: labelId } },
			i,
		);
	});
}

export async function detach(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const labelId = encodeURIComponent(String(this.getNodeParameter('labelId', i)));
		return await client.data<IDataObject>({ method: 'DELETE', path: labelPath(this, client, i, `/${labelId}`) }, i);
	});
}
