import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as bulkLabel from './actions/bulkLabel/BulkLabel.resource';
import * as contact from './actions/contact/Contact.resource';
import * as conversation from './actions/conversation/Conversation.resource';
import * as label from './actions/label/Label.resource';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import { getLabels, getPhoneNumbersOrDefault, getTemplateLanguages, getTemplates } from './methods/loadOptions';
import { searchAssignees, searchContacts, searchConversations } from './methods/listSearch';

/** Thin node class: the description, the methods, and the router (n8n's Airtable v2 layout). */
export class Kirim implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kirim',
		name: 'kirim',
		icon: { light: 'file:../../icons/kirim.svg', dark: 'file:../../icons/kirim.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read and write Kirim WhatsApp inbox contacts, labels, conversations and messages (community node, not made by Kirim)',
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
				options: [
					{ name: 'Bulk Label', value: 'bulkLabel' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Label', value: 'label' },
					{ name: 'Message', value: 'message' },
				],
				default: 'contact',
			},
			...contact.description,
			...bulkLabel.description,
			...conversation.description,
			...label.description,
			...message.description,
		],
	};

	methods = {
		loadOptions: { getPhoneNumbersOrDefault, getLabels, getTemplates, getTemplateLanguages },
		listSearch: { searchContacts, searchConversations, searchAssignees },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
