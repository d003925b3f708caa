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
import { labelField } from '../common.descriptions';
import { listFor, returnAllFields } from '../../../shared/node/kirim-list-operation';

/** Label colours Kirim accepts (https://developers.kirim.chat/api/operations/labels/post/). */
export const LABEL_COLORS = [
	'gray',
	'red',
	'orange',
	'amber',
	'yellow',
	'lime',
	'green',
	'emerald',
	'teal',
	'sky',
	'blue',
	'violet',
	'pink',
];
const colorField: INodeProperties = {
	displayName: 'Color',
	name: 'color',
	type: 'options',
	options: LABEL_COLORS.map((c) => ({ name: c[0].toUpperCase() + c.slice(1), value: c })),
	default: 'gray',
};
const LABELS = '/v1/labels';
const show = (operation: string) => ({ show: { resource: ['label'], operation: [operation] } });

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['label'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a label' },
			{ name: 'Delete', value: 'delete', action: 'Delete a label' },
			{ name: 'Get', value: 'get', action: 'Get a label' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many labels' },
			{ name: 'Update', value: 'update', action: 'Update a label' },
		],
		default: 'getAll',
	},
	...updateDisplayOptions(show('getAll'), returnAllFields('labels')),
	...updateDisplayOptions({ show: { resource: ['label'], operation: ['get', 'update', 'delete'] } }, [labelField]),
	...updateDisplayOptions(show('create'), [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			description: '1–50 characters, unique within the team',
		},
		colorField,
		{
			displayName: 'Team ID',
			name: 'teamId',
			type: 'string',
			default: '',
			description: 'Needed when the organisation has several teams; labels belong to one team',
		},
	]),
	...updateDisplayOptions(show('update'), [
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [colorField, { displayName: 'Name', name: 'name', type: 'string', default: '' }],
		},
	]),
	{
		displayName: 'Deleting a label removes it from every contact and conversation that has it.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: show('delete'),
	},
];

function labelName(ctx: IExecuteFunctions, value: unknown, i: number): string {
	const name = String(value ?? '').trim();
	if (name.length < 1 || name.length > 50) {
		throw new NodeOperationError(ctx.getNode(), `A label name has 1–50 characters; this one has ${name.length}`, {
			itemIndex: i,
		});
	}
	return name;
}

const labelPath = (ctx: IExecuteFunctions, i: number) =>
	`${LABELS}/${encodeURIComponent(String(ctx.getNodeParameter('labelId', i)))}`;

export async function getAll(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => await listFor(this, client, LABELS, {}, i));
}

export async function get(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(
		this,
		async (i) => await client.data<IDataObject>({ method: 'GET', path: labelPath(this, i) }, i),
	);
}

export async function create(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const body: IDataObject = {
			name: labelName(this, this.getNodeParameter('name', i), i),
			color: this.getNodeParameter('color', i),
		};
		const teamId = String(this.getNodeParameter('teamId', i, '')).trim();
		if (teamId) body.team_id = teamId;
		return await client.data<IDataObject>({ method: 'POST', path: LABELS, body }, i);
	});
}

export async function update(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const body: IDataObject = {};
		if (fields.name !== undefined && fields.name !== '') body.name = labelName(this, fields.name, i);
		if (fields.color) body.color = fields.color;
		if (Object.keys(body).length === 0)
			throw new NodeOperationError(this.getNode(), 'Nothing to update: fill in a field', { itemIndex: i });
		return await client.data<IDataObject>({ method: 'PATCH', path: labelPath(this, i), body }, i);
	});
}

export async function deleteLabel(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
	return await forEachItem(
		this,
		async (i) => await client.data<IDataObject>({ method: 'DELETE', path: labelPath(this, i) }, i),
	);
}
