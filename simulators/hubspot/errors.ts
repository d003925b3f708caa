import { randomUUID } from 'node:crypto';

import type { SimResponse } from '../common/http';
import { BadRequest } from '../common/pipeline';

/** One entry of `errors[]` in the `Error` schema of HubSpot's OpenAPI specs. */
export interface HubSpotErrorDetail {
	message: string;
	code?: string;
	in?: string;
	context?: Record<string, unknown>;
	subCategory?: string;
}

/** HubSpot's error shape: `{status:"error", message, correlationId, category, subCategory?, context?, errors?}`. */
export function hubSpotError(
	status: number,
	category: string,
	message: string,
	extra: { errors?: HubSpotErrorDetail[]; context?: Record<string, unknown>; subCategory?: string } = {},
): SimResponse {
	return {
		status,
		body: {
			status: 'error',
			message,
			correlationId: randomUUID(),
			category,
			...(extra.subCategory ? { subCategory: extra.subCategory } : {}),
			...(extra.context ? { context: extra.context } : {}),
			...(extra.errors ? { errors: extra.errors } : {}),
		},
	};
}

/**
 * Thrown by route code and rendered in HubSpot's shape. Extends the common BadRequest so the pipeline hands it
 * to our `badRequest` renderer; a 400 always carries at least one `errors[]` entry so a client can see why.
 */
export class HubSpotInvalid extends BadRequest {
	readonly errors: HubSpotErrorDetail[];

	constructor(
		message: string,
		readonly category = 'VALIDATION_ERROR',
		readonly status = 400,
		errors?: HubSpotErrorDetail[],
		readonly context?: Record<string, unknown>,
		readonly subCategory?: string,
	) {
		super(message);
		this.errors = errors ?? [{ message }];
	}

	render(): SimResponse {
		return hubSpotError(this.status, this.category, this.message, {
			errors: this.errors,
			context: this.context,
			subCategory: this.subCategory,
		});
	}
}

/** A 404 for an object id that does not exist (or is archived). */
export function objectNotFound(type: string, id: string): HubSpotInvalid {
	return new HubSpotInvalid(`Object not found.  objectId are usually numeric.`, 'OBJECT_NOT_FOUND', 404, [
		{ message: `No ${type} object with id ${id}`, context: { id: [id] } },
	]);
}

/** A required field missing or of the wrong kind (400 VALIDATION_ERROR naming the field in `in`). */
export function fieldError(field: string, problem: string): HubSpotInvalid {
	return new HubSpotInvalid(`Invalid input JSON: ${field} ${problem}`, 'VALIDATION_ERROR', 400, [
		{ message: `${field} ${problem}`, in: field, code: 'INVALID_INPUT' },
	]);
}
