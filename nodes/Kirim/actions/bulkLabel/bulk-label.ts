import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { isKirimId } from '../../../shared/kirim/ids';
import { errorJson } from '../../../shared/node/per-item';
import { sendBulkLabel, type BulkLabelOperation } from '../../../shared/node/kirim-bulk-label';
import { valueAtPath } from '../../../shared/sync/path';
import { labelField, phoneNumberField, phoneNumberIdOf } from '../common.descriptions';

/** What both operations ask, in the order the panel shows it. */
export const bulkLabelFields: INodeProperties[] = [
	labelField,
	{
		displayName: 'Contact IDs From',
		name: 'idsFrom',
		type: 'options',
		options: [
			{ name: 'Input Items', value: 'items', description: 'One field of each input item (an ID or a list of IDs)' },
			{ name: 'A List', value: 'list', description: 'IDs separated by commas, spaces or new lines' },
		],
		default: 'items',
	},
	{
		displayName: 'Contact ID Field',
		name: 'idField',
		type: 'string',
		default: 'id',
		description: 'The field of each input item that holds the contact ID (dot notation for nested fields)',
		displayOptions: { show: { idsFrom: ['items'] } },
	},
	{
		displayName: 'Contact IDs',
		name: 'idList',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		displayOptions: { show: { idsFrom: ['list'] } },
	},
	phoneNumberField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Parallel Requests',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 4,
				description: 'Chunks sent at the same time; rate limits are honoured per request',
			},
		],
	},
];

/** Every id asked for, in order, without repeats; anything not `ctc_` + 26 ULID characters is set aside. */
function collectIds(ctx: IExecuteFunctions): { ids: string[]; invalid: string[] } {
	const raw: unknown[] = [];
	if (ctx.getNodeParameter('idsFrom', 0) === 'list') {
		raw.push(
			...String(ctx.getNodeParameter('idList', 0))
				.split(/[\s,;]+/)
				.filter(Boolean),
		);
	} else {
		const field = String(ctx.getNodeParameter('idField', 0));
		for (const item of ctx.getInputData()) {
			const value = valueAtPath(item.json, field);
			raw.push(...(Array.isArray(value) ? value : [value]));
		}
	}
	const ids: string[] = [];
	const invalid: string[] = [];
	const seen = new Set<string>();
	for (const value of raw) {
		const id = typeof value === 'string' ? value.trim() : String(value ?? '');
		if (seen.has(id)) continue;
		seen.add(id);
		(isKirimId(id, 'ctc') ? ids : invalid).push(id);
	}
	return { ids, invalid };
}

/**
 * One summary item for the whole input (chunks as `sendBulkLabel` sends them). A chunk that still fails after the
 * transport's retries is reported with the ids it held; nothing is dropped silently.
 */
export async function bulkLabel(
	ctx: IExecuteFunctions,
	client: KirimClient,
	operation: BulkLabelOperation,
): Promise<INodeExecutionData[]> {
	const labelId = String(ctx.getNodeParameter('labelId', 0));
	const { ids, invalid } = collectIds(ctx);
	if (ids.length === 0 && invalid.length === 0)
		throw new NodeOperationError(ctx.getNode(), 'No contact IDs were given');
	const concurrency = ((ctx.getNodeParameter('options', 0, {}) as IDataObject).concurrency as number) ?? 4;
	const sent = await sendBulkLabel(ctx, client, {
		labelId,
		operation,
		contactIds: ids,
		phoneNumberId: phoneNumberIdOf(ctx, 0),
		concurrency,
	});
	const totals = { applied: 0, skipped_cross_org: 0, skipped_team_mismatch: 0 };
	const results = sent.map((result, index): IDataObject => {
		const summary: IDataObject = { chunk: index + 1, size: result.contactIds.length };
		if (!result.ok) return { ...summary, status: 'failed', ...errorJson(result.error), contact_ids: result.contactIds };
		for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += Number(result.counts[key] ?? 0);
		return { ...summary, status: 'done', ...result.counts };
	});
	const failed = results.filter((r) => r.status === 'failed');
	if (failed.length > 0 && !ctx.continueOnFail()) {
		throw new NodeOperationError(ctx.getNode(), `${failed.length} of ${sent.length} bulk-label chunks failed`, {
			description: `First failure: ${String(failed[0].error)}. Chunks that succeeded stay applied; re-run to retry (the same keys make successful chunks no-ops).`,
		});
	}
	const summary: IDataObject = {
		operation,
		label_id: labelId,
		requested: ids.length + invalid.length,
		sent: ids.length,
		...totals,
		failed_chunks: failed.length,
		failed_contact_ids: failed.flatMap((r) => r.contact_ids as string[]),
		invalid_ids: invalid,
		chunks: results,
	};
	const pairedItem = ctx.getInputData().map((_, item) => ({ item }));
	return [{ json: summary, pairedItem }];
}
