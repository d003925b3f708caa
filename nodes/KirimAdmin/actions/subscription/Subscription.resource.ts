import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { KIRIM_EVENTS } from '../../../shared/kirim/events';
import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { idempotencyKeyFor } from '../../../shared/node/idempotency-key';

import { listFor, returnAllFields } from '../../../shared/node/kirim-list-operation';
import { withoutSecrets } from '../redact';

const SUBSCRIPTIONS = '/v1/webhook_subscriptions';
const show = (...operation: string[]) => ({ show: { resource: ['subscription'], operation } });

export const subscriptionIdField: INodeProperties = {
	displayName: 'Subscription ID',
	name: 'subscriptionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'wbs_01HXYZ…',
	description: 'The webhook subscription, as wbs_… (a managed Kirim Trigger logs the ID it created)',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{ name: 'Delete Secret', value: 'deleteSecret', action: 'Delete a signing secret of a subscription' },
			{ name: 'Get', value: 'get', action: 'Get a webhook subscription' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many webhook subscriptions' },
			{ name: 'Rotate Secret', value: 'rotateSecret', action: 'Issue a new signing secret for a subscription' },
			{ name: 'Update', value: 'update', action: 'Update a webhook subscription' },
		],
		default: 'getAll',
	},
	...updateDisplayOptions(show('getAll'), returnAllFields('subscriptions')),
	...updateDisplayOptions(show('get', 'update', 'rotateSecret', 'deleteSecret'), [subscriptionIdField]),
	...updateDisplayOptions(show('update'), [
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
				{
					displayName: 'Events',
					name: 'events',
					type: 'multiOptions',
					options: KIRIM_EVENTS.map((e) => ({ name: e.name, value: e.name, description: e.description })),
					default: [],
				},
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: [
						{ name: 'Active (Resume or Re-Enable)', value: 'active' },
						{ name: 'Paused', value: 'paused' },
					],
					default: 'active',
				},
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					description: 'HTTPS only; Kirim refuses plain-http URLs',
				},
			],
		},
	]),
	...updateDisplayOptions(show('rotateSecret'), [
		{
			displayName:
				'During the overlap Kirim signs every delivery with every active secret. Put the new secret into the Kirim Webhook Signing credential (Next Secret), then delete the old one here.',
			name: 'rotateNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Expires In (Hours)',
			name: 'expiresInHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Sent as expires_in_hours ("a new signing secret with the given expiry"); 0 sends none',
		},
		{
			displayName: 'Output the New Secret',
			name: 'outputSecret',
			type: 'boolean',
			default: false,
			description:
				'Whether to put the new secret’s plaintext into this node’s output, the only place it is ever shown. It is then stored with the execution: copy it into the credential and delete the execution.',
		},
	]),
	...updateDisplayOptions(show('deleteSecret'), [
		{
			displayName: 'Secret ID',
			// Not named *secret*: it is the ID of a signing secret (sec_…), not a secret, and must stay readable.
			name: 'signingKeyId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'sec_01HXYZ…',
			description: 'Kirim stops signing with it on the next event',
		},
	]),
];

const idOf = (ctx: IExecuteFunctions, name: string, prefix: string, i: number): string => {
	const id = String(ctx.getNodeParameter(name, i, '')).trim();
	if (!id.startsWith(`${prefix}_`)) {
		throw new NodeOperationError(ctx.getNode(), `"${id}" is not a ${prefix}_… ID`, { itemIndex: i });
	}
	return encodeURIComponent(id);
};
const subscriptionPath = (ctx: IExecuteFunctions, i: number) =>
	`${SUBSCRIPTIONS}/${idOf(ctx, 'subscriptionId', 'wbs', i)}`;

export async function getAll(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => withoutSecrets(await listFor(this, client, SUBSCRIPTIONS, {}, i)));
}

export async function get(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) =>
		withoutSecrets(await client.data<IDataObject>({ method: 'GET', path: subscriptionPath(this, i) }, i)),
	);
}

export async function update(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const body: IDataObject = {};
		if (typeof fields.url === 'string' && fields.url.trim()) body.url = fields.url.trim();
		if (typeof fields.description === 'string' && fields.description !== '') body.description = fields.description;
		if (Array.isArray(fields.events) && fields.events.length > 0) body.events = fields.events;
		if (fields.status) body.status = fields.status;
		if (Object.keys(body).length === 0)
			throw new NodeOperationError(this.getNode(), 'Nothing to update: fill in a field', { itemIndex: i });
		return withoutSecrets(
			await client.data<IDataObject>({ method: 'PATCH', path: subscriptionPath(this, i), body }, i),
		);
	});
}

export async function rotateSecret(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		if (this.getNodeParameter('outputSecret', i, false) !== true) {
			throw new NodeOperationError(this.getNode(), 'Rotate Secret needs "Output the New Secret" switched on', {
				itemIndex: i,
				description:
					'Kirim shows a new secret only once, in this response. Without the option the secret would be lost and every delivery signed with it unverifiable, so nothing was sent.',
			});
		}
		const path = `${subscriptionPath(this, i)}/secrets`;
		const hours = this.getNodeParameter('expiresInHours', i, 0) as number;
		const body: IDataObject = hours > 0 ? { expires_in_hours: Math.round(hours) } : {};
		const created = await client.data<IDataObject>(
			{ method: 'POST', path, body, idempotencyKey: idempotencyKeyFor(this, i, 'POST', path, body) },
			i,
		);
		return { subscriptionId: String(this.getNodeParameter('subscriptionId', i)).trim(), ...created };
	});
}

export async function deleteSecret(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const path = `${subscriptionPath(this, i)}/secrets/${idOf(this, 'signingKeyId', 'sec', i)}`;
		return withoutSecrets(await client.data<IDataObject>({ method: 'DELETE', path }, i));
	});
}
