/**
 * The n8n versions the real-n8n suite runs against (README "Compatibility"; CI runs both): the pinned current one
 * and the oldest this package supports. `N8N_VERSION` picks one; each gets its own n8n-<version> folder in the install cache (install.ts).
 */
export const PINNED_N8N = '2.41.1';
export const OLDEST_N8N = '2.30.8';

export const N8N_UNDER_TEST = process.env.N8N_VERSION ?? PINNED_N8N;

/** Compares dotted numeric versions (2.30.8 < 2.41.1); no pre-release tags. */
export function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (diff !== 0) return diff;
	}
	return 0;
}

export function n8nAtLeast(version: string): boolean {
	return compareVersions(N8N_UNDER_TEST, version) >= 0;
}
