import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { isKirimId } from '../../../shared/kirim/ids';

const KIND = { cnv: 'conversation', msg: 'message' } as const;

/**
 * The id a message read needs, checked before anything is sent: empty or not `<prefix>_` + 26 characters
 * (https://developers.kirim.chat/concepts/resource-ids/) fails that item, showing the value.
 */
export function readId(ctx: IExecuteFunctions, value: string, prefix: keyof typeof KIND, itemIndex: number): string {
	const kind = KIND[prefix];
	const shown = value.slice(0, 60);
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `No ${kind} ID: give the ${kind}’s ID (${prefix}_…)`, { itemIndex });
	}
	if (!isKirimId(value, prefix)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${shown}" is not a Kirim ${kind} ID (${prefix}_ followed by 26 characters)`,
			{ itemIndex },
		);
	}
	return value;
}
