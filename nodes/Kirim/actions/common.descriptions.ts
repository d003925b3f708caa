import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ULID_BODY } from '../../shared/kirim/ids';

/** Overrides the credential's default WhatsApp number for this node (phone-scoped path style only). */
export const phoneNumberField: INodeProperties = {
	displayName: 'WhatsApp Number Name or ID',
	name: 'phoneNumberId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPhoneNumbersOrDefault' },
	default: '',
	description:
		'The number whose contacts and conversations to use; empty uses the credential’s default. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** A Kirim resource picked from a list (searchable where Kirim can search) or given by its `<prefix>_` id. */
function idLocator(
	name: string,
	displayName: string,
	prefix: string,
	searchListMethod: string,
	searchable: boolean,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable } },
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: `${prefix}_01HXYZABCDEFGHJKMNPQRSTVWX`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^${prefix}_${ULID_BODY}$`,
							errorMessage: `A ${displayName.toLowerCase()} ID is ${prefix}_ followed by 26 characters`,
						},
					},
				],
			},
		],
	};
}

export const contactLocator = idLocator('contactId', 'Contact', 'ctc', 'searchContacts', true);

export const conversationLocator = idLocator('conversationId', 'Conversation', 'cnv', 'searchConversations', false);

export const labelField: INodeProperties = {
	displayName: 'Label Name or ID',
	name: 'labelId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getLabels' },
	required: true,
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export function locatorValue(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
}

export function phoneNumberIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return String(ctx.getNodeParameter('phoneNumberId', itemIndex, '') ?? '').trim();
}
