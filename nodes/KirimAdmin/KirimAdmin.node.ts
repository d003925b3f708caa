import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as delivery from './actions/delivery/Delivery.resource';
import { router } from './actions/router';
import * as subscription from './actions/subscription/Subscription.resource';

/**
 * Webhook subscriptions and deliveries: secrets, replays, pauses — a node of its own, apart from the Kirim node an AI
 * agent is given. n8n's rules ask every action node for `usableAsTool`; as a tool this node only reads (see router).
 */
export class KirimAdmin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kirim Admin',
		name: 'kirimAdmin',
		icon: { light: 'file:../../icons/kirim.svg', dark: 'file:../../icons/kirim.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Kirim webhook subscriptions and deliveries: rotate secrets, pause, replay (community node, not made by Kirim)',
		defaults: { name: 'Kirim Admin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kirimSyncApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Webhook Delivery', value: 'delivery' },
					{ name: 'Webhook Subscription', value: 'subscription' },
				],
				default: 'subscription',
			},
			...subscription.description,
			...delivery.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
