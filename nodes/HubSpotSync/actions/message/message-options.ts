import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_CONVERSATION_PROPERTY,
	DEFAULT_ID_PROPERTY,
	DEFAULT_MESSAGE_PROPERTY,
} from '../../../shared/hubspot/sync-properties';

/** The HubSpot properties both message operations key on, as options of their Options collection. */
export const messagePropertyOptions: INodeProperties[] = [
	{
		displayName: 'Contact ID Property',
		name: 'contactIdProperty',
		type: 'string',
		default: DEFAULT_ID_PROPERTY,
		description: 'HubSpot contact property holding the Kirim contact ID',
	},
	{
		displayName: 'Conversation ID Property',
		name: 'conversationIdProperty',
		type: 'string',
		default: DEFAULT_CONVERSATION_PROPERTY,
		description: 'HubSpot ticket property holding the Kirim conversation ID (with unique values)',
	},
	{
		displayName: 'Message ID Property',
		name: 'messageIdProperty',
		type: 'string',
		default: DEFAULT_MESSAGE_PROPERTY,
		description:
			'HubSpot communication property with unique values holding the message ID (created by Message → Ensure Properties)',
	},
];

/** The property names chosen in the Options collection, defaults where empty. */
export function messagePropertyNames(options: IDataObject) {
	const name = (key: string, fallback: string) => String(options[key] ?? '').trim() || fallback;
	return {
		messageProperty: name('messageIdProperty', DEFAULT_MESSAGE_PROPERTY),
		contactIdProperty: name('contactIdProperty', DEFAULT_ID_PROPERTY),
		phoneProperty: name('phoneProperty', 'phone'),
		conversationProperty: name('conversationIdProperty', DEFAULT_CONVERSATION_PROPERTY),
	};
}
