// npm run bench:e2e — real n8n on loopback, ratios measured in one run (never a timed test).
//  1. legacy expression engine: Kirim Trigger vs n8n's built-in Webhook node (targets: throughput ≥ 0.95 ×, p50 ≤ 1.05 ×)
//  2. default (vm) engine: Kirim Trigger vs a do-nothing custom trigger (target: throughput ≥ 0.95 ×)
// Under the vm engine n8n skips its expression isolate only for its own Webhook node (n8n-e2e.md §5), so no
// community trigger can match that node there; comparison 2 isolates what our verify + dedupe cost.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';

import { signKirimPayload } from '../simulators/kirim';
import { CACHE, ensureInstalled, N8N_VERSION } from './harness/install';
import { load, type LoadResult } from './harness/load';
import { N8nInstance } from './harness/n8n';
import { packPackage } from './harness/pack';
import { triggerWorkflow } from './harness/workflows';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = [1, 10];
const SECRET = 'whsec_benchmark_signing_secret_000001';

type Target = { name: string; path: string; workflowId?: string; make: (n: number) => { path: string; headers: Record<string, string>; body: string } };

function kirimTarget(path: string): Target {
	return {
		name: 'Kirim Trigger',
		path,
		make: () => {
			// Every request is a new, validly signed event: a duplicate would be cheaper and flatter us.
			const id = `evt_${randomUUID()}`;
			const body = JSON.stringify({ id, type: 'contact.updated', created_at: new Date().toISOString(), data: { contact: { id: 'ctc_01HXYZABCDEFGHJKMNPQRSTVWX', name: 'Bench' } } });
			return {
				path: `/webhook/${path}`,
				body,
				headers: { 'x-kirim-signature': signKirimPayload([SECRET], Math.floor(Date.now() / 1000), body), 'x-kirim-event': 'contact.updated', 'x-kirim-event-id': id },
			};
		},
	};
}

const plainTarget = (name: string, path: string): Target => ({ name, path, make: (n) => ({ path: `/webhook/${path}`, headers: {}, body: JSON.stringify({ n }) }) });

async function setUp(n8n: N8nInstance, baselineType: 'webhook' | 'noop'): Promise<{ ours: Target[]; baseline: Target }> {
	const credential = await n8n.rest.createCredential('bench signing', 'kirimWebhookSigningApi', { currentSecret: SECRET });
	const kirim = (options: Record<string, unknown>) =>
		triggerWorkflow('bench kirim', 'n8n-nodes-kirim.kirimTrigger', { subscriptionMode: 'existing', events: ['*'], options }, {
			kirimWebhookSigningApi: { id: credential.id, name: 'bench signing' },
		});
	const restartSafe = kirim({});
	const oncePerSecond = kirim({ dedupeSave: 'oncePerSecond' });
	const baseline =
		baselineType === 'noop'
			? triggerWorkflow('bench noop', 'n8n-nodes-e2e-fixtures.noopTrigger', {}, {})
			: (() => {
					const wf = triggerWorkflow('bench webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: 'bench-webhook', responseMode: 'onReceived', options: {} }, {});
					const node = (wf.workflow.nodes as Array<Record<string, unknown>>)[0];
					node.typeVersion = 2;
					// The built-in Webhook node uses isFullPath: its production URL is /webhook/<path> (n8n-e2e.md §4).
					return { ...wf, path: `bench-webhook` };
				})();
	const ids: string[] = [];
	for (const wf of [restartSafe, oncePerSecond, baseline]) {
		const id = (await n8n.rest.createWorkflow(wf.workflow)).id;
		await n8n.rest.activate(id);
		await n8n.waitForWebhook(wf.path);
		ids.push(id);
	}
	return {
		ours: [
			{ ...kirimTarget(restartSafe.path), name: 'Kirim Trigger (save every delivery)', workflowId: ids[0] },
			{ ...kirimTarget(oncePerSecond.path), name: 'Kirim Trigger (save once a second)', workflowId: ids[1] },
		],
		baseline: { ...plainTarget(baselineType === 'noop' ? 'do-nothing trigger' : 'built-in Webhook node', baseline.path), workflowId: ids[2] },
	};
}

/**
 * One round: the closed-loop load, then the wait until n8n has finished a run for every accepted request. A trigger
 * may answer before n8n has even created the run (ours does, so that n8n saves its dedupe snapshot), so the
 * throughput that counts is finished runs per second, drain included; latency stays the time to the answer.
 */
async function round(n8n: N8nInstance, target: Target, concurrency: number): Promise<LoadResult> {
	const before = await n8n.rest.successCount(target.workflowId!);
	const started = Date.now();
	const result = await load(n8n.url, target.make, concurrency, SECONDS);
	const accepted = result.requests - result.errors;
	const deadline = Date.now() + 120_000;
	while ((await n8n.rest.successCount(target.workflowId!)) < before + accepted && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 100));
	}
	const seconds = (Date.now() - started) / 1000;
	if (process.env.BENCH_VERBOSE) process.stderr.write(`  ${target.name} c=${concurrency}: ${accepted} accepted in ${result.seconds.toFixed(1)} s, all runs finished after ${seconds.toFixed(1)} s\n`);
	return { ...result, seconds, rps: accepted / seconds };
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function compare(engine: string, baselineType: 'webhook' | 'noop', packages: string[]): Promise<string[]> {
	const n8n = await N8nInstance.start({ packages, env: { N8N_EXPRESSION_ENGINE: engine, N8N_LOG_LEVEL: 'warn' } });
	const lines: string[] = [];
	try {
		const { ours, baseline } = await setUp(n8n, baselineType);
		for (const target of [...ours, baseline]) await round(n8n, target, 2); // warm-up
		for (const c of CONCURRENCY) {
			const runs = new Map<Target, LoadResult[]>([...ours, baseline].map((t) => [t, []]));
			for (let r = 0; r < ROUNDS; r++) for (const target of [...ours, baseline]) runs.get(target)!.push(await round(n8n, target, c));
			const m = (list: LoadResult[], key: 'rps' | 'p50' | 'p99') => median(list.map((x) => x[key]));
			const base = runs.get(baseline)!;
			for (const target of ours) {
				const mine = runs.get(target)!;
				const errors = [...mine, ...base].reduce((sum, x) => sum + x.errors, 0);
				lines.push(
					`engine=${engine.padEnd(6)} c=${String(c).padEnd(2)} ${target.name}: ${m(mine, 'rps').toFixed(1)} rps p50 ${m(mine, 'p50').toFixed(1)} ms p99 ${m(mine, 'p99').toFixed(1)} ms | ` +
						`${baseline.name}: ${m(base, 'rps').toFixed(1)} rps p50 ${m(base, 'p50').toFixed(1)} ms p99 ${m(base, 'p99').toFixed(1)} ms | ` +
						`throughput ratio ${(m(mine, 'rps') / m(base, 'rps')).toFixed(2)} ×, p50 ratio ${(m(mine, 'p50') / m(base, 'p50')).toFixed(2)} ×${errors ? ` | ${errors} non-2xx answers` : ''}`,
				);
				process.stdout.write(`${lines.at(-1)}\n`);
			}
		}
	} finally {
		await n8n.stop();
	}
	return lines;
}

async function main(): Promise<void> {
	ensureInstalled();
	const fixtures = resolve(__dirname, 'fixtures', 'n8n-nodes-e2e-fixtures');
	execFileSync('npm', ['pack', '--silent', '--pack-destination', join(CACHE, 'bench')], { cwd: fixtures, stdio: 'ignore' });
	const packages = [packPackage(join(CACHE, 'bench-pack')), join(CACHE, 'bench', 'n8n-nodes-e2e-fixtures-1.0.0.tgz')];
	process.stdout.write(`n8n ${N8N_VERSION}, loopback, ${ROUNDS} alternating rounds of ${SECONDS} s per concurrency, medians; rps = finished runs per second (until the last accepted request's run finished); load generator shares the 2 cores\n`);
	const engines = (process.env.BENCH_ENGINES ?? 'legacy,vm').split(',');
	const legacy = engines.includes('legacy') ? await compare('legacy', 'webhook', packages) : [];
	const vm = engines.includes('vm') ? await compare('vm', 'noop', packages) : [];
	process.stdout.write(`\nTargets: legacy vs built-in Webhook: throughput ≥ 0.95 ×, p50 ≤ 1.05 ×; vm vs do-nothing trigger: throughput ≥ 0.95 ×\n${[...legacy, ...vm].join('\n')}\n`);
}

main().catch((error: Error) => {
	process.stderr.write(`bench:e2e failed: ${error.message}\n`);
	process.exit(1);
});
