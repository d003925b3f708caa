import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { HubSpotObject } from '../../../shared/hubspot/types';

/**
 * The CRM-owned fields a Kirim agent needs to see (Kirim's "Sync your CRM" guide: the CRM owns lifecycle stage,
 * segments, owner), as Contact → Get v2 reads them by default and hands them on as `kirimMetadata`, ready for the
 * Kirim node's Contact → Update.
 */
export const CRM_PROPERTIES = ['lifecyclestage', 'hs_lead_status', 'hubspot_owner_id', 'jobtitle'];

interface MetadataEntry {
	key: string;
	/** A contact property, `id` (the record id), or `company.<field>` (the company Include Company reads). */
	from: string;
}

export const includeCompanyField: INodeProperties = {
	displayName: 'Include Company',
	name: 'includeCompany',
	type: 'boolean',
	default: false,
	description:
		'Whether to add the contact’s company (the primary one, else the first associated) as company: {ID, name, domain, industry, city, country, phone, website}, null when it has none. One association read per 1000 contacts and one company read per 100 companies.',
};

export const kirimMetadataField: INodeProperties = {
	displayName: 'Kirim Metadata',
	name: 'kirimMetadata',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add metadata key',
	// Written out (the community-node lint wants a literal default); the same entries as DEFAULT_MAPPING.
	default: {
		entries: [
			{ key: 'crm_id', from: 'id' },
			{ key: 'crm_lifecycle_stage', from: 'lifecyclestage' },
			{ key: 'crm_lead_status', from: 'hs_lead_status' },
			{ key: 'crm_owner_id', from: 'hubspot_owner_id' },
			{ key: 'crm_job_title', from: 'jobtitle' },
			{ key: 'crm_company', from: 'company.name' },
			{ key: 'crm_company_domain', from: 'company.domain' },
		],
	},
	description:
		'The contact’s CRM fields as Kirim contact metadata, output as kirimMetadata (map it to the Kirim node’s Update → Metadata). A missing value is null. Remove every entry to output none.',
	displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	options: [
		{
			displayName: 'Entry',
			name: 'entries',
			values: [
				{
					displayName: 'Metadata Key',
					name: 'key',
					type: 'string',
					default: '',
					placeholder: 'crm_lifecycle_stage',
				},
				{
					displayName: 'From',
					name: 'from',
					type: 'string',
					default: '',
					placeholder: 'lifecyclestage',
					description:
						'A HubSpot contact property, "ID" for the record ID, or "company.name", "company.domain" or another company field after "company." for the contact’s company',
				},
			],
		},
	],
};

/** The mapping of this node (none on typeVersion 1, which has no such parameter). */
export function readMetadataMapping(ctx: IExecuteFunctions): MetadataEntry[] {
	if (ctx.getNode().typeVersion < 2) return [];
	const value = ctx.getNodeParameter('kirimMetadata', 0, { entries: [] }) as { entries?: IDataObject[] };
	return (value.entries ?? []).map((entry, index) => {
		const key = String(entry.key ?? '').trim();
		const from = String(entry.from ?? '').trim();
		if (!key || !from)
			throw new NodeOperationError(
				ctx.getNode(),
				`Kirim Metadata entry ${index + 1} needs both a metadata key and what it comes from`,
			);
		return { key, from: from.toLowerCase() === 'id' ? 'id' : from };
	});
}

export function kirimMetadataOf(
	contact: HubSpotObject,
	company: IDataObject | null,
	mapping: MetadataEntry[],
): IDataObject {
	const valueOf = (from: string): unknown => {
		if (from === 'id') return contact.id;
		if (from.startsWith('company.')) return company?.[from.slice('company.'.length)] ?? null;
		return contact.properties?.[from] ?? null;
	};
	return Object.fromEntries(mapping.map((entry) => [entry.key, valueOf(entry.from) ?? null]));
}
