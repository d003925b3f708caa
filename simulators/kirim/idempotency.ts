import { createHash } from 'node:crypto';

import type { Clock } from '../common/clock';
import { header, type SimRequest, type SimResponse } from '../common/http';
import { kirimError } from './errors';

const DAY_MS = 24 * 3_600_000;

interface Entry {
	fingerprint: string;
	storedAt: number;
	response?: SimResponse;
}

function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const keys = Object.keys(value as Record<string, unknown>).sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/**
 * Kirim's Idempotency-Key (https://developers.kirim.chat/concepts/idempotency/): sha256(method + path + canonical
 * body) per key for 24 h; same key + same body → the stored response replayed; different body → 422
 * idempotency_key_reuse; first call still running → 409 idempotency_in_progress. Ignored on GET, PATCH and DELETE.
 */
export class IdempotencyStore {
	private readonly entries = new Map<string, Entry>();
	/** Test hook: the next idempotent request waits this long inside its in-flight window. */
	holdNextMs = 0;

	constructor(private readonly clock: Clock) {}

	async run(req: SimRequest, handle: () => Promise<SimResponse>): Promise<SimResponse> {
		const key = header(req, 'idempotency-key');
		if (req.method !== 'POST' || key === undefined) return await handle();
		if (key.length === 0 || key.length > 255) {
			return kirimError(
				400,
				'invalid_request_error',
				'invalid_field_value',
				'Idempotency-Key must be 1–255 characters.',
				'Idempotency-Key',
			);
		}
		let body: unknown = null;
		try {
			body = req.rawBody.length ? JSON.parse(req.rawBody.toString('utf8')) : null;
		} catch {
			body = req.rawBody.toString('utf8');
		}
		const fingerprint = createHash('sha256')
			.update(`${req.method}${req.path}${canonical(body)}`)
			.digest('hex');
		const now = this.clock.now();
		const existing = this.entries.get(key);
		if (existing && now - existing.storedAt < DAY_MS) {
			if (existing.fingerprint !== fingerprint) {
				return kirimError(
					422,
					'invalid_request_error',
					'idempotency_key_reuse',
					'This Idempotency-Key was used with a different request.',
				);
			}
			if (!existing.response) {
				return kirimError(
					409,
					'conflict',
					'idempotency_in_progress',
					'A request with this Idempotency-Key is still in progress.',
				);
			}
			return { ...existing.response, headers: { ...(existing.response.headers ?? {}), 'idempotent-replayed': 'true' } };
		}
		const entry: Entry = { fingerprint, storedAt: now };
		this.entries.set(key, entry);
		if (this.holdNextMs > 0) {
			const hold = this.holdNextMs;
			this.holdNextMs = 0;
			await new Promise((resolve) => setTimeout(resolve, hold));
		}
		let response: SimResponse;
		try {
			response = await handle();
		} catch (error) {
			// A request the route refused by throwing (answered as an error by the router) is not stored: without
			// this its key would stay "in progress" and every retry would get 409.
			this.entries.delete(key);
			throw error;
		}
		if (response.status >= 500) this.entries.delete(key);
		else entry.response = response;
		return { ...response, headers: { ...(response.headers ?? {}), 'idempotent-replayed': 'false' } };
	}
}
