import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

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

export const idOf = (ctx: IExecuteFunctions, name: string, prefix: string, i: number): string => {
	const id = String(ctx.getNodeParameter(name, i, '')).trim();
	if (!id.startsWith(`${prefix}_`)) {
		throw new NodeOperationError(ctx.getNode(), `"${id}" is not a ${prefix}_… ID`, { itemIndex: i });
	}
	return encodeURIComponent(id);
};

export const subscriptionPath = (ctx: IExecuteFunctions, i: number) =>
	`${SUBSCRIPTIONS}/${idOf(ctx, 'subscriptionId', 'wbs', i)}`;
