import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { DEFAULT_CRM_LINK_KEYS } from '../../../shared/sync/crm-record-change';
import { idPropertyField, kirimPhoneNumberOption, phoneNumberIdOf } from '../common';
import { parseRecordChange, RecordChangeApplier } from './record-change';

const show = { resource: ['contact'], operation: ['applyRecordChange'] };

const properties: INodeProperties[] = [
	{
		displayName:
			'Put the HubSpot Sync Trigger’s contact.deletion, contact.restore, contact.merge and contact.privacyDeletion events here. A deletion unlinks the Kirim contact and marks it, a restore links it again, a merge keeps the surviving record’s link and drops stale ones, a privacy deletion removes every CRM field from the Kirim contact’s metadata. Merges and privacy deletions walk Kirim’s contacts once per run (100 per request). See "Deletes, merges and privacy deletion" in the package’s HubSpot Sync docs.',
		name: 'recordChangeNotice',
		type: 'notice',
		default: '',
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
				displayName: 'CRM ID Metadata Key',
				name: 'crmIdKey',
				type: 'string',
				default: 'crm_id',
				description:
					'Kirim contact metadata key that holds the HubSpot record ID (the HubSpot → Kirim mapping writes it)',
			},
			{
				displayName: 'CRM Metadata Prefix',
				name: 'crmPrefix',
				type: 'string',
				default: 'crm_',
				description:
					'Prefix of the Kirim metadata keys that come from the CRM: a privacy deletion removes all of them, and the deletion and merge marks use it (PREFIXdeleted_id, PREFIXdeleted_at, PREFIXmerged_into)',
			},
			kirimPhoneNumberOption('whose contacts are updated'),
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

function settingsOf(ctx: IExecuteFunctions) {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const idKey = String(options.crmIdKey ?? DEFAULT_CRM_LINK_KEYS.idKey).trim();
	const prefix = String(options.crmPrefix ?? DEFAULT_CRM_LINK_KEYS.prefix).trim();
	if (!idKey || !prefix)
		throw new NodeOperationError(
			ctx.getNode(),
			'The CRM ID metadata key and the CRM metadata prefix may not be empty',
			{
				description: 'Without them the sync cannot tell which Kirim metadata came from HubSpot.',
			},
		);
	return {
		idProperty: String(ctx.getNodeParameter('idProperty', 0)).trim(),
		keys: { idKey, prefix },
		phoneNumberId: phoneNumberIdOf(options),
	};
}

/** The run's reads are batched across items; each item then gets its own answer (or its own error). */
export async function execute(this: IExecuteFunctions, hubspot: HubSpotClient): Promise<INodeExecutionData[]> {
	const parsed = this.getInputData().map((item) => parseRecordChange(item.json));
	const applier = new RecordChangeApplier(this.getNode(), hubspot, await KirimClient.create(this), settingsOf(this));
	await applier.prepare(parsed.flatMap((p) => (p.ok ? [p.event] : [])));
	return await forEachItem(this, async (itemIndex) => {
		const item = parsed[itemIndex];
		if (!item.ok) throw new NodeOperationError(this.getNode(), item.message, { itemIndex });
		const result = await applier.apply(item.event, itemIndex);
		const written = result.kirimContacts.find((k) => k.sync && k.sync.operation !== 'skip');
		return { ...result, operation: written?.sync?.operation ?? 'skip' } as IDataObject;
	});
}
