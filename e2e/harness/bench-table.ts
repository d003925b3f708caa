/** Plain-text table for the bench's summary: left-aligned columns, a rule under the header. */
export function formatTable(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => (c ?? '').padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** 12345.6 → "12,346"; small values keep one decimal. */
export function formatNumber(value: number, decimals = value !== 0 && Math.abs(value) < 100 ? 1 : 0): string {
	if (!Number.isFinite(value)) return '—';
	return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	if (s.length === 0) return NaN;
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
