import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { forEachItem } from '../../../shared/node/per-item';
import { colorField, LABELS, labelName } from './label-fields';

const properties: INodeProperties[] = [
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
];

export const description = updateDisplayOptions({ show: { resource: ['label'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, client: KirimClient): Promise<INodeExecutionData[]> {
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
