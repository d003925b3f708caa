import type { NodeApiError } from 'n8n-workflow';

/**
 * Turns an API error into the report of a write whose outcome is unknown: the server may have carried it out
 * before the answer was lost, and it was not repeated because that could do it twice. The user is told what to
 * check; callers find such errors with `isOutcomeUnknown` (e.g. to read back per item).
 */
export function markOutcomeUnknown(error: NodeApiError, hint: string): NodeApiError {
	error.message = `${error.message} — outcome unknown, not sent again`;
	error.description = [
		'The request may or may not have been carried out; sending it again could do it twice.',
		hint,
		error.description,
	]
		.filter(Boolean)
		.join(' ');
	Object.assign(error.context, { outcomeUnknown: true });
	return error;
}

export function isOutcomeUnknown(error: unknown): boolean {
	return (error as { context?: { outcomeUnknown?: unknown } } | undefined)?.context?.outcomeUnknown === true;
}
