import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { batchRead } from '../../../shared/hubspot/batch';
import { companiesOf } from './contact-company';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { errorJson } from '../../../shared/node/per-item';

import { idPropertyField } from '../common';
import { DEFAULT_SYNC_STAMP_PROPERTY } from '../../../shared/hubspot/sync-properties';
import {
	CRM_PROPERTIES,
	includeCompanyField,
	kirimMetadataField,
	kirimMetadataOf,
	readMetadataMapping,
} from './crm-metadata';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'lookupBy',
		type: 'options',
		options: [
			{ name: 'HubSpot ID', value: 'hubspotId', description: 'E.g. the objectId of a HubSpot Sync Trigger event.' },
			{ name: 'Kirim ID', value: 'kirimId', description: 'The Kirim contact ID the contact is keyed by' },
		],
		default: 'kirimId',
	},
	{
		displayName: 'Kirim Contact ID',
		name: 'kirimContactId',
		type: 'string',
		default: '={{ $json.data?.contact?.id ?? $json.id }}',
		required: true,
		placeholder: 'ctc_01J…',
		displayOptions: { show: { lookupBy: ['kirimId'] } },
	},
	{
		displayName: 'HubSpot Contact ID',
		name: 'hubspotId',
		type: 'string',
		default: '={{ $json.objectId }}',
		required: true,
		displayOptions: { show: { lookupBy: ['hubspotId'] } },
	},
	idPropertyField,
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'string',
		default: `firstname,lastname,email,phone,${DEFAULT_SYNC_STAMP_PROPERTY}`,
		description: 'Comma-separated HubSpot property names to return',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'string',
		default: `firstname,lastname,email,phone,${DEFAULT_SYNC_STAMP_PROPERTY},${CRM_PROPERTIES.join(',')}`,
		description: 'Comma-separated HubSpot property names to return (the ones Kirim Metadata names are read as well)',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	},
	{ ...includeCompanyField, default: false, displayOptions: { show: { '@version': [1] } } },
	{ ...includeCompanyField, default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } },
	kirimMetadataField,
	{
		displayName: 'When Not Found',
		name: 'notFound',
		type: 'options',
		options: [
			{ name: 'Output an Item With Found = False', value: 'output' },
			{ name: 'Error', value: 'error' },
		],
		default: 'output',
		description: 'What to do for a Kirim ID no HubSpot contact carries',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, properties);

/** One batch read per 100 items, each item paired to its own contact. */
export async function execute(this: IExecuteFunctions, client: HubSpotClient): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const byHubSpotId = this.getNodeParameter('lookupBy', 0) === 'hubspotId';
	const param = byHubSpotId ? 'hubspotId' : 'kirimContactId';
	const ids = Array.from({ length: count }, (_, i) => String(this.getNodeParameter(param, i, '') ?? '').trim());
	const idProperty = String(this.getNodeParameter('idProperty', 0));
	const mapping = readMetadataMapping(this);
	const names = String(this.getNodeParameter('properties', 0, ''))
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	names.push(...mapping.flatMap((m) => (m.from.startsWith('company.') || m.from === 'id' ? [] : [m.from])));
	const unique = [...new Set(ids.filter(Boolean))];
	const { found } = byHubSpotId
		? await batchRead(client, 'contacts', unique, [...names, idProperty])
		: await batchRead(client, 'contacts', unique, names, idProperty);
	const wantsCompany = mapping.some((m) => m.from.startsWith('company.'));
	const companies =
		(this.getNodeParameter('includeCompany', 0, false) as boolean) || wantsCompany
			? await companiesOf(
					client,
					[...found.values()].map((contact) => contact.id),
				)
			: undefined;
	const out: INodeExecutionData[] = [];
	ids.forEach((id, i) => {
		const contact = found.get(id);
		if (contact) {
			const kirimContactId = byHubSpotId ? (contact.properties?.[idProperty] ?? null) : id;
			const company = companies ? { company: companies.get(contact.id) ?? null } : {};
			const metadata = mapping.length
				? { kirimMetadata: kirimMetadataOf(contact, companies?.get(contact.id) ?? null, mapping) }
				: {};
			out.push({
				json: { found: true, kirimContactId, ...(contact as unknown as IDataObject), ...company, ...metadata },
				pairedItem: { item: i },
			});
			return;
		}
		if (this.getNodeParameter('notFound', i) === 'output') {
			out.push({ json: { found: false, ...(byHubSpotId ? { id } : { kirimContactId: id }) }, pairedItem: { item: i } });
			return;
		}
		const what = byHubSpotId ? `the ID "${id.slice(0, 40)}"` : `${idProperty} = "${id.slice(0, 60)}"`;
		const error = new NodeOperationError(this.getNode(), `No HubSpot contact has ${what}`, { itemIndex: i });
		if (!this.continueOnFail()) throw error;
		out.push({ json: errorJson(error), pairedItem: { item: i } });
	});
	return out;
}
