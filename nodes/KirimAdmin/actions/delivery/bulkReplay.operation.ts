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

import { prefixedId } from '../prefixed-id';
import { subscriptionIdField } from '../subscription/subscription-id';

const properties: INodeProperties[] = [
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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['delivery'], operation: ['bulkReplay'] } },
	properties,
);

/** An ISO time from a dateTime parameter, or undefined when empty; anything unreadable is the user's error. */
function isoTime(ctx: IExecuteFunctions, value: unknown, name: string, i: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = Date.parse(String(value));
	if (Number.isNaN(ms))
		throw new NodeOperationError(ctx.getNode(), `${name} "${String(value)}" is not a date and time`, { itemIndex: i });
	return new Date(ms).toISOString();
}

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const subscriptionId = prefixedId(this, 'subscriptionId', 'wbs', 'subscription ID', i);
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
