import { Agent, request } from 'node:http';

export interface LoadResult {
	requests: number;
	errors: number;
	seconds: number;
	rps: number;
	p50: number;
	p99: number;
}

export interface RequestSpec {
	path: string;
	headers: Record<string, string>;
	body: string;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * A closed-loop load on loopback: `concurrency` lanes, each sending its next request as soon as the last one
 * answered, for `seconds`. Bounded in count and time; a non-2xx answer counts as an error.
 */
export async function load(
	baseUrl: string,
	make: (n: number) => RequestSpec,
	concurrency: number,
	seconds: number,
): Promise<LoadResult> {
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const target = new URL(baseUrl);
	const latencies: number[] = [];
	let errors = 0;
	let sent = 0;
	const deadline = Date.now() + seconds * 1000;
	const once = (spec: RequestSpec) =>
		new Promise<void>((resolve) => {
			const started = process.hrtime.bigint();
			const req = request(
				{
					host: target.hostname,
					port: target.port,
					path: spec.path,
					method: 'POST',
					agent,
					headers: { 'content-type': 'application/json', ...spec.headers },
				},
				(res) => {
					res.resume();
					res.on('end', () => {
						latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
						if ((res.statusCode ?? 500) >= 300) errors += 1;
						resolve();
					});
				},
			);
			req.on('error', () => {
				errors += 1;
				resolve();
			});
			req.end(spec.body);
		});
	const lane = async () => {
		while (Date.now() < deadline) await once(make(sent++));
	};
	const started = Date.now();
	await Promise.all(Array.from({ length: concurrency }, lane));
	const elapsed = (Date.now() - started) / 1000;
	agent.destroy();
	const sorted = [...latencies].sort((a, b) => a - b);
	return {
		requests: latencies.length,
		errors,
		seconds: elapsed,
		rps: latencies.length / elapsed,
		p50: percentile(sorted, 50),
		p99: percentile(sorted, 99),
	};
}
