import type { DeliveryRow, ReplayStep } from '../../../../nodes/shared/kirim/replay';

export const T0 = Date.parse('2026-11-20T00:00:00.000Z');
export const row = (n: number, atMs: number): DeliveryRow => ({
	id: `wbd_${String(n).padStart(6, '0')}`,
	created_at: new Date(atMs).toISOString(),
});

/** What Kirim would replay for each window, under exclusive or inclusive bounds (the docs do not say which). */
export function covered(rows: DeliveryRow[], steps: ReplayStep[], inclusive: boolean): string[] {
	const ids: string[] = [];
	for (const step of steps) {
		if (step.kind === 'single') {
			ids.push(step.deliveryId);
			continue;
		}
		const after = Date.parse(step.createdAfter);
		const before = Date.parse(step.createdBefore);
		for (const r of rows) {
			const t = Date.parse(r.created_at);
			if (inclusive ? t >= after && t <= before : t > after && t < before) ids.push(r.id);
		}
	}
	return ids;
}
