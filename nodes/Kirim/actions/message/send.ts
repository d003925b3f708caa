import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { normalisePhone } from '../../../shared/sync/phone';
import { idempotencyKeyFor } from '../../../shared/node/idempotency-key';
import { phoneNumberIdOf } from '../common.descriptions';

export function recipient(ctx: IExecuteFunctions, i: number): string {
	const phone = normalisePhone(ctx.getNodeParameter('to', i));
	if (!phone.ok) throw new NodeOperationError(ctx.getNode(), `To: ${phone.reason}`, { itemIndex: i });
	return phone.e164;
}

export async function send(
	ctx: IExecuteFunctions,
	client: KirimClient,
	i: number,
	body: IDataObject,
): Promise<IDataObject> {
	const path = client.scopedPath('messages', '', phoneNumberIdOf(ctx, i), i);
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const idempotencyKey = idempotencyKeyFor(ctx, i, 'POST', path, body, options.idempotencyKey as string | undefined);
	return await client.data<IDataObject>({ method: 'POST', path, body, idempotencyKey }, i);
}
