import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { isKirimId } from '../kirim/ids';

/** A string parameter of one item, trimmed; '' when empty or unset. */
export function textParameter(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
}

const KIND = { ctc: 'contact', cnv: 'conversation', msg: 'message' } as const;

export type KirimIdPrefix = keyof typeof KIND;

/** A Kirim id parameter (`ctc_…`, `cnv_…`) of one item, or undefined when empty; anything else fails that item. */
export function optionalKirimId(
	ctx: IExecuteFunctions,
	name: string,
	prefix: KirimIdPrefix,
	itemIndex: number,
): string | undefined {
	const id = textParameter(ctx, name, itemIndex);
	return id ? requiredKirimId(ctx, name, prefix, itemIndex) : undefined;
}

/** A Kirim id parameter of one item that must be there; empty or malformed fails that item, showing the value. */
export function requiredKirimId(
	ctx: IExecuteFunctions,
	name: string,
	prefix: KirimIdPrefix,
	itemIndex: number,
): string {
	return checkedKirimId(ctx, textParameter(ctx, name, itemIndex), prefix, itemIndex);
}

/**
 * `value` when it is a Kirim id with that prefix (`<prefix>_` + 26 characters,
 * https://developers.kirim.chat/concepts/resource-ids/); empty or malformed fails that item, showing the value.
 */
export function checkedKirimId(
	ctx: IExecuteFunctions,
	value: string,
	prefix: KirimIdPrefix,
	itemIndex: number,
): string {
	const kind = KIND[prefix];
	const shown = value.slice(0, 60);
	if (!value)
		throw new NodeOperationError(ctx.getNode(), `No ${kind} ID: give the ${kind}’s ID (${prefix}_…)`, { itemIndex });
	if (!isKirimId(value, prefix))
		throw new NodeOperationError(
			ctx.getNode(),
			`"${shown}" is not a Kirim ${kind} ID (${prefix}_ followed by 26 characters)`,
			{ itemIndex },
		);
	return value;
}
