import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { phoneNumberField } from '../common.descriptions';
import { sendOptionsField, toField } from './fields';
import { recipient, send } from './send';

const MAX_TEXT = 4096;

const properties: INodeProperties[] = [
	toField,
	phoneNumberField,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description:
			'At most 4096 characters. Free text is allowed only within 24 hours of the customer’s last message; otherwise send a template.',
	},
	{
		displayName: 'Preview URL',
		name: 'previewUrl',
		type: 'boolean',
		default: false,
		description: 'Whether to show a preview of the first link',
	},
	sendOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendText'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const text = String(this.getNodeParameter('text', i));
		if (!text.trim()) throw new NodeOperationError(this.getNode(), 'The text is empty', { itemIndex: i });
		if (text.length > MAX_TEXT)
			throw new NodeOperationError(
				this.getNode(),
				`The text has ${text.length} characters; WhatsApp allows ${MAX_TEXT}`,
				{ itemIndex: i },
			);
		const body = {
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: recipient(this, i),
			type: 'text',
			text: { body: text, preview_url: this.getNodeParameter('previewUrl', i, false) as boolean },
		};
		return await send(this, client, i, body);
	});
}
