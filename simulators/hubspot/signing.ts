import { createHash, createHmac } from 'node:crypto';

/**
 * HubSpot's signatures (https://developers.hubspot.com/docs/api/webhooks/validating-requests), written independently
 * of the package's verifier and pinned to the published vectors in the tests:
 * v3 = base64 HMAC-SHA256(secret, method + uri + body + timestamp(ms)), v2 = hex SHA-256(secret + method + uri + body),
 * v1 = hex SHA-256(secret + body).
 */
export function signV3(secret: string, method: string, uri: string, body: string, timestamp: string): string {
	return createHmac('sha256', secret)
		.update(method + uri + body + timestamp)
		.digest('base64');
}

export function signV2(secret: string, method: string, uri: string, body: string): string {
	return createHash('sha256')
		.update(secret + method + uri + body)
		.digest('hex');
}

export function signV1(secret: string, body: string): string {
	return createHash('sha256')
		.update(secret + body)
		.digest('hex');
}
