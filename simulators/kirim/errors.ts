import { randomBytes } from 'node:crypto';

import type { SimResponse } from '../common/http';
import { BadRequest } from '../common/pipeline';

export const requestId = () => `req_${randomBytes(10).toString('hex')}`;

/**
 * Kirim's error envelope (https://developers.kirim.chat/concepts/errors/):
 * `{error:{type, code, message, param?, request_id}}`.
 */
export function kirimError(status: number, type: string, code: string, message: string, param?: string): SimResponse {
	const id = requestId();
	return {
		status,
		headers: { 'x-request-id': id },
		body: { error: { type, code, message, ...(param ? { param } : {}), request_id: id } },
	};
}

/** Thrown by route code; the router turns it into Kirim's 400 with `param`. */
export class KirimInvalid extends BadRequest {
	constructor(
		readonly code: string,
		message: string,
		readonly param?: string,
		readonly status = 400,
		readonly type = 'invalid_request_error',
	) {
		super(message);
	}
}

export const notFound = (what: string) =>
	new KirimInvalid('resource_not_found', `No such ${what}.`, undefined, 404, 'not_found');

export function ok(data: unknown, status = 200): SimResponse {
	const id = requestId();
	return { status, headers: { 'x-request-id': id }, body: { data, request_id: id } };
}

export function list(data: unknown[], hasMore: boolean, nextCursor: string | null): SimResponse {
	const id = requestId();
	return {
		status: 200,
		headers: { 'x-request-id': id },
		body: { data, has_more: hasMore, next_cursor: nextCursor, request_id: id },
	};
}
