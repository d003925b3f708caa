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
import { phoneNumberField, phoneNumberIdOf } from '../common.descriptions';
import { contactFieldOptions, contactFields, phoneNumberParam } from './fields';

const properties: INodeProperties[] = [
	phoneNumberParam('The contact’s WhatsApp number with its country code (normalised to E.164)'),
	phoneNumberField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			...contactFieldOptions,
			{
				displayName: 'From (Organisation-Level Paths)',
				name: 'from',
				type: 'string',
				default: '',
				description:
					'With the organisation-level path style and several WhatsApp numbers, Kirim needs the number to create the contact under',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['create'] } }, properties);

export function phoneOrFail(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const phone = normalisePhone(value);
	if (!phone.ok) throw new NodeOperationError(ctx.getNode(), `Phone number: ${phone.reason}`, { itemIndex });
	return phone.e164;
}

export async function createContact(
	ctx: IExecuteFunctions,
	client: KirimClient,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const path = client.scopedPath('contacts', '', phoneNumberIdOf(ctx, itemIndex), itemIndex);
	return await client.data<IDataObject>({ method: 'POST', path, body }, itemIndex);
}

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const body: IDataObject = {
			phone_number: phoneOrFail(this, this.getNodeParameter('phoneNumber', i), i),
			...contactFields(this, additional, i),
		};
		if (client.settings.pathStyle === 'orgLevel' && typeof additional.from === 'string' && additional.from.trim()) {
			body.from = additional.from.trim();
		}
		return await createContact(this, client, body, i);
	});
}
