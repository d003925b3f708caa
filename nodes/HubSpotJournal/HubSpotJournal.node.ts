import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import * as subscription from './actions/subscription/Subscription.resource';

/**
 * The journal subscriptions of a HubSpot OAuth app. The HubSpot Journal Trigger creates or updates its own at
 * activation and never removes it (its close function runs at every n8n shutdown); removing one is this explicit step.
 */
export class HubSpotJournal implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Journal',
		name: 'hubSpotJournal',
		icon: { light: 'file:../../icons/hubspotSync.svg', dark: 'file:../../icons/hubspotSync.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'List and delete the Webhooks Journal subscriptions of your HubSpot OAuth app (community node)',
		defaults: { name: 'HubSpot Journal' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hubSpotJournalOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Journal Subscription', value: 'subscription' }],
				default: 'subscription',
			},
			...subscription.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
