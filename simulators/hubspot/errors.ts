import { randomUUID } from 'node:crypto';

import type { SimResponse } from '../common/http';
import { BadRequest } from '../common/pipeline';

export interface HubSpotErrorDetail {
	message: string;
	code?: string;
	in?: string;
	context?: Record<string, unknown>;
}

/** HubSpot's error shape (webhooks-hubspot.md §2.4, `Error` in the spec). */
export function hubSpotError(status: number, category: string, message: string, errors?: HubSpotErrorDetail[], context?: Record<string, unknown>): SimResponse {
	return {
		status,
		body: { status: 'error', message, correlationId: randomUUID(), category, ...(errors ? { errors } : {}), ...(context ? { context } : {}) },
	};
}

/** Thrown by route code; rendered in HubSpot's shape. */
export class HubSpotInvalid extends BadRequest {
	constructor(
		message: string,
		readonly category = 'VALIDATION_ERROR',
		readonly status = 400,
		readonly errors?: HubSpotErrorDetail[],
	) {
		super(message);
	}
}
