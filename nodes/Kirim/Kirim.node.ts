import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import * as contact from './actions/contact/Contact.resource';
import { router } from './actions/router';
import { getLabels, getPhoneNumbers } from './methods/loadOptions';
import { searchContacts, searchConversations } from './methods/listSearch';

/** Thin node class: the description, the methods, and the router (n8n's Airtable v2 layout). */
export class Kirim implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kirim',
		name: 'kirim',
		icon: { light: 'file:../../icons/kirim.svg', dark: 'file:../../icons/kirim.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and write Kirim WhatsApp inbox contacts, labels, conversations and messages (community node, not made by Kirim)',
		defaults: { name: 'Kirim' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kirimSyncApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Contact', value: 'contact' }],
				default: 'contact',
			},
			...contact.description,
		],
	};

	methods = {
		loadOptions: { getPhoneNumbers, getLabels },
		listSearch: { searchContacts, searchConversations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
