import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { prefixedId } from '../prefixed-id';

export const SUBSCRIPTIONS = '/v1/webhook_subscriptions';

export const subscriptionIdField: INodeProperties = {
	displayName: 'Subscription ID',
	name: 'subscriptionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'wbs_01HXYZ…',
	description: 'The webhook subscription, as wbs_… (a managed Kirim Trigger logs the ID it created)',
};

export const subscriptionPath = (ctx: IExecuteFunctions, i: number) =>
	`${SUBSCRIPTIONS}/${encodeURIComponent(prefixedId(ctx, 'subscriptionId', 'wbs', 'ID', i))}`;
