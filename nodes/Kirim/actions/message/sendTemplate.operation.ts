import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { phoneNumberField } from '../common.descriptions';
import { sendOptionsField, toField } from './fields';
import { recipient, send } from './send';

const properties: INodeProperties[] = [
	toField,
	phoneNumberField,
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
	sendOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendTemplate'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
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
