import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureChromium } from './harness/chromium';
import { CACHE, ensureInstalled, N8N_VERSION } from './harness/install';
import { packPackage } from './harness/pack';

/** Per n8n version: CI runs the suites of both versions at once from one checkout (.ci/run); pack.ts keeps their builds apart. */
const OWN = join(CACHE, 'e2e', N8N_VERSION);
export const PACKAGE_PATH_FILE = join(OWN, 'package-path.txt');

/** Once per run: n8n + Node 24 in .cache and Debian's chromium (installed on first use), then build and pack this package. */
export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	ensureInstalled();
	ensureChromium();
	const tarball = packPackage(join(OWN, 'pack'));
	mkdirSync(OWN, { recursive: true });
	writeFileSync(PACKAGE_PATH_FILE, tarball);
	process.stderr.write(
		`[e2e] n8n ${N8N_VERSION} ready and package packed in ${Math.round((Date.now() - started) / 1000)} s: ${tarball}\n`,
	);
}
