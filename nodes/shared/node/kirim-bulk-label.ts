import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idempotencyKeyFor } from './idempotency-key';
import { chunk, mapSettled } from '../transport/concurrency';
import type { KirimClient } from '../kirim/client';

/** Kirim applies at most 1000 contacts per bulk_label call, in one transaction
 * (https://developers.kirim.chat/api/operations/phone_number_idcontactsbulk_label/). */
export const BULK_LABEL_CAP = 1000;

export type BulkLabelOperation = 'attach' | 'detach';

export interface BulkLabelRequest {
	labelId: string;
	operation: BulkLabelOperation;
	/** Valid `ctc_` ids, without repeats. */
	contactIds: string[];
	/** Meta's phone number id for phone-scoped paths; empty uses the credential's default. */
	phoneNumberId?: string;
	/** Chunks sent at the same time. */
	concurrency: number;
}

export type BulkLabelChunk =
	{ contactIds: string[]; ok: true; counts: IDataObject } | { contactIds: string[]; ok: false; error: Error };

/**
 * Sends `contactIds` in chunks of ≤ 1000, a few at a time, each with an Idempotency-Key that stays the same on a
 * retry of that chunk and on a re-run of this step, so Kirim applies a chunk once. Every chunk is reported, failed
 * ones with the ids they held.
 */
export async function sendBulkLabel(
	ctx: IExecuteFunctions,
	client: KirimClient,
	request: BulkLabelRequest,
): Promise<BulkLabelChunk[]> {
	const path = client.scopedPath('contacts', '/bulk_label', request.phoneNumberId, 0);
	const chunks = chunk(request.contactIds, BULK_LABEL_CAP);
	const settled = await mapSettled(chunks, request.concurrency, async (contactIds, index) => {
		const body = { contact_ids: contactIds, label_id: request.labelId, operation: request.operation };
		const idempotencyKey = idempotencyKeyFor(ctx, index, 'POST', path, body);
		return await client.data<IDataObject>({ method: 'POST', path, body, idempotencyKey }, 0);
	});
	return settled.map((result, index): BulkLabelChunk =>
		result.ok
			? { contactIds: chunks[index], ok: true, counts: result.value }
			: { contactIds: chunks[index], ok: false, error: result.error as Error },
	);
}
