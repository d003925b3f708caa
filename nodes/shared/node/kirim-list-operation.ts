import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from './limit-fields';
import { collect } from '../transport/pagination';
import type { KirimClient } from '../kirim/client';

/** The "Get Many" parameters every Kirim list operation shows (read by `listFor`). */
export function returnAllFields(resourceName: string): INodeProperties[] {
	return [
		...returnAllAndLimit,
		{
			displayName: 'Output One Item per Page',
			name: 'outputPerPage',
			type: 'boolean',
			default: false,
			description: `Whether to output each page of ${resourceName} as one item (for very long lists) instead of one item per record`,
		},
	];
}

/**
 * "Get Many" for every Kirim list, on the shared cursor iterator: Return All or Limit, and optionally one
 * output item per page (so a 100 000-contact walk does not hold 100 000 items at once downstream).
 */
export async function listFor(
	ctx: IExecuteFunctions,
	client: KirimClient,
	path: string,
	qs: IDataObject,
	itemIndex: number,
): Promise<IDataObject[]> {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	const perPage = ctx.getNodeParameter('outputPerPage', itemIndex, false) as boolean;
	const pageSize = limit === undefined ? 100 : Math.min(100, Math.max(1, limit));
	const iterator = client.listPages<IDataObject>(path, qs, pageSize, itemIndex);
	if (!perPage) return await collect(iterator, limit);
	const out: IDataObject[] = [];
	let taken = 0;
	for await (const page of iterator) {
		const records = limit === undefined ? page.items : page.items.slice(0, limit - taken);
		taken += records.length;
		out.push({ page: out.length + 1, count: records.length, records });
		if (limit !== undefined && taken >= limit) break;
	}
	return out;
}
