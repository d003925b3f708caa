// npm run bench:queue-mode — deliveries per second into a Kirim Trigger through one and through two n8n webhook
// processes of a queue-mode cluster (e2e/harness/queue-mode.ts), measured in one run, with the CPU each n8n role
// used per delivery. On this project's 2-core machine every process (main, webhook processes, workers, Postgres,
// Redis, the load generator) shares the same two cores, so the ratio shows what a second webhook process buys when
// the machine is the limit; on a host with cores to spare it is the webhook processes' own scaling.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BENCH_SECRET, kirimDelivery } from './harness/bench-delivery';
import { formatTable } from './harness/bench-table';
import { CACHE } from './harness/install';
import { load, type LoadResult, type RequestSpec } from './harness/load';
import { packPackage } from './harness/pack';
import { QueueModeCluster } from './harness/queue-mode';
import { triggerWorkflow } from './harness/workflows';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
	if (pid === undefined) return 0;
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// utime and stime are fields 14 and 15 of /proc/<pid>/stat (here 12 and 13 after the command name), in ticks of 1/100 s.
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Round {
	name: string;
	deliveries: number;
	seconds: number;
	p50: number;
	cpu: Record<string, number>;
}

async function round(
	cluster: QueueModeCluster,
	workflowId: string,
	name: string,
	urls: string[],
	make: () => RequestSpec,
): Promise<Round> {
	const roles = {
		main: () => cluster.pid('main'),
		webhook0: () => cluster.pid('webhook', 0),
		webhook1: () => cluster.pid('webhook', 1),
		worker0: () => cluster.pid('worker', 0),
		worker1: () => cluster.pid('worker', 1),
	};
	const before = Object.fromEntries(Object.entries(roles).map(([role, pid]) => [role, cpuSeconds(pid())]));
	const done = await cluster.rest.successCount(workflowId);
	const started = Date.now();
	const results: LoadResult[] = await Promise.all(
		urls.map((url) => load(url, make, Math.max(1, Math.floor(CONCURRENCY / urls.length)), SECONDS)),
	);
	const accepted = results.reduce((sum, r) => sum + r.requests - r.errors, 0);
	// Counted as finished runs: the workers must have run every accepted delivery before the clock stops.
	while ((await cluster.rest.successCount(workflowId)) < done + accepted) await new Promise((r) => setTimeout(r, 100));
	const seconds = (Date.now() - started) / 1000;
	const cpu = Object.fromEntries(
		Object.entries(roles).map(([role, pid]) => [
			role,
			((cpuSeconds(pid()) - before[role]) * 1000) / Math.max(1, accepted),
		]),
	);
	const p50 = results.map((r) => r.p50).sort((a, b) => a - b)[Math.floor(results.length / 2)];
	return { name, deliveries: accepted, seconds, p50, cpu };
}

async function main(): Promise<void> {
	const tarball = packPackage(join(CACHE, 'bench'));
	const cluster = await QueueModeCluster.start({ packages: [tarball], env: { N8N_LOG_LEVEL: 'warn' } });
	try {
		const credential = await cluster.rest.createCredential('bench signing', 'kirimWebhookSigningApi', {
			currentSecret: BENCH_SECRET,
		});
		const wf = triggerWorkflow(
			'bench queue mode',
			'n8n-nodes-kirim.kirimTrigger',
			{ subscriptionMode: 'existing', events: ['*'], options: {} },
			{
				kirimWebhookSigningApi: { id: credential.id, name: 'bench signing' },
			},
		);
		const id = (await cluster.rest.createWorkflow(wf.workflow)).id;
		await cluster.rest.activate(id);
		await cluster.waitForWebhook(wf.path, 60_000);
		const make = kirimDelivery(wf.path);
		const one = [cluster.webhookUrl(0)];
		const two = [cluster.webhookUrl(0), cluster.webhookUrl(1)];
		await round(cluster, id, 'warm-up', two, make);
		const rounds: Round[] = [];
		for (let r = 0; r < 2; r++) {
			rounds.push(await round(cluster, id, '1 webhook process', one, make));
			rounds.push(await round(cluster, id, '2 webhook processes', two, make));
		}
		const rate = (x: Round) => x.deliveries / x.seconds;
		const best = (name: string) => rounds.filter((x) => x.name === name).sort((a, b) => rate(b) - rate(a))[0];
		const rows = [best('1 webhook process'), best('2 webhook processes')].map((x) => [
			x.name,
			rate(x).toFixed(1),
			x.p50.toFixed(1),
			...['webhook0', 'webhook1', 'main', 'worker0', 'worker1'].map((role) => x.cpu[role].toFixed(2)),
		]);
		process.stdout.write(
			`${formatTable(['route', 'finished runs/s', 'p50 ms', 'CPU ms/delivery webhook 0', 'webhook 1', 'main', 'worker 0', 'worker 1'], rows)}\n`,
		);
		process.stdout.write(
			`2 ÷ 1 webhook processes: ${(rate(best('2 webhook processes')) / rate(best('1 webhook process'))).toFixed(2)} × (${CONCURRENCY} concurrent, ${SECONDS} s rounds, best of 2, 2 cores shared by everything)\n`,
		);
	} finally {
		await cluster.stop();
	}
}

void main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
