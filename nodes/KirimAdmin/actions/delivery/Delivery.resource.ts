import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { replayDeadLetters } from '../../../shared/kirim/replay';
import { forEachItem } from '../../../shared/node/per-item';
import { idempotencyKeyFor } from '../../../shared/node/idempotency-key';

import { listFor, returnAllFields } from '../../../shared/node/kirim-list-operation';
import { subscriptionIdField } from '../subscription/Subscription.resource';

const DELIVERIES = '/v1/webhook_deliveries';
const show = (...operation: string[]) => ({ show: { resource: ['delivery'], operation } });

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['delivery'] } },
		options: [
			{ name: 'Bulk Replay', value: 'bulkReplay', action: 'Replay the dead lettered deliveries of a subscription' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many webhook deliveries' },
			{ name: 'Replay', value: 'replay', action: 'Replay a webhook delivery' },
		],
		default: 'bulkReplay',
	},
	...updateDisplayOptions(show('getAll'), [
		...returnAllFields('deliveries'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add filter',
			default: {},
			description: 'Kirim does not document this list’s filters; these are sent as query parameters',
			options: [
				{ displayName: 'Event Type', name: 'event_type', type: 'string', default: '' },
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: ['pending', 'delivered', 'failed', 'dead'].map((s) => ({
						name: s[0].toUpperCase() + s.slice(1),
						value: s,
					})),
					default: 'dead',
				},
				{ displayName: 'Subscription ID', name: 'subscription_id', type: 'string', default: '' },
			],
		},
	]),
	...updateDisplayOptions(show('replay'), [
		{
			displayName: 'Delivery ID',
			name: 'deliveryId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'wbd_01HXYZ…',
			description: 'Kirim sends it again as a new delivery and keeps this one',
		},
	]),
	...updateDisplayOptions(show('bulkReplay'), [
		subscriptionIdField,
		{
			displayName:
				'Every dead or failed delivery of the subscription in the range is sent again. Kirim replays at most 1 000 per call, so the range is split into windows under that before any call; a window is never sent twice. Triggers dedupe what already ran.',
			name: 'bulkReplayNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '' },
				{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '' },
				{ displayName: 'Event Type', name: 'eventType', type: 'string', default: '', placeholder: 'contact.updated' },
			],
		},
	]),
];

function deliveryId(ctx: IExecuteFunctions, i: number): string {
	const id = String(ctx.getNodeParameter('deliveryId', i, '')).trim();
	if (!id.startsWith('wbd_'))
		throw new NodeOperationError(ctx.getNode(), `"${id}" is not a wbd_… delivery ID`, { itemIndex: i });
	return encodeURIComponent(id);
}

/** An ISO time from a dateTime parameter, or undefined when empty; anything unreadable is the user's error. */
function isoTime(ctx: IExecuteFunctions, value: unknown, name: string, i: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = Date.parse(String(value));
	if (Number.isNaN(ms))
		throw new NodeOperationError(ctx.getNode(), `${name} "${String(value)}" is not a date and time`, { itemIndex: i });
	return new Date(ms).toISOString();
}

export async function getAll(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '' && v !== undefined));
		return await listFor(this, client, DELIVERIES, qs, i);
	});
}

export async function replay(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const path = `${DELIVERIES}/${deliveryId(this, i)}/replay`;
		return await client.data<IDataObject>(
			{ method: 'POST', path, idempotencyKey: idempotencyKeyFor(this, i, 'POST', path, {}) },
			i,
		);
	});
}

export async function bulkReplay(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const subscriptionId = String(this.getNodeParameter('subscriptionId', i, '')).trim();
		if (!subscriptionId.startsWith('wbs_')) {
			throw new NodeOperationError(this.getNode(), `"${subscriptionId}" is not a wbs_… subscription ID`, {
				itemIndex: i,
			});
		}
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const createdAfter = isoTime(this, options.createdAfter, 'Created After', i);
		const createdBefore = isoTime(this, options.createdBefore, 'Created Before', i);
		if (createdAfter && createdBefore && createdAfter >= createdBefore) {
			throw new NodeOperationError(this.getNode(), 'Created After must be earlier than Created Before', {
				itemIndex: i,
			});
		}
		const eventType = String(options.eventType ?? '').trim() || undefined;
		return await replayDeadLetters(client, { subscriptionId, createdAfter, createdBefore, eventType }, i);
	});
}
