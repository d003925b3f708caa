import type { IDataObject } from 'n8n-workflow';

/**
 * Keys that hold a signing secret's plaintext in Kirim's subscription objects
 * (https://kirim-dev.pages.dev/guides/webhooks/).
 */
const SECRET_KEYS = new Set(['secret', 'initial_secret']);

/** A copy without any secret plaintext, however deep: admin reads never put a secret into workflow data. */
export function withoutSecrets<T>(value: T): T {
	if (Array.isArray(value)) return value.map(withoutSecrets) as T;
	if (!value || typeof value !== 'object') return value;
	const out: IDataObject = {};
	for (const [key, v] of Object.entries(value as IDataObject)) if (!SECRET_KEYS.has(key)) out[key] = withoutSecrets(v);
	return out as T;
}
