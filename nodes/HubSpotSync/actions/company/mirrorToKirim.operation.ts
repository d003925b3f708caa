import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { KirimClient } from '../../../shared/kirim/client';
import { textParameter } from '../../../shared/node/parameters';
import { forEachItem } from '../../../shared/node/per-item';
import { checkedHubSpotId, idPropertyField, kirimPhoneNumberOption, phoneNumberIdOf } from '../common';
import { mirrorCompany, type CompanyMirrorReport } from './company-mirror';

const show = { resource: ['company'], operation: ['mirrorToKirim'] };

const properties: INodeProperties[] = [
	{
		displayName: 'HubSpot Company ID',
		name: 'companyId',
		type: 'string',
		default: '={{ $json.objectId }}',
		required: true,
		description:
			'The company whose name and domain to carry to Kirim; a company.propertyChange event’s objectId by default',
	},
	{ ...idPropertyField, description: 'HubSpot contact property that holds the Kirim contact ID' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Name Metadata Key',
				name: 'nameKey',
				type: 'string',
				default: 'crm_company',
				description: 'Kirim contact metadata key for the company’s name',
			},
			{
				displayName: 'Domain Metadata Key',
				name: 'domainKey',
				type: 'string',
				default: 'crm_company_domain',
				description: 'Kirim contact metadata key for the company’s domain',
			},
			kirimPhoneNumberOption('whose contacts are updated'),
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

/** One item per input item; items naming a company already done in this run say so instead of doing it again. */
export async function execute(this: IExecuteFunctions, hubspot: HubSpotClient): Promise<INodeExecutionData[]> {
	const kirim = await KirimClient.create(this);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const settings = {
		idProperty: String(this.getNodeParameter('idProperty', 0)).trim(),
		nameKey: String(options.nameKey ?? 'crm_company').trim() || 'crm_company',
		domainKey: String(options.domainKey ?? 'crm_company_domain').trim() || 'crm_company_domain',
		phoneNumberId: phoneNumberIdOf(options),
	};
	const done = new Map<string, number>();
	return await forEachItem(this, async (i) => {
		const companyId = checkedHubSpotId(this, textParameter(this, 'companyId', i), 'company', i);
		const earlier = done.get(companyId);
		if (earlier !== undefined)
			return { companyId, operation: 'skip', reason: `done for item ${earlier} of this run` } as IDataObject;
		done.set(companyId, i);
		const report: CompanyMirrorReport = await mirrorCompany(hubspot, kirim, companyId, settings, i);
		const written = report.kirimContacts.some((k) => k.operation === 'update');
		return { ...report, operation: written ? 'update' : 'skip' };
	});
}
