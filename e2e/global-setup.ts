import { mkdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureChromium } from './harness/chromium';
import { CACHE, ensureInstalled, N8N_VERSION } from './harness/install';
import { packPackage } from './harness/pack';

/** Per n8n version: CI runs the suites of both versions at once from one checkout (.ci/run). */
const OWN = join(CACHE, 'e2e', N8N_VERSION);
export const PACKAGE_PATH_FILE = join(OWN, 'package-path.txt');
/** Held while dist/ is rebuilt and packed: two builds at once would pack each other's half-written files. */
const BUILD_LOCK = join(CACHE, 'e2e', 'build.lock');
/** A lock older than this was left by a killed run (a build and pack take about a minute here). */
const STALE_LOCK_MS = 10 * 60_000;

async function withBuildLock<T>(work: () => T): Promise<T> {
	mkdirSync(join(CACHE, 'e2e'), { recursive: true });
	for (;;) {
		try {
			mkdirSync(BUILD_LOCK); // atomic: fails while another suite holds it
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let age = 0;
			try {
				age = Date.now() - statSync(BUILD_LOCK).mtimeMs;
			} catch {
				continue; // released meanwhile
			}
			if (age > STALE_LOCK_MS) rmdirSync(BUILD_LOCK);
			else await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
	try {
		return work();
	} finally {
		rmdirSync(BUILD_LOCK);
	}
}

/** Once per run: n8n + Node 24 in .cache and Debian's chromium (installed on first use), then build and pack this package. */
export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	ensureInstalled();
	ensureChromium();
	const tarball = await withBuildLock(() => packPackage(join(OWN, 'pack')));
	mkdirSync(OWN, { recursive: true });
	writeFileSync(PACKAGE_PATH_FILE, tarball);
	process.stderr.write(
		`[e2e] n8n ${N8N_VERSION} ready and package packed in ${Math.round((Date.now() - started) / 1000)} s: ${tarball}\n`,
	);
}
