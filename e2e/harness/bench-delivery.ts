import { randomUUID } from 'node:crypto';

import { signKirimPayload } from '../../simulators/kirim';
import type { RequestSpec } from './load';

/** The signing secret the benchmarks' Kirim Trigger credentials hold. */
export const BENCH_SECRET = 'whsec_benchmark_signing_secret_000001';

/**
 * A new, validly signed Kirim delivery for every request (a duplicate would be cheaper and flatter the trigger): the
 * body and headers Kirim sends, to the production webhook `path`.
 */
export function kirimDelivery(path: string): () => RequestSpec {
	return () => {
		const id = `evt_${randomUUID()}`;
		const body = JSON.stringify({
			id,
			type: 'contact.updated',
			created_at: new Date().toISOString(),
			data: { contact: { id: 'ctc_01HXYZABCDEFGHJKMNPQRSTVWX', name: 'Bench' } },
		});
		return {
			path: `/webhook/${path}`,
			body,
			headers: {
				'content-type': 'application/json',
				'x-kirim-signature': signKirimPayload([BENCH_SECRET], Math.floor(Date.now() / 1000), body),
				'x-kirim-event': 'contact.updated',
				'x-kirim-event-id': id,
			},
		};
	};
}
