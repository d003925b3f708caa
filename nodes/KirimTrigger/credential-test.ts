import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

const FIELDS: Array<[string, string]> = [
	['currentSecret', 'Current Signing Secret'],
	['nextSecret', 'Next Signing Secret'],
	['previousSecret', 'Previous Signing Secret'],
];

/**
 * Kirim has no endpoint that checks a signing secret, so the test checks what can be checked locally:
 * a secret is present, each is a `whsec_…` value as Kirim issues them, and none has stray whitespace
 * (a pasted newline makes every signature fail).
 */
export async function kirimWebhookSigningTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	let filled = 0;
	for (const [field, label] of FIELDS) {
		const value = data[field];
		if (typeof value !== 'string' || value === '') continue;
		filled += 1;
		if (value !== value.trim()) return { status: 'Error', message: `${label} has spaces or a line break around it` };
		if (!/^whsec_[A-Za-z0-9+/=_-]{8,}$/.test(value)) {
			return {
				status: 'Error',
				message: `${label} is not a Kirim signing secret (expected whsec_ followed by the secret)`,
			};
		}
	}
	if (filled === 0) return { status: 'Error', message: 'Enter the Current Signing Secret' };
	return { status: 'OK', message: `${filled} signing secret${filled > 1 ? 's' : ''} in the expected format` };
}
