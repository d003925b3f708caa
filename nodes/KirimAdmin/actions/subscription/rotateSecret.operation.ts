import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { idempotencyKeyFor } from '../../../shared/node/idempotency-key';

import { subscriptionIdField, subscriptionPath } from './subscription-id';

const properties: INodeProperties[] = [
	subscriptionIdField,
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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['rotateSecret'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
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
