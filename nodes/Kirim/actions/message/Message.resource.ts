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
import { idempotencyKeyFor } from '../../../shared/node/idempotency-key';
import { phoneNumberField, phoneNumberIdOf } from '../common.descriptions';

const show = (operations: string[]) => ({ show: { resource: ['message'], operation: operations } });
const MAX_TEXT = 4096;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Send Template', value: 'sendTemplate', action: 'Send a template message' },
			{ name: 'Send Text', value: 'sendText', action: 'Send a text message' },
		],
		default: 'sendText',
	},
	...updateDisplayOptions(show(['sendText', 'sendTemplate']), [
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			required: true,
			default: '',
			placeholder: '+628111222333',
			description: 'The customer’s WhatsApp number (E.164)',
		},
		phoneNumberField,
	]),
	...updateDisplayOptions(show(['sendText']), [
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
	]),
	...updateDisplayOptions(show(['sendTemplate']), [
		// Both were plain strings before: a stored name or code is still a valid value of these dropdowns.
		{
			displayName: 'Template Name or ID',
			name: 'templateName',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTemplates', loadOptionsDependsOn: ['phoneNumberId'] },
			required: true,
			default: '',
			description:
				'Approved templates of the WhatsApp number, with their languages (pending and rejected ones cannot be sent, so they are not listed). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Language Name or ID',
			name: 'language',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getTemplateLanguages',
				loadOptionsDependsOn: ['templateName', 'phoneNumberId'],
			},
			required: true,
			default: 'id',
			description:
				'The languages the chosen template is approved in (a template is one name in one language). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Body Parameters',
			name: 'bodyParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Parameter',
			default: {},
			description: 'Values for {{1}}, {{2}}, … in order',
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [{ displayName: 'Text', name: 'text', type: 'string', default: '' }],
				},
			],
		},
	]),
	...updateDisplayOptions(show(['sendText', 'sendTemplate']), [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Idempotency Key',
					name: 'idempotencyKey',
					type: 'string',
					default: '',
					description:
						'Kirim sends a message at most once per key for 24 hours. Empty: a key from the triggering Kirim or HubSpot event (else this execution), node and item, so a retried step or a second run of the same event never messages the customer twice.',
				},
			],
		},
	]),
];

function recipient(ctx: IExecuteFunctions, i: number): string {
	const phone = normalisePhone(ctx.getNodeParameter('to', i));
	if (!phone.ok) throw new NodeOperationError(ctx.getNode(), `To: ${phone.reason}`, { itemIndex: i });
	return phone.e164;
}

async function send(ctx: IExecuteFunctions, client: KirimClient, i: number, body: IDataObject): Promise<IDataObject> {
	const path = client.scopedPath('messages', '', phoneNumberIdOf(ctx, i), i);
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const idempotencyKey = idempotencyKeyFor(ctx, i, 'POST', path, body, options.idempotencyKey as string | undefined);
	return await client.data<IDataObject>({ method: 'POST', path, body, idempotencyKey }, i);
}

export async function sendText(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
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

export async function sendTemplate(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const parameters = ((this.getNodeParameter('bodyParameters', i, {}) as IDataObject).parameter ??
			[]) as IDataObject[];
		const body = {
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: recipient(this, i),
			type: 'template',
			template: {
				name: String(this.getNodeParameter('templateName', i)).trim(),
				language: { code: String(this.getNodeParameter('language', i)).trim() },
				components: parameters.length
					? [{ type: 'body', parameters: parameters.map((p) => ({ type: 'text', text: String(p.text ?? '') })) }]
					: [],
			},
		};
		return await send(this, client, i, body);
	});
}
