/**
 * Whether n8n reads a request body of this content type for a webhook node of typeVersion 2 or later, and so keeps
 * its raw bytes. The same test as n8n's `isParsableContentType` (packages/cli/src/webhooks/webhook-helpers.ts),
 * case and parameters included: a body it leaves unread is one without raw bytes, whatever we would accept. (For
 * typeVersion 1 n8n reads every body, after evaluating an expression per request to learn whether the node wants it
 * as binary data: why the Kirim Trigger moved to version 2.)
 */
export function isReadBodyType(contentType: string | undefined): boolean {
	if (!contentType) return false;
	return (
		contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml')
	);
}
