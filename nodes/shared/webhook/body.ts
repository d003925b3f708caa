/**
 * Whether n8n reads a request body of this content type for a webhook node of typeVersion 2 or later, and so
 * keeps its raw bytes (`isParsableContentType` in packages/cli/src/webhooks/webhook-helpers.ts). For typeVersion 1
 * n8n reads every body, but first evaluates an expression per request to learn whether the node wants it as
 * binary data, which is why the triggers moved to version 2.
 */
export function isReadBodyType(contentType: string | undefined): boolean {
	if (!contentType) return false;
	const type = contentType.toLowerCase();
	return (
		type.startsWith('application/json') ||
		type.startsWith('text/plain') ||
		type.startsWith('application/x-www-form-urlencoded') ||
		type.split(';')[0].trim().endsWith('/xml') ||
		type.split(';')[0].trim().endsWith('+xml')
	);
}
