import {
	NodeApiError,
	updateDisplayOptions,
	type JsonObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { kirimCodeOf } from '../../../shared/kirim/errors';
import { forEachItem } from '../../../shared/node/per-item';
import { phoneNumberField, phoneNumberIdOf } from '../common.descriptions';
import { createContact, phoneOrFail } from './create.operation';
import { contactFieldOptions, contactFields, phoneNumberParam } from './fields';
import { metadataModeField, patchContact } from './update.operation';

const properties: INodeProperties[] = [
	phoneNumberParam(
		'Finds the contact by this number (normalised to E.164), then updates it, or creates it when none exists',
	),
	phoneNumberField,
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: contactFieldOptions,
	},
	metadataModeField,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['upsert'] } }, properties);

/** Kirim's answers to a create whose phone number is taken (not documented: both plausible forms are read). */
const COLLISION_CODES = new Set([
	'invalid_field_value',
	'resource_already_exists',
	'contact_already_exists',
	'conflict',
]);

async function findByPhone(
	client: KirimClient,
	basePath: string,
	phone: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const page = await client.listPages<IDataObject>(basePath, { phone }, 1, itemIndex).next();
	return page.done ? undefined : page.value.items[0];
}

/**
 * Find by E.164 phone, then update or create. Items are handled in order and the ids found or created are
 * remembered for the run, so two items with one phone never create two contacts; a create that collides with a
 * contact made meanwhile re-reads it and updates. Kirim does not document phone uniqueness (README).
 */
export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	const known = new Map<string, string>();
	return await forEachItem(this, async (i) => {
		const phone = phoneOrFail(this, this.getNodeParameter('phoneNumber', i), i);
		const fields = contactFields(this, this.getNodeParameter('fields', i, {}) as IDataObject, i);
		const mode = this.getNodeParameter('metadataMode', i, 'merge') as string;
		const basePath = client.scopedPath('contacts', '', phoneNumberIdOf(this, i), i);
		const update = async (id: string) =>
			Object.keys(fields).length === 0
				? {
						operation: 'unchanged',
						contact: await client.data<IDataObject>({ method: 'GET', path: `${basePath}/${id}` }, i),
					}
				: { operation: 'updated', contact: await patchContact(this, client, `${basePath}/${id}`, fields, mode, i) };

		let id = known.get(phone) ?? ((await findByPhone(client, basePath, phone, i))?.id as string | undefined);
		let result: IDataObject;
		if (id) {
			result = await update(id);
		} else {
			try {
				result = {
					operation: 'created',
					contact: await createContact(this, client, { phone_number: phone, ...fields }, i),
				};
			} catch (error) {
				const code = kirimCodeOf(error);
				const existing = code && COLLISION_CODES.has(code) ? await findByPhone(client, basePath, phone, i) : undefined;
				if (!existing) throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
				result = await update(existing.id as string);
			}
		}
		id = (result.contact as IDataObject).id as string;
		known.set(phone, id);
		return result;
	});
}
