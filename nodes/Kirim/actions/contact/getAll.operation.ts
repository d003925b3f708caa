import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { normalisePhone } from '../../../shared/sync/phone';
import { phoneNumberField, phoneNumberIdOf } from '../common.descriptions';
import { listFor, returnAllFields } from '../../../shared/node/kirim-list-operation';

const properties: INodeProperties[] = [
	...returnAllFields('contacts'),
	phoneNumberField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only contacts created after this time. Shown in Kirim’s CRM-sync guide example but not on the contacts API page, so your Kirim API may ignore it.',
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: '+628111222333',
				description: 'Exact match on the phone number (normalised to E.164)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Partial match on name and email (1–200 characters)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		if (filters.phone) {
			const phone = normalisePhone(filters.phone);
			if (!phone.ok) throw new NodeOperationError(this.getNode(), `Phone filter: ${phone.reason}`, { itemIndex: i });
			qs.phone = phone.e164;
		}
		if (filters.search) {
			const search = String(filters.search);
			if (search.length > 200) {
				throw new NodeOperationError(this.getNode(), `Search has ${search.length} characters; Kirim accepts 1–200`, {
					itemIndex: i,
				});
			}
			qs.search = search;
		}
		// Only an example in Kirim's "Sync Your CRM" guide uses this filter; the contacts list page documents none.
		if (filters.createdAfter) qs.created_after = new Date(String(filters.createdAfter)).toISOString();
		return await listFor(this, client, client.scopedPath('contacts', '', phoneNumberIdOf(this, i), i), qs, i);
	});
}
