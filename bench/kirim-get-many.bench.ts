// Kirim → Contact → Get Many (Return All, 100 per page) of 100 000 contacts: the real node through n8n-core,
// against the Kirim simulator in its own process with 50 ms added to every request. Printed: the node's wall
// time next to max(pages × round trip, read rate-limit bound), the overhead over that bound (target ≤ 5 %), and
// the peak memory of this process (the node's side only) while the node ran.
// - Wall: n8n's execution time of the Kirim node (ITaskData.executionTime); the whole run is printed too.
// - Round trip: median time of a bare GET of one page of 100 from the same simulator, measured before and after
//   the node's run.
// - Read rate-limit bound: Kirim's read bucket holds a minute's allowance and refills continuously
//   (https://developers.kirim.chat/concepts/rate-limits/): the first `limit` pages may go at once, each further one
//   costs 60/limit s.
// Run: npm run bench.
import { fmt, median } from './stats';
import { runKirim, startSimulatorProcess, type SimulatorProcess } from './kirim-simulator';

const CONTACTS = 100_000;
const PAGE = 100;
const LATENCY_MS = 50;
const TIER = 'default';
// The default tier (simulators/kirim/rate-limit.ts; https://developers.kirim.chat/concepts/rate-limits/).
const READS_PER_MINUTE = 600;
const RTT_SAMPLES = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;

/**
 * `count` page requests one after another from the start of the list with a bare client: the time of each.
 * `newConnections`: every request on a connection of its own, as n8n's HTTP helper does (it builds a new agent
 * per request), instead of one kept-alive connection.
 */
async function roundTrips(sim: SimulatorProcess, count: number, newConnections = false): Promise<number[]> {
	const times: number[] = [];
	let cursor: string | undefined;
	for (let i = 0; i < count; i++) {
		const path = `/v1/${sim.phoneNumberIds[0]}/contacts?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const started = performance.now();
		const response = newConnections ? await sim.getOnNewConnection(path) : await sim.call('GET', path);
		const body = (typeof response.body === 'string' ? JSON.parse(response.body) : response.body) as {
			data: unknown[];
			next_cursor: string | null;
		};
		times.push(performance.now() - started);
		if (response.status !== 200 || body.data.length !== PAGE)
			throw new Error(`round-trip probe got ${response.status}`);
		cursor = body.next_cursor ?? undefined;
	}
	return times;
}

/** Highest RSS and heapUsed of this process while `work` runs (sampled every 20 ms, and at the end). */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; rss: number; heap: number }> {
	let rss = 0;
	let heap = 0;
	const sample = () => {
		const usage = process.memoryUsage();
		rss = Math.max(rss, usage.rss);
		heap = Math.max(heap, usage.heapUsed);
	};
	const timer = setInterval(sample, 20);
	try {
		const result = await work();
		sample();
		return { result, rss, heap };
	} finally {
		clearInterval(timer);
	}
}

async function main(): Promise<void> {
	const sim = await startSimulatorProcess(TIER);
	try {
		await sim.call('POST', '/_sim/contacts', { count: CONTACTS });
		await sim.call('POST', '/_sim/latency', { ms: LATENCY_MS });
		process.stdout.write(
			`Kirim contact Get Many, Return All, ${fmt(CONTACTS)} contacts, limit ${PAGE}; simulator tier "${TIER}" ` +
				`(${READS_PER_MINUTE} reads/min), +${LATENCY_MS} ms per request, simulator in its own process\n`,
		);
		await roundTrips(sim, 3); // warm-up (connection, JIT)
		const before = await roundTrips(sim, RTT_SAMPLES);
		const fresh = await roundTrips(sim, RTT_SAMPLES, true);
		await sleep(((2 * RTT_SAMPLES + 3) * 60_000) / READS_PER_MINUTE + 500); // the probes' reads refill first
		await sim.takeLog();
		global.gc?.();
		const baseline = process.memoryUsage();

		const started = performance.now();
		const { result, rss, heap } = await withPeakMemory(() =>
			runKirim(sim, { resource: 'contact', operation: 'getAll', returnAll: true }),
		);
		const runS = (performance.now() - started) / 1000;
		if (result.error) throw result.error;
		const log = await sim.takeLog();
		const pages = log.filter((e) => e.method === 'GET' && e.path === `/v1/${sim.phoneNumberIds[0]}/contacts`).length;
		const limited = log.filter((e) => e.status === 429).length;
		const items = result.items.length;
		const distinct = new Set(result.items.map((i) => i.json.id)).size;

		const after = await roundTrips(sim, RTT_SAMPLES);
		const rttS = median([...before, ...after]) / 1000;
		const wallS = result.nodeMs / 1000;
		const pagesBound = pages * rttS;
		const rateBound = (Math.max(0, pages - READS_PER_MINUTE) * 60) / READS_PER_MINUTE;
		const bound = Math.max(pagesBound, rateBound);
		const overhead = wallS / bound - 1;
		process.stdout.write(
			`items ${fmt(items)} (${fmt(distinct)} distinct), pages ${pages}, 429s ${limited}\n` +
				`round trip (bare GET of ${PAGE}, median of ${before.length + after.length}): ${(rttS * 1000).toFixed(1)} ms; ` +
				`on a new connection each, as n8n's HTTP helper sends: ${median(fresh).toFixed(1)} ms\n` +
				`wall (Kirim node) ${wallS.toFixed(2)} s (whole run ${runS.toFixed(2)} s);  bound max(pages × round trip ${pagesBound.toFixed(2)} s, ` +
				`read rate limit ${rateBound.toFixed(2)} s) = ${bound.toFixed(2)} s\n` +
				`overhead ${(overhead * 100).toFixed(1)} %  (target ≤ 5 %: ${overhead <= 0.05 ? 'met' : 'MISSED'})\n` +
				`peak memory while the node ran: RSS ${mb(rss)} (+${mb(rss - baseline.rss)} over the start), ` +
				`heapUsed ${mb(heap)} (+${mb(heap - baseline.heapUsed)})\n`,
		);
	} finally {
		await sim.close();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
