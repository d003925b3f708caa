import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/**
 * Contact fields a create, update or upsert may send
 * (https://developers.kirim.chat/api/operations/phone_number_idcontacts/post/).
 */
export const contactFieldOptions: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{
		displayName: 'Metadata',
		name: 'metadata',
		type: 'json',
		default: '{}',
		description: 'Custom fields as a JSON object, e.g. CRM IDs',
	},
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
];

/** The contact's WhatsApp number, normalised to E.164 before anything is sent. */
export function phoneNumberParam(description: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+628111222333',
		description,
	};
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The non-empty fields the user filled in, checked: an empty value is not sent (clearing is explicit). */
export function contactFields(ctx: IExecuteFunctions, collection: IDataObject, itemIndex: number): IDataObject {
	const out: IDataObject = {};
	if (typeof collection.name === 'string' && collection.name.trim() !== '') out.name = collection.name.trim();
	if (typeof collection.email === 'string' && collection.email.trim() !== '') {
		const email = collection.email.trim();
		if (!EMAIL.test(email))
			throw new NodeOperationError(ctx.getNode(), `"${email}" is not an email address`, { itemIndex });
		out.email = email;
	}
	if (collection.metadata !== undefined && collection.metadata !== '' && collection.metadata !== '{}') {
		out.metadata = parseMetadata(ctx, collection.metadata, itemIndex);
	}
	return out;
}

export function parseMetadata(ctx: IExecuteFunctions, value: unknown, itemIndex: number): IDataObject {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw new NodeOperationError(ctx.getNode(), 'Metadata is not valid JSON', { itemIndex });
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(ctx.getNode(), 'Metadata must be a JSON object', { itemIndex });
	}
	return parsed as IDataObject;
}
