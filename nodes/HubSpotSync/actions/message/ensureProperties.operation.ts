import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { ensureProperty, kirimIdProperty } from '../../../shared/hubspot/properties';
import { DEFAULT_MESSAGE_PROPERTY } from '../../../shared/hubspot/sync-properties';

const properties: INodeProperties[] = [
	{
		displayName:
			'Creates the WhatsApp message ID property, with unique values, on HubSpot communications when it is missing: Log on Timeline upserts by it, so no message is logged twice. Safe to run again. Needs the contacts scopes.',
		name: 'ensureMessageNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Message ID Property',
		name: 'messageIdProperty',
		type: 'string',
		default: DEFAULT_MESSAGE_PROPERTY,
		required: true,
		description: 'Internal name of the communication property to create',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['ensureProperties'] } },
	properties,
);

/** Runs once whatever the input: the property belongs to the account, not to an item. */
export async function execute(this: IExecuteFunctions, client: HubSpotClient): Promise<INodeExecutionData[]> {
	const name = String(this.getNodeParameter('messageIdProperty', 0)).trim();
	const result = await ensureProperty(client, 'communications', {
		...kirimIdProperty(name, 'message'),
		label: 'WhatsApp message ID',
		description: 'The WhatsApp message this communication logs (unique: the sync upserts by it)',
	});
	// Without unique values HubSpot cannot upsert by it, and a redelivered message would be logged again.
	if (!result.hasUniqueValue)
		throw new NodeOperationError(
			this.getNode(),
			`The communication property ${name} exists without unique values, so messages cannot be logged by it without duplicates`,
			{ description: 'Choose another property name (Message ID Property) and run Ensure Properties again.' },
		);
	return [{ json: result as unknown as IDataObject, pairedItem: { item: 0 } }];
}
