import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * A Kirim id parameter (wbs_… subscription, wbd_… delivery, sec_… secret), trimmed, refused with a message naming
 * what was expected when it lacks its prefix. Kirim documents the prefixes, not the rest of these ids' format.
 */
export function prefixedId(ctx: IExecuteFunctions, name: string, prefix: string, what: string, i: number): string {
	const id = String(ctx.getNodeParameter(name, i, '')).trim();
	if (!id.startsWith(`${prefix}_`))
		throw new NodeOperationError(ctx.getNode(), `"${id}" is not a ${prefix}_… ${what}`, { itemIndex: i });
	return id;
}
