import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { getList, isListId, listByName } from '../../../shared/hubspot/lists';
import { KirimClient } from '../../../shared/kirim/client';
import { labelIdOf } from '../../../shared/kirim/labels';
import { errorJson } from '../../../shared/node/per-item';
import { idPropertyField, kirimPhoneNumberOption, phoneNumberIdOf } from '../common';
import { mirrorListToLabel, type LabelMirrorReport } from './label-mirror';

const show = { resource: ['list'], operation: ['mirrorToLabel'] };

const properties: INodeProperties[] = [
	{
		displayName:
			'Gives the Kirim contacts of a HubSpot segment’s members a Kirim label, and takes it off contacts that left. Who got the label this way is kept in HubSpot, in a static list named below, so a failed or interrupted run is completed by the next one. Run it on a schedule. Needs the lists scopes (crm.lists.read, crm.lists.write).',
		name: 'mirrorNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Segment Name or ID',
		name: 'list',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'VIP customers',
		description:
			'The HubSpot contact segment (list) whose members get the label: its exact name, or its ID (the number in the segment’s address in HubSpot)',
	},
	{
		displayName: 'Kirim Label Name or ID',
		name: 'label',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'VIP',
		description: 'The Kirim label to give the members: its exact name, or its ID (lbl_…)',
	},
	{ ...idPropertyField, description: 'HubSpot contact property that holds the Kirim contact ID' },
	{
		displayName: 'Remove From Leavers',
		name: 'removeFromLeavers',
		type: 'boolean',
		default: true,
		description:
			'Whether contacts that left the segment lose the label. Only contacts that got the label from this operation lose it.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Labelled List Name',
				name: 'labelledListName',
				type: 'string',
				default: '',
				description:
					'Name of the static HubSpot list that records who got the label from this segment. Default: "Kirim label LABEL_ID from segment LIST_ID" (IDs, so renaming the segment or the label keeps it). Created when missing.',
			},
			{
				displayName: 'Parallel Kirim Requests',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 2,
				description: 'Chunks of 1000 contacts sent to Kirim at the same time',
			},
			kirimPhoneNumberOption('whose contacts are labelled'),
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

/** The segment's id: digits are an ID, anything else an exact name. */
async function segmentIdOf(ctx: IExecuteFunctions, hubspot: HubSpotClient, nameOrId: string): Promise<string> {
	const wanted = nameOrId.trim();
	if (!wanted) throw new NodeOperationError(ctx.getNode(), 'No HubSpot segment was given');
	const list = isListId(wanted) ? await getList(hubspot, wanted) : await listByName(hubspot, wanted);
	if (!list)
		throw new NodeOperationError(
			ctx.getNode(),
			isListId(wanted) ? `HubSpot has no list with ID ${wanted}` : `HubSpot has no contact list named "${wanted}"`,
			{
				description:
					'Check the segment’s name (exact, case matters) or ID, and that the app has the crm.lists.read scope.',
			},
		);
	return list.listId;
}

async function parameters(ctx: IExecuteFunctions, hubspot: HubSpotClient, kirim: KirimClient) {
	const listId = await segmentIdOf(ctx, hubspot, String(ctx.getNodeParameter('list', 0)));
	const labelId = await labelIdOf(ctx.getNode(), kirim, String(ctx.getNodeParameter('label', 0)));
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const labelledListName =
		String(options.labelledListName ?? '').trim() || `Kirim label ${labelId} from segment ${listId}`;
	return {
		listId,
		labelId,
		labelledListName,
		idProperty: String(ctx.getNodeParameter('idProperty', 0)).trim(),
		removeFromLeavers: ctx.getNodeParameter('removeFromLeavers', 0, true) as boolean,
		phoneNumberId: phoneNumberIdOf(options),
		concurrency: Number(options.concurrency ?? 2),
	};
}

function summary(report: LabelMirrorReport): IDataObject {
	return {
		listId: report.listId,
		labelId: report.labelId,
		labelledListId: report.labelledListId,
		labelledListCreated: report.labelledListCreated,
		members: report.members,
		attached: report.attached.length,
		detached: report.detached.length,
		notLinked: report.notLinked,
		leftUnlinked: report.leftUnlinked,
		leaversKept: report.leaversKept,
		...report.counts,
		failed: report.failedChunks.map((chunk) => ({
			operation: chunk.operation,
			hubspotIds: chunk.hubspotIds,
			...errorJson(chunk.error),
		})),
		requests: { ...report.requests },
	};
}

/** Runs once for the whole input (the first item's parameters): the segment belongs to the account, not to an item. */
export async function execute(this: IExecuteFunctions, hubspot: HubSpotClient): Promise<INodeExecutionData[]> {
	const kirim = await KirimClient.create(this);
	const request = await parameters(this, hubspot, kirim);
	const report = await mirrorListToLabel(this, hubspot, kirim, request);
	const pairedItem = this.getInputData().map((_, item) => ({ item }));
	if (report.failedChunks.length > 0 && !this.continueOnFail()) {
		const first = report.failedChunks[0];
		throw new NodeOperationError(
			this.getNode(),
			`${report.failedChunks.length} Kirim label request(s) failed; ${report.attached.length} contacts got the label and ${report.detached.length} lost it`,
			{
				description: `First failure (${first.operation}): ${first.error.message}. The contacts of failed requests stay out of the labelled list, so the next run tries them again.`,
			},
		);
	}
	return [{ json: summary(report), pairedItem }];
}
