import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { DEFAULT_TEN_SECOND_BUDGET, HubSpotClient } from '../../shared/hubspot/client';

import { DEFAULT_ID_PROPERTY } from '../../shared/hubspot/sync-properties';

export const idPropertyField: INodeProperties = {
	displayName: 'Kirim ID Property',
	name: 'idProperty',
	type: 'string',
	default: DEFAULT_ID_PROPERTY,
	required: true,
	description:
		'HubSpot contact property with unique values that holds the Kirim contact ID. Create it with the Ensure Properties operation.',
};

export const rateBudgetField: INodeProperties = {
	displayName: 'Requests per 10 Seconds',
	name: 'tenSecondBudget',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DEFAULT_TEN_SECOND_BUDGET,
	description:
		'How many requests this node may send per rolling 10 seconds (HubSpot private apps: 100 on Free/Starter, 190 on Professional/Enterprise). 0 = no pacing; 429 answers are still waited out.',
};

/** The client for one run, paced by the node's budget option when it has one. */
export async function hubSpotClientFor(ctx: IExecuteFunctions): Promise<HubSpotClient> {
	const budget = ctx.getNodeParameter('options.tenSecondBudget', 0, DEFAULT_TEN_SECOND_BUDGET) as number;
	return await HubSpotClient.create(ctx, { tenSecondBudget: budget });
}

/** For phone-scoped Kirim credentials: the WhatsApp number an operation that talks to Kirim works on. */
export function kirimPhoneNumberOption(whose: string): INodeProperties {
	return {
		displayName: 'WhatsApp Phone Number ID',
		name: 'phoneNumberId',
		type: 'string',
		default: '',
		description: `For phone-scoped Kirim credentials: the number ${whose}. Empty: the credential’s default.`,
	};
}

/** The number chosen in an Options collection, or undefined for the credential's default. */
export function phoneNumberIdOf(options: IDataObject): string | undefined {
	return String(options.phoneNumberId ?? '').trim() || undefined;
}

/** A HubSpot record ID (digits) from an item's parameter, or a clear error on that item. */
export function checkedHubSpotId(ctx: IExecuteFunctions, value: string, what: string, itemIndex: number): string {
	if (/^\d+$/.test(value)) return value;
	throw new NodeOperationError(ctx.getNode(), `"${value.slice(0, 40)}" is not a HubSpot ${what} ID (digits)`, {
		itemIndex,
	});
}
