import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * `npm pack` of a package folder into `destination` (made if missing); returns the tarball's path. Only earlier
 * tarballs of the same package are removed first, so several packages can share one destination.
 */
export function packDirectory(packageDir: string, destination: string): string {
	const { name, version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
	};
	const file = `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}.tgz`;
	mkdirSync(destination, { recursive: true });
	const prefix = file.slice(0, -`${version}.tgz`.length);
	for (const old of readdirSync(destination).filter((f) => f.startsWith(prefix) && f.endsWith('.tgz')))
		rmSync(join(destination, old));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], {
		cwd: packageDir,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = join(destination, file);
	if (!existsSync(tarball)) throw new Error(`npm pack wrote no ${file} into ${destination}`);
	return tarball;
}

/** Held while dist/ is rebuilt and packed: two builds at once (CI runs two n8n versions' suites side by side) would pack each other's half-written files. */
const BUILD_LOCK = join(ROOT, '.cache', 'build.lock');
/** A lock older than this was left by a killed process (a build and pack take about a minute here). */
const STALE_LOCK_MS = 10 * 60_000;

function holdingBuildLock<T>(work: () => T): T {
	mkdirSync(dirname(BUILD_LOCK), { recursive: true });
	const pause = new Int32Array(new SharedArrayBuffer(4));
	for (;;) {
		try {
			mkdirSync(BUILD_LOCK); // atomic: fails while another process holds it
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const since = statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs;
			if (since !== undefined && Date.now() - since > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true });
			else Atomics.wait(pause, 0, 0, 500); // a synchronous wait: every caller packs synchronously
		}
	}
	try {
		return work();
	} finally {
		rmSync(BUILD_LOCK, { recursive: true, force: true });
	}
}

/** `npm pack` of the built package (dist/ only, as npm publishes it); returns the tarball's path. */
export function packPackage(destination: string, build = true): string {
	return holdingBuildLock(() => {
		if (build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
		return packDirectory(ROOT, destination);
	});
}

/**
 * Installs a tarball the way n8n's community-package install lays it out: `<user folder>/.n8n/nodes/node_modules/<name>`
 * (packages/cli/src/modules/community-packages/community-packages.service.ts), with no dev or peer dependencies, so
 * `n8n-workflow` resolves to n8n's own copy.
 */
export function installInto(userFolder: string, tarball: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json')))
		writeFileSync(join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}');
	execFileSync(
		'npm',
		[
			'install',
			'--no-audit',
			'--no-fund',
			'--omit=dev',
			'--omit=peer',
			'--ignore-scripts',
			'--loglevel=error',
			tarball,
		],
		{
			cwd: nodesDir,
			stdio: ['ignore', 'ignore', 'inherit'],
		},
	);
}
