import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { isKirimId, ULID_BODY } from '../../../shared/kirim/ids';
import { forEachItem } from '../../../shared/node/per-item';
import { conversationLocator, phoneNumberField } from '../common.descriptions';
import { conversationPath } from './conversation-path';
import { CONVERSATION_STATUS_OPTIONS } from '../../../shared/kirim/conversations';

const properties: INodeProperties[] = [
	conversationLocator,
	phoneNumberField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Assign To',
				name: 'assignedTo',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description:
					'The user to assign; see Unassign to remove the assignee. Kirim has no users or members API, so the list shows only people already assigned to a conversation (of this number, or of the organisation with organisation-level paths); anyone else by ID.',
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: 'searchAssignees', searchable: true },
					},
					{
						displayName: 'By ID',
						name: 'id',
						type: 'string',
						placeholder: 'usr_01HXYZABCDEFGHJKMNPQRSTVWX',
						validation: [
							{
								type: 'regex',
								properties: {
									regex: `^usr_${ULID_BODY}$`,
									errorMessage: 'A user ID is usr_ followed by 26 characters',
								},
							},
						],
					},
				],
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: CONVERSATION_STATUS_OPTIONS,
				default: 'resolved',
				description: 'Resolved closes the conversation',
			},
			{
				displayName: 'Unassign',
				name: 'unassign',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the assignee',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['update'] } },
	properties,
);

/**
 * The assignee as a resource locator (`{__rl, mode, value}`) or, in workflows saved before it was one, a plain
 * string: n8n hands back what the workflow stored, so both are read.
 */
function assigneeOf(value: unknown): string {
	const raw = value && typeof value === 'object' && 'value' in value ? (value as IDataObject).value : value;
	return typeof raw === 'string' ? raw.trim() : '';
}

/** Assign, unassign, close or reopen: all through PATCH; Kirim documents no /assign or /close endpoint. */
export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const body: IDataObject = {};
		if (fields.status) body.status = fields.status;
		const assignee = assigneeOf(fields.assignedTo);
		if (fields.unassign === true && assignee) {
			throw new NodeOperationError(this.getNode(), 'Choose either Assign To or Unassign, not both', { itemIndex: i });
		}
		if (fields.unassign === true) body.assigned_to = null;
		else if (assignee) {
			if (!isKirimId(assignee, 'usr')) {
				throw new NodeOperationError(this.getNode(), `"${assignee}" is not a user ID (usr_ + 26 characters)`, {
					itemIndex: i,
				});
			}
			body.assigned_to = assignee;
		}
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), 'Nothing to update: set a status, an assignee or Unassign', {
				itemIndex: i,
			});
		}
		return await client.data<IDataObject>({ method: 'PATCH', path: conversationPath(this, client, i), body }, i);
	});
}
