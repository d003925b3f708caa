import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { checkedKirimId, textParameter } from '../../../shared/node/parameters';
import { forEachItem } from '../../../shared/node/per-item';
import { phoneNumberField, phoneNumberIdOf } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'msg_01HXYZABCDEFGHJKMNPQRSTVWX',
		description: 'Kirim’s ID of the message (msg_ followed by 26 characters), as Get Many or a send returns it',
	},
	phoneNumberField,
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['get'] } }, properties);

/**
 * One message: `GET /v1/{phone_number_id}/messages/{id}` (https://developers.kirim.chat/sending/receive-messages/
 * names it); the org-level `GET /v1/messages/{id}` is inferred from the org-level paths of
 * https://kirim-dev.pages.dev/.
 */
export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const id = checkedKirimId(this, textParameter(this, 'messageId', i), 'msg', i);
		const path = client.scopedPath('messages', `/${encodeURIComponent(id)}`, phoneNumberIdOf(this, i), i);
		return await client.data<IDataObject>({ method: 'GET', path }, i);
	});
}
