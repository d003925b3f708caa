// Kirim → Bulk Label → Attach for 100 000 contact ids (100 chunks of 1000), the real node through n8n-core,
// against the Kirim simulator in its own process with 50 ms added to every request, default node options
// (4 chunks at a time). Printed per simulator tier: bulk_label requests sent (target: exactly 100 — no 429 and
// no retry), and the node's wall time next to max(sequential round-trip bound, write rate-limit bound).
// - Wall: n8n's execution time of the Kirim node (the whole run, with the source node handing it 100 000 items,
//   is printed too).
// - Sequential bound: 100 × the median round trip of one bare 1000-id bulk_label request, measured in this run.
// - Rate-limit bound: Kirim's write bucket holds a minute's allowance and refills continuously
//   (https://developers.kirim.chat/concepts/rate-limits/), so with a full bucket the first `limit` requests may go at
//   once and each further one costs 60/limit s.
// Pro (600 writes/min): the bucket covers all 100, so concurrency must beat the sequential bound ≥ 3 ×.
// Default (60 writes/min): 40 requests wait for tokens; target: within 10 % of the rate-limit bound.
// Time is real: the simulator's rate limiter reads an injectable clock, but the node waits real seconds
// (Retry-After, X-RateLimit-*), so a scaled simulator clock would not be the same experiment. The default tier
// therefore runs ≈ 40 s. Run: npm run bench.
import { fmt, median } from './stats';
import { runKirim, startSimulatorProcess, type SimulatorProcess } from './kirim-simulator';

const IDS = 100_000;
const CHUNK = 1000;
const LATENCY_MS = 50;
const RTT_SAMPLES = 5;
const TIERS = { pro: 600, default: 60 } as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bare 1000-id bulk_label requests one after another (on a label of their own): the time of each. */
async function roundTrips(sim: SimulatorProcess, ids: string[], labelId: string, count: number): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		const body = { contact_ids: ids.slice(i * CHUNK, (i + 1) * CHUNK), label_id: labelId, operation: 'attach' };
		const started = performance.now();
		const response = await sim.call('POST', `/v1/${sim.phoneNumberIds[0]}/contacts/bulk_label`, body, {
			'idempotency-key': `bench-rtt-${i}-${Date.now()}`,
		});
		times.push(performance.now() - started);
		if (response.status !== 200) throw new Error(`round-trip probe got ${response.status}`);
	}
	return times;
}

async function scenario(tier: keyof typeof TIERS): Promise<void> {
	const writesPerMinute = TIERS[tier];
	const sim = await startSimulatorProcess(tier);
	try {
		const seeded = await sim.call<{ ids: string[] }>('POST', '/_sim/contacts', { count: IDS, ids: true });
		const ids = seeded.body.ids;
		const labelId = (await sim.call<{ data: { id: string } }>('POST', '/v1/labels', { name: 'Bench' })).body.data.id;
		const probeLabel = (await sim.call<{ data: { id: string } }>('POST', '/v1/labels', { name: 'Probe' })).body.data.id;
		await sim.call('POST', '/_sim/latency', { ms: LATENCY_MS });

		await roundTrips(sim, ids, probeLabel, 1); // warm-up
		const rtt = median(await roundTrips(sim, ids, probeLabel, RTT_SAMPLES)) / 1000;
		// Every write so far (2 labels, the probes) took a token: start the run with a full bucket again.
		await sleep(((RTT_SAMPLES + 3) * 60_000) / writesPerMinute + 500);
		await sim.takeLog();

		const started = performance.now();
		const { items, error, nodeMs } = await runKirim(
			sim,
			{ resource: 'bulkLabel', operation: 'attach', labelId, idsFrom: 'items', idField: 'id', options: {} },
			ids.map((id) => ({ id })),
		);
		const runS = (performance.now() - started) / 1000;
		const summary = error
			? { applied: Number.NaN, failed_chunks: `? (the node failed: ${error.message})` }
			: items[0].json;
		const posts = (await sim.takeLog()).filter((e) => e.path.endsWith('/bulk_label'));
		const limited = posts.filter((e) => e.status === 429).length;
		const requests = IDS / CHUNK;
		const wallS = nodeMs / 1000;
		const sequentialBound = requests * rtt;
		const rateBound = (Math.max(0, requests - writesPerMinute) * 60) / writesPerMinute;
		const bound = Math.max(sequentialBound, rateBound);
		process.stdout.write(
			`simulator tier "${tier}" (${writesPerMinute} writes/min, bucket of ${writesPerMinute}):\n` +
				`  bulk_label requests sent ${posts.length}, 429s ${limited} (target 100: ${posts.length === requests ? 'met' : 'MISSED'});  ` +
				`applied ${fmt(Number(summary.applied))}, failed chunks ${String(summary.failed_chunks)}\n` +
				`  round trip of one bare 1000-id request (median of ${RTT_SAMPLES}): ${(rtt * 1000).toFixed(1)} ms\n` +
				`  wall (Kirim node) ${wallS.toFixed(2)} s (whole run with the 100 000-item source ${runS.toFixed(2)} s);  ` +
				`bound max(sequential ${sequentialBound.toFixed(2)} s, rate limit ${rateBound.toFixed(2)} s) = ${bound.toFixed(2)} s\n`,
		);
		if (rateBound <= sequentialBound) {
			const ratio = sequentialBound / wallS;
			process.stdout.write(
				`  sequential bound ÷ wall = ${ratio.toFixed(2)} ×  (target ≥ 3 ×: ${ratio >= 3 ? 'met' : 'MISSED'})\n`,
			);
		} else {
			const over = wallS / rateBound - 1;
			process.stdout.write(
				`  wall ÷ rate-limit bound = ${(wallS / rateBound).toFixed(3)} (${(over * 100).toFixed(1)} % over; target ≤ 10 %: ${over <= 0.1 ? 'met' : 'MISSED'})\n`,
			);
		}
	} finally {
		await sim.close();
	}
}

async function main(): Promise<void> {
	process.stdout.write(
		`Kirim Bulk Label attach of ${fmt(IDS)} ids (chunks of ${CHUNK}), +${LATENCY_MS} ms per request, default options, real time\n`,
	);
	await scenario('pro');
	await scenario('default');
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
