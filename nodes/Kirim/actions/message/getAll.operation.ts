import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { listFor, returnAllFields } from '../../../shared/node/kirim-list-operation';
import { checkedKirimId } from '../../../shared/node/parameters';
import { forEachItem } from '../../../shared/node/per-item';
import { conversationLocator, locatorValue, phoneNumberField, phoneNumberIdOf } from '../common.descriptions';

const properties: INodeProperties[] = [
	conversationLocator,
	phoneNumberField,
	...returnAllFields('messages'),
	{
		displayName:
			'Messages come in the order Kirim lists them (its docs name none), sent and received alike, as Kirim shows a message: its type and type’s fields (text: content), not its direction.',
		name: 'orderNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['getAll'] } }, properties);

/**
 * A conversation's messages: `GET /v1/{phone_number_id}/messages?conversation_id=cnv_…` with Kirim's cursor paging
 * (https://developers.kirim.chat/concepts/pagination/; org-level `GET /v1/messages?conversation_id=…` on
 * https://kirim-dev.pages.dev/concepts/pagination/). One output item per message, paired with its input item.
 */
export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const conversationId = checkedKirimId(this, locatorValue(this, 'conversationId', i), 'cnv', i);
		const path = client.scopedPath('messages', '', phoneNumberIdOf(this, i), i);
		return await listFor(this, client, path, { conversation_id: conversationId }, i);
	});
}
