import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { isKirimId } from '../kirim/ids';

/** A string parameter of one item, trimmed; '' when empty or unset. */
export function textParameter(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
}

const KIND: Record<string, string> = { ctc: 'contact', cnv: 'conversation' };

/** A Kirim id parameter (`ctc_…`, `cnv_…`) of one item, or undefined when empty; anything else fails that item. */
export function optionalKirimId(
	ctx: IExecuteFunctions,
	name: string,
	prefix: 'ctc' | 'cnv',
	itemIndex: number,
): string | undefined {
	const id = textParameter(ctx, name, itemIndex);
	return id ? requiredKirimId(ctx, name, prefix, itemIndex) : undefined;
}

/** A Kirim id parameter of one item that must be there; empty or malformed fails that item, showing the value. */
export function requiredKirimId(
	ctx: IExecuteFunctions,
	name: string,
	prefix: 'ctc' | 'cnv',
	itemIndex: number,
): string {
	const id = textParameter(ctx, name, itemIndex);
	const shown = id.slice(0, 60);
	if (!isKirimId(id, prefix))
		throw new NodeOperationError(
			ctx.getNode(),
			`"${shown}" is not a Kirim ${KIND[prefix]} ID (${prefix}_ followed by 26 characters)`,
			{ itemIndex },
		);
	return id;
}
