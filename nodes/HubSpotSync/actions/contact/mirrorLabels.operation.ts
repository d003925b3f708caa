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
import { textParameter } from '../../../shared/node/parameters';
import { forEachItem } from '../../../shared/node/per-item';
import { checkedHubSpotId, idPropertyField, kirimPhoneNumberOption, phoneNumberIdOf } from '../common';
import { mirrorPropertyLabels } from './property-labels';

const show = { resource: ['contact'], operation: ['mirrorLabels'] };

const properties: INodeProperties[] = [
	{
		displayName:
			'For labels HubSpot decides: each option of a multiple checkboxes contact property is the Kirim label of the same name. Checked options are put on the contact’s Kirim contact, unchecked ones taken off; other Kirim labels are left alone. Needs the Kirim credential.',
		name: 'mirrorLabelsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'HubSpot Contact ID',
		name: 'hubspotId',
		type: 'string',
		default: '={{ $json.objectId }}',
		required: true,
		description: 'The contact whose choice to carry to Kirim; a HubSpot Sync Trigger event’s objectId by default',
	},
	{
		displayName: 'Labels Property',
		name: 'labelsProperty',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'whatsapp_labels',
		description: 'Internal name of the HubSpot multiple checkboxes contact property whose options are Kirim labels',
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
				displayName: 'Create Missing Labels',
				name: 'createMissingLabels',
				type: 'boolean',
				default: true,
				description: 'Whether to create a Kirim label for a checked option Kirim has no label for',
			},
			kirimPhoneNumberOption('whose contacts are labelled'),
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

/** The run's contacts are read and labelled together; each item gets its contact's outcome. */
export async function execute(this: IExecuteFunctions, hubspot: HubSpotClient): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const property = String(this.getNodeParameter('labelsProperty', 0, '')).trim();
	if (!property) throw new NodeOperationError(this.getNode(), 'No Labels Property: give the property’s internal name');
	const ids = this.getInputData().map((_, i) => textParameter(this, 'hubspotId', i));
	const valid = ids.filter((id) => /^\d+$/.test(id));
	const results = valid.length
		? await mirrorPropertyLabels(this, hubspot, await KirimClient.create(this), valid, {
				property,
				idProperty: String(this.getNodeParameter('idProperty', 0)).trim(),
				createMissingLabels: options.createMissingLabels !== false,
				phoneNumberId: phoneNumberIdOf(options),
			})
		: new Map();
	return await forEachItem(this, async (i) => {
		const id = checkedHubSpotId(this, ids[i], 'contact', i);
		const result = results.get(id);
		if (result instanceof Error) throw result;
		return result as IDataObject;
	});
}
