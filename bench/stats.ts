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

interface LoggedRequest {
	at: number;
	method: string;
	path: string;
}

/** One line per kind of request (method and path, ids as {id}), with how many of it the run sent. */
export function printRequestKinds(entries: LoggedRequest[]): void {
	const kinds = new Map<string, number>();
	for (const e of entries) {
		const kind = `${e.method} ${e.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
		kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
	}
	for (const [kind, count] of [...kinds].sort(([a], [b]) => (a < b ? -1 : 1)))
		process.stdout.write(`    ${String(count).padStart(4)} × ${kind}\n`);
}

/** With BENCH_TRACE=1: each request's time since the first and the gap before it, to see where a run waits. */
export function printTrace(entries: LoggedRequest[]): void {
	if (!process.env.BENCH_TRACE) return;
	entries.forEach((e, i) =>
		process.stdout.write(
			`${((e.at - entries[0].at) / 1000).toFixed(2)} ${i ? e.at - entries[i - 1].at : 0} ${e.method} ${e.path}\n`,
		),
	);
}
