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
import { conversationLocator, locatorValue, phoneNumberField, phoneNumberIdOf } from '../common.descriptions';
import { listFor, returnAllFields } from '../../../shared/node/kirim-list-operation';

const STATUSES = [
	{ name: 'Open', value: 'open' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Resolved (Closed)', value: 'resolved' },
];
const show = (operation: string) => ({ show: { resource: ['conversation'], operation: [operation] } });

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a conversation' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many conversations' },
			{ name: 'Update', value: 'update', action: 'Update a conversation' },
		],
		default: 'getAll',
	},
	...updateDisplayOptions({ show: { resource: ['conversation'], operation: ['get', 'update'] } }, [
		conversationLocator,
	]),
	...updateDisplayOptions({ show: { resource: ['conversation'] } }, [phoneNumberField]),
	...updateDisplayOptions(show('getAll'), [
		...returnAllFields('conversations'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add filter',
			default: {},
			options: [
				{ displayName: 'Contact ID', name: 'contactId', type: 'string', default: '', placeholder: 'ctc_…' },
				{ displayName: 'Status', name: 'status', type: 'options', options: STATUSES, default: 'open' },
			],
		},
		{
			displayName:
				'Conversations come most recently active first (by last message); an assignment or a close does not move them.',
			name: 'orderNotice',
			type: 'notice',
			default: '',
		},
	]),
	...updateDisplayOptions(show('update'), [
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
					options: STATUSES,
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
	]),
];

// Only the org-level /v1/conversations/{id} is documented
// (https://kirim-dev.pages.dev/api/operations/conversationsid/patch/); the phone-scoped form is inferred.
const conversationPath = (ctx: IExecuteFunctions, client: KirimClient, i: number) =>
	client.scopedPath(
		'conversations',
		`/${encodeURIComponent(locatorValue(ctx, 'conversationId', i))}`,
		phoneNumberIdOf(ctx, i),
		i,
	);

export async function get(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(
		this,
		async (i) => await client.data<IDataObject>({ method: 'GET', path: conversationPath(this, client, i) }, i),
	);
}

export async function getAll(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		if (filters.status) qs.status = filters.status;
		if (filters.contactId) {
			if (!isKirimId(filters.contactId, 'ctc')) {
				throw new NodeOperationError(
					this.getNode(),
					`"${String(filters.contactId)}" is not a contact ID (ctc_ + 26 characters)`,
					{ itemIndex: i },
				);
			}
			qs.contact_id = filters.contactId;
		}
		return await listFor(this, client, client.scopedPath('conversations', '', phoneNumberIdOf(this, i), i), qs, i);
	});
}

/**
 * The assignee as a resource locator (`{__rl, mode, value}`) or, in workflows saved before it was one, a plain
 * string: n8n hands back what the workflow stored, so both are read.
 */
function assigneeOf(value: unknown): string {
	const raw = value && typeof value === 'object' && 'value' in value ? (value as IDataObject).value : value;
	return typeof raw === 'string' ? raw.trim() : '';
}

/** Assign, unassign, close or reopen: all through PATCH; Kirim documents no /assign or /close endpoint. */
export async function update(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
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
