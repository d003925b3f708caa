/** Small helpers shared by the benchmarks: runs alternate, medians are reported, ratios come from one run. */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Operations per second of `fn` over about `ms` milliseconds. */
export function rate(fn: (i: number) => void, ms: number): number {
	let i = 0;
	const start = process.hrtime.bigint();
	const budget = BigInt(ms) * 1_000_000n;
	while (process.hrtime.bigint() - start < budget) {
		for (let k = 0; k < 200; k++) fn(i++);
	}
	const elapsedS = Number(process.hrtime.bigint() - start) / 1e9;
	return i / elapsedS;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
