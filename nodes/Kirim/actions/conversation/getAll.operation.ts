import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { isKirimId } from '../../../shared/kirim/ids';
import { forEachItem } from '../../../shared/node/per-item';
import { phoneNumberField, phoneNumberIdOf } from '../common.descriptions';
import { listFor, returnAllFields } from '../../../shared/node/kirim-list-operation';
import { CONVERSATION_STATUS_OPTIONS } from '../../../shared/kirim/conversations';

const properties: INodeProperties[] = [
	phoneNumberField,
	...returnAllFields('conversations'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{ displayName: 'Contact ID', name: 'contactId', type: 'string', default: '', placeholder: 'ctc_…' },
			{ displayName: 'Status', name: 'status', type: 'options', options: CONVERSATION_STATUS_OPTIONS, default: 'open' },
		],
	},
	{
		displayName:
			'Conversations come most recently active first (by last message); an assignment or a close does not move them.',
		name: 'orderNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		if (filters.status) qs.status = filters.status;
		if (filters.contactId) {
			if (!isKirimId(filters.contactId, 'ctc')) {
				throw new NodeOperationError(
					this.getNode(),
					`"${String(filters.contactId)}" is not a contact ID (ctc_ + 26 characters)`,
					{ itemIndex: i },
				);
			}
			qs.contact_id = filters.contactId;
		}
		return await listFor(this, client, client.scopedPath('conversations', '', phoneNumberIdOf(this, i), i), qs, i);
	});
}
