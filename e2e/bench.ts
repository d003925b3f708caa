// npm run bench:e2e — real n8n on loopback, ratios measured in one run (never a timed test).
//  1. legacy expression engine: Kirim Trigger vs n8n's built-in Webhook node, for every "Save Dedupe State" mode
//     (targets, recommended mode: throughput ≥ 0.95 ×, p50 ≤ 1.05 ×), and reference rows that split the difference
//     between what n8n spends on any trigger with a credential, what its static-data save costs any trigger and
//     what the Kirim Trigger adds (references())
//  2. default (vm) engine: Kirim Trigger vs a do-nothing custom trigger, every mode (target: throughput ≥ 0.95 ×)
// Under the vm engine n8n skips its expression isolate only for its own Webhook node (webhookPhaseNeedsIsolate in
// packages/cli/src/webhooks/live-webhooks.ts), so no community trigger can match that node there; comparison 2
// isolates what our verify + dedupe cost.
// Both sides of a comparison get the same requests: a new signed Kirim delivery each (body and headers).
// With each row: the static-data saves n8n made and the bytes of static-data JSON it wrote, per delivery and per
// second, counted inside n8n's SQLite database (harness/bench-db-writes.ts), and the run data it wrote per delivery.
import { rmSync } from 'node:fs';

import type { INodePropertyOptions } from 'n8n-workflow';

import { KirimTrigger } from '../nodes/KirimTrigger/KirimTrigger.node';
import { dedupeSaveOption } from '../nodes/shared/dedupe/save-option';
import { BENCH_SECRET, kirimDelivery } from './harness/bench-delivery';
import { DbWriteMeter, writesBetween, type DbWrites } from './harness/bench-db-writes';
import { NOOP_TRIGGER_TYPE, packBenchPackages } from './harness/bench-setup';
import { formatNumber, formatTable, median } from './harness/bench-table';
import { CACHE, ensureInstalled, N8N_VERSION } from './harness/install';
import { load, type LoadResult, type RequestSpec } from './harness/load';
import { N8nInstance } from './harness/n8n';
import { triggerWorkflow, type TriggerWorkflow } from './harness/workflows';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** The baseline's warm-up; ours warm up while their snapshot fills (fillSnapshot). */
const WARM_UP_SECONDS = Math.min(SECONDS, 3);
const CONCURRENCY = [1, 10];

/** The version new workflows get; the do-nothing baseline has the same (n8n treats version-1 webhook nodes differently). */
const TRIGGER_VERSION = Number(new KirimTrigger().description.defaultVersion);

type Engine = 'legacy' | 'vm';
const TARGETS: Record<Engine, { throughput: number; p50?: number }> = {
	legacy: { throughput: 0.95, p50: 1.05 },
	vm: { throughput: 0.95 },
};

/** Every choice of the triggers' "Save Dedupe State" option, read from the option itself so a new one is measured too. */
const SAVE_MODES = (dedupeSaveOption.options as INodePropertyOptions[]).map((o) => ({
	value: String(o.value),
	name: o.name,
	recommended: o.value === dedupeSaveOption.default,
}));
type SaveMode = (typeof SAVE_MODES)[number];

interface Target {
	name: string;
	workflowId: string;
	saveMode?: SaveMode;
	make: (n: number) => RequestSpec;
}

interface Round extends LoadResult {
	accepted: number;
	writes: DbWrites;
}

/** The header and value the Header Auth reference checks (n8n's httpHeaderAuth credential). */
const AUTH_HEADER = { name: 'x-bench-auth', value: 'bench-header-auth-value-0001' };

function builtInWebhook(path: string, credential?: { id: string; name: string }): TriggerWorkflow {
	const wf = triggerWorkflow(
		`bench ${path}`,
		'n8n-nodes-base.webhook',
		{
			httpMethod: 'POST',
			path,
			responseMode: 'onReceived',
			options: {},
			...(credential ? { authentication: 'headerAuth' } : {}),
		},
		credential ? { httpHeaderAuth: credential } : {},
	);
	(wf.workflow.nodes as Array<Record<string, unknown>>)[0].typeVersion = 2;
	// The built-in Webhook node's description sets isFullPath (packages/nodes-base/nodes/Webhook/description.ts): its
	// production URL is /webhook/<path>, without the webhookId.
	return { ...wf, path };
}

/** The same delivery with the Header Auth reference's header added. */
function withAuthHeader(make: () => RequestSpec): () => RequestSpec {
	return () => {
		const spec = make();
		return { ...spec, headers: { ...spec.headers, [AUTH_HEADER.name]: AUTH_HEADER.value } };
	};
}

/**
 * Legacy engine only: rows that split the gap between the Kirim Trigger and the built-in Webhook node into what n8n
 * spends on any trigger and what the Kirim Trigger adds. The built-in node authenticating its sender (Header Auth:
 * n8n reads and decrypts the credential on every request), a do-nothing community trigger, the same with a
 * credential attached that it never reads (n8n still loads the workflow's credentials and checks it may use them),
 * and that one rewriting `savedCharacters` of static data on every delivery — as much as the Kirim Trigger's
 * recommended mode writes once its snapshot is full: what n8n's per-delivery save costs any trigger.
 */
async function references(n8n: N8nInstance, savedCharacters: number): Promise<Target[]> {
	const headerAuth = await n8n.rest.createCredential('bench header auth', 'httpHeaderAuth', AUTH_HEADER);
	const attached = { id: headerAuth.id, name: 'bench header auth' };
	const authWebhook = builtInWebhook('bench-webhook-header-auth', attached);
	const noop = async (name: string, parameters: Record<string, unknown>, credentials = {}): Promise<Target> => {
		const wf = triggerWorkflow(`bench ${name}`, NOOP_TRIGGER_TYPE, parameters, credentials, TRIGGER_VERSION);
		return { name, workflowId: await activate(n8n, wf), make: kirimDelivery(wf.path) };
	};
	const credential = { httpHeaderAuth: attached };
	return [
		{
			name: "n8n's built-in Webhook node, Header Auth",
			workflowId: await activate(n8n, authWebhook),
			make: withAuthHeader(kirimDelivery(authWebhook.path)),
		},
		await noop('do-nothing custom trigger', {}),
		await noop('do-nothing custom trigger, credential attached', {}, credential),
		await noop(
			`do-nothing custom trigger, credential attached, saving ${savedCharacters} characters of static data per delivery`,
			{ saveCharacters: savedCharacters },
			credential,
		),
	];
}

async function activate(n8n: N8nInstance, wf: TriggerWorkflow): Promise<string> {
	const id = (await n8n.rest.createWorkflow(wf.workflow)).id;
	await n8n.rest.activate(id);
	await n8n.waitForWebhook(wf.path);
	return id;
}

async function setUp(n8n: N8nInstance, engine: Engine): Promise<{ ours: Target[]; baseline: Target }> {
	const credential = await n8n.rest.createCredential('bench signing', 'kirimWebhookSigningApi', {
		currentSecret: BENCH_SECRET,
	});
	const ours: Target[] = [];
	for (const mode of SAVE_MODES) {
		// The recommended mode is the option's default: left unset, as a user who never opens the option gets it.
		const options = mode.recommended ? {} : { dedupeSave: mode.value };
		const wf = triggerWorkflow(
			`bench kirim ${mode.value}`,
			'n8n-nodes-kirim.kirimTrigger',
			{ subscriptionMode: 'existing', events: ['*'], options },
			{
				kirimWebhookSigningApi: { id: credential.id, name: 'bench signing' },
			},
			TRIGGER_VERSION,
		);
		ours.push({
			name: `Kirim Trigger, ${mode.name}${mode.recommended ? ' [default]' : ''}`,
			workflowId: await activate(n8n, wf),
			saveMode: mode,
			make: kirimDelivery(wf.path),
		});
	}
	const wf =
		engine === 'legacy'
			? builtInWebhook('bench-webhook')
			: triggerWorkflow('bench noop', NOOP_TRIGGER_TYPE, {}, {}, TRIGGER_VERSION);
	const name = engine === 'legacy' ? "n8n's built-in Webhook node" : 'do-nothing custom trigger';
	// The baseline gets the same signed deliveries (body and headers) as ours: what it would be sent in our place.
	const baseline = { name, workflowId: await activate(n8n, wf), make: kirimDelivery(wf.path) };
	return { ours, baseline };
}

/**
 * One round: the closed-loop load, then the wait until n8n has finished a run for every accepted request. A trigger
 * may answer before n8n has even created the run (ours does, so that n8n saves its dedupe snapshot), so the
 * throughput that counts is finished runs per second, drain included; latency stays the time to the answer.
 */
async function round(
	n8n: N8nInstance,
	meter: DbWriteMeter,
	target: Target,
	concurrency: number,
	seconds: number,
): Promise<Round> {
	const before = await n8n.rest.successCount(target.workflowId);
	const writesBefore = meter.read();
	const started = Date.now();
	const result = await load(n8n.url, target.make, concurrency, seconds);
	const accepted = result.requests - result.errors;
	const deadline = Date.now() + 120_000;
	while ((await n8n.rest.successCount(target.workflowId)) < before + accepted && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 100));
	}
	const elapsed = (Date.now() - started) / 1000;
	const writes = writesBetween(writesBefore, meter.read(), target.workflowId);
	return { ...result, accepted, seconds: elapsed, rps: accepted / elapsed, writes };
}

/**
 * Sends deliveries until the trigger's dedupe snapshot in static data has stopped growing (it keeps a capped number
 * of the newest ids): a save that did not grow it means it is full, as it is in any n8n that has run a while. Without
 * this, the first rounds would save a smaller snapshot, and show fewer bytes and a faster run, than a real instance.
 */
async function fillSnapshot(n8n: N8nInstance, meter: DbWriteMeter, engine: Engine, target: Target): Promise<void> {
	const deadline = Date.now() + 180_000;
	let size = meter.staticDataSize(target.workflowId);
	let deliveries = 0;
	while (Date.now() < deadline) {
		const warm = await round(n8n, meter, target, 10, 2);
		deliveries += warm.accepted;
		const now = meter.staticDataSize(target.workflowId);
		if (warm.writes.staticDataWrites > 0 && now === size) {
			process.stderr.write(
				`[bench] ${engine} ${target.name}: static data full at ${now} bytes after ${deliveries} deliveries\n`,
			);
			return;
		}
		size = now;
	}
	throw new Error(`${target.name}: static data still growing after ${deliveries} deliveries (${size} bytes)`);
}

/**
 * Each round's ratio against the baseline's round of the same cycle (measured within a minute of each other), so a
 * slow stretch of the machine weighs on both sides of a ratio rather than on one side's median.
 */
function pairedRatios(mine: Round[], base: Round[], key: 'rps' | 'p50'): number[] {
	return mine.map((round, i) => round[key] / base[i][key]);
}

function row(engine: Engine, c: number, target: Target, mine: Round[], base: Round[] | undefined): string[] {
	const m = (list: Round[], key: 'rps' | 'p50' | 'p99') => median(list.map((x) => x[key]));
	const accepted = mine.reduce((sum, r) => sum + r.accepted, 0);
	const sum = (key: keyof DbWrites) => mine.reduce((total, r) => total + r.writes[key], 0);
	const throughputs = base ? pairedRatios(mine, base, 'rps') : [];
	const throughput = base ? median(throughputs) : NaN;
	const p50 = base ? median(pairedRatios(mine, base, 'p50')) : NaN;
	const errors = mine.reduce((total, r) => total + r.errors, 0);
	let goalText = '';
	if (target.saveMode?.recommended) {
		const goal = TARGETS[engine];
		goalText = `throughput ≥ ${goal.throughput} × (${throughput >= goal.throughput ? 'met' : 'NOT met'})`;
		if (goal.p50 !== undefined) goalText += `, p50 ≤ ${goal.p50} × (${p50 <= goal.p50 ? 'met' : 'NOT met'})`;
	}
	return [
		engine,
		String(c),
		target.name,
		m(mine, 'rps').toFixed(1),
		m(mine, 'p50').toFixed(1),
		m(mine, 'p99').toFixed(1),
		base ? `${throughput.toFixed(2)} ×` : '',
		base ? `${Math.min(...throughputs).toFixed(2)}–${Math.max(...throughputs).toFixed(2)}` : '',
		base ? `${p50.toFixed(2)} ×` : '',
		(sum('staticDataWrites') / accepted).toFixed(2),
		formatNumber(sum('staticDataBytes') / accepted, 0),
		formatNumber(median(mine.map((r) => r.writes.staticDataBytes / r.seconds)), 0),
		formatNumber(sum('executionDataBytes') / accepted, 0),
		errors ? String(errors) : '',
		goalText,
	];
}

async function compare(engine: Engine, packages: string[]): Promise<string[][]> {
	const installation = ensureInstalled();
	const n8n = await N8nInstance.start({ packages, env: { N8N_EXPRESSION_ENGINE: engine, N8N_LOG_LEVEL: 'warn' } });
	const rows: string[][] = [];
	try {
		const { ours, baseline } = await setUp(n8n, engine);
		const meter = DbWriteMeter.forUserFolder(installation.node, n8n.userFolder);
		meter.install();
		for (const target of ours) await fillSnapshot(n8n, meter, engine, target);
		// Made once the snapshots are full, so the reference that saves static data copies their size.
		const recommended = ours.find((t) => t.saveMode?.recommended)!;
		const extra = engine === 'legacy' ? await references(n8n, meter.staticDataSize(recommended.workflowId)) : [];
		const all = [...ours, baseline, ...extra];
		for (const target of [baseline, ...extra]) await round(n8n, meter, target, 10, WARM_UP_SECONDS);
		for (const c of CONCURRENCY) {
			const runs = new Map<Target, Round[]>(all.map((t) => [t, []]));
			for (let r = 0; r < ROUNDS; r++) {
				// Each round starts one target later, so no side always runs first (or right after the same other).
				for (const target of [...all.slice(r % all.length), ...all.slice(0, r % all.length)]) {
					const result = await round(n8n, meter, target, c, SECONDS);
					runs.get(target)!.push(result);
					process.stderr.write(
						`[bench] ${engine} c=${c} round ${r + 1}/${ROUNDS} ${target.name}: ${result.rps.toFixed(1)} runs/s, p50 ${result.p50.toFixed(1)} ms\n`,
					);
				}
			}
			rows.push(row(engine, c, baseline, runs.get(baseline)!, undefined));
			for (const target of [...ours, ...extra]) {
				rows.push(row(engine, c, target, runs.get(target)!, runs.get(baseline)!));
			}
		}
	} catch (error) {
		await n8n.stop();
		throw new Error(`${(error as Error).message} (n8n's folder and log kept: ${n8n.userFolder})`);
	}
	await n8n.stop();
	// About 60 MB of database per run; nothing in it is needed once the figures are printed.
	rmSync(n8n.userFolder, { recursive: true, force: true });
	return rows;
}

const HEADER = [
	'engine',
	'c',
	'trigger',
	'runs/s',
	'p50 ms',
	'p99 ms',
	'throughput ratio',
	"rounds' range",
	'p50 ratio',
	'static-data saves/delivery',
	'static-data B/delivery',
	'static-data B/s',
	'run-data B/delivery',
	'non-2xx',
	'target (recommended mode)',
];

async function main(): Promise<void> {
	const started = Date.now();
	ensureInstalled();
	const packages = packBenchPackages(CACHE);
	const engines = (process.env.BENCH_ENGINES ?? 'legacy,vm')
		.split(',')
		.filter((e): e is Engine => e === 'legacy' || e === 'vm');
	process.stdout.write(
		`n8n ${N8N_VERSION}, loopback, ${ROUNDS} rounds of ${SECONDS} s per concurrency, every target once per round, each round's order rotated by one; ` +
			`runs/s, p50, p99 = medians of the rounds; runs/s = finished runs per second (until the last accepted request's run finished); ` +
			`ratios = median over the rounds of each round's value ÷ the baseline's (the row with no ratio above it) in the same round, with the range of those per-round throughput ratios; ` +
			`static-data and run-data bytes = UTF-8 length of each value n8n wrote to SQLite, counted by triggers in its database, summed over all rounds, measured once each Kirim Trigger's dedupe snapshot was full ` +
			`(B/s: median of the rounds); load generator shares the 2 cores\n`,
	);
	const rows: string[][] = [];
	for (const engine of engines) rows.push(...(await compare(engine, packages)));
	process.stdout.write(
		`\n${formatTable(HEADER, rows)}\n\nfinished in ${Math.round((Date.now() - started) / 1000)} s\n`,
	);
}

main().catch((error: Error) => {
	process.stderr.write(`bench:e2e failed: ${error.message}\n`);
	process.exit(1);
});
