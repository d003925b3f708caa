import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { getPhoneNumbers } from '../shared/kirim/accounts';
import { kirimWebhookSigningTest } from './credential-test';
import { triggerProperties } from './description';
import { createSubscription, deleteSubscription, subscriptionExists } from './lifecycle';
import { receiveDelivery } from './receive';

export class KirimTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kirim Trigger',
		name: 'kirimTrigger',
		icon: { light: 'file:../../icons/kirim.svg', dark: 'file:../../icons/kirim.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow once per signed Kirim webhook event (community node, not made by Kirim)',
		defaults: { name: 'Kirim Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'kirimSyncApi', required: true, displayOptions: { show: { subscriptionMode: ['managed'] } } },
			{
				name: 'kirimWebhookSigningApi',
				required: true,
				testedBy: 'kirimWebhookSigningTest',
				displayOptions: { show: { subscriptionMode: ['existing'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				responseMode: '={{$parameter["options"]["respondWhenFinished"] ? "lastNode" : "onReceived"}}',
				// Empty for onReceived, so n8n sends our own answer (webhookResponse) instead of its default
				// literal "firstEntryJson" (n8n-e2e.md §4 pitfall); after a run, the first output item.
				responseData: '={{$parameter["options"]["respondWhenFinished"] ? "firstEntryJson" : ""}}',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		loadOptions: { getPhoneNumbers },
		credentialTest: { kirimWebhookSigningTest },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
