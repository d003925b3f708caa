import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { syncKirimContactUpdate } from '../../../shared/kirim/contact-sync-update';
import { forEachItem } from '../../../shared/node/per-item';
import { contactLocator, locatorValue, phoneNumberField, phoneNumberIdOf } from '../common.descriptions';
import { contactFieldOptions, contactFields } from './fields';

export const metadataModeField: INodeProperties = {
	displayName: 'Metadata Mode',
	name: 'metadataMode',
	type: 'options',
	options: [
		{
			name: 'Merge',
			value: 'merge',
			description: 'Keep existing keys (e.g. CRM IDs) and overwrite only the ones given',
		},
		{ name: 'Replace', value: 'replace', description: 'The given object becomes the whole metadata' },
	],
	default: 'merge',
};

const properties: INodeProperties[] = [
	contactLocator,
	phoneNumberField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		description: 'Only the fields filled in are sent; an empty field leaves Kirim’s value as it is',
		options: contactFieldOptions,
	},
	metadataModeField,
	{
		displayName: 'Clear Fields',
		name: 'clearFields',
		type: 'multiOptions',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Metadata', value: 'metadata' },
			{ name: 'Name', value: 'name' },
		],
		default: [],
		description: 'Fields to empty in Kirim (sent as null)',
	},
	{
		displayName: 'Apply Sync Rules',
		name: 'applySyncRules',
		type: 'boolean',
		default: false,
		description:
			'Whether this update writes data from the CRM: fields Kirim owns (phone number) are not overwritten, a value equal to Kirim’s is not sent (no write when nothing changed), and the write is stamped in metadata so the Kirim Trigger does not send it back to the CRM. Reads the contact first.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['update'] } }, properties);

/**
 * PATCHes only what changes. Kirim documents no metadata merge, so "merge" reads the contact first and sends
 * the merged object — two requests, and a change made by someone else in between is overwritten (README).
 */
export async function patchContact(
	ctx: IExecuteFunctions,
	client: KirimClient,
	contactPath: string,
	fields: IDataObject,
	mode: string,
	itemIndex: number,
): Promise<IDataObject> {
	const body = { ...fields };
	if (body.metadata && mode === 'merge') {
		const current = await client.data<IDataObject>({ method: 'GET', path: contactPath }, itemIndex);
		body.metadata = { ...((current.metadata as IDataObject | null) ?? {}), ...(body.metadata as IDataObject) };
	}
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Nothing to update: fill in a field or choose one to clear', {
			itemIndex,
		});
	}
	return await client.data<IDataObject>({ method: 'PATCH', path: contactPath, body }, itemIndex);
}

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const id = locatorValue(this, 'contactId', i);
		const path = client.scopedPath('contacts', `/${encodeURIComponent(id)}`, phoneNumberIdOf(this, i), i);
		const fields = contactFields(this, this.getNodeParameter('updateFields', i, {}) as IDataObject, i);
		for (const field of this.getNodeParameter('clearFields', i, []) as string[]) fields[field] = null;
		const mode = this.getNodeParameter('metadataMode', i, 'merge') as string;
		if (this.getNodeParameter('applySyncRules', i, false)) {
			const { contact, history } = await syncKirimContactUpdate(
				client,
				path,
				fields,
				mode === 'replace' ? 'replace' : 'merge',
				i,
			);
			return { ...contact, sync: history as unknown as IDataObject };
		}
		return await patchContact(this, client, path, fields, mode, i);
	});
}
