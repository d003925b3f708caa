import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureChromium } from './harness/chromium';
import { CACHE, ensureInstalled } from './harness/install';
import { packPackage } from './harness/pack';

export const PACKAGE_PATH_FILE = join(CACHE, 'e2e', 'package-path.txt');

/** Once per run: n8n + Node 24 in .cache and Debian's chromium (installed on first use), then build and pack this package. */
export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	ensureInstalled();
	ensureChromium();
	const tarball = packPackage(join(CACHE, 'e2e', 'pack'));
	mkdirSync(join(CACHE, 'e2e'), { recursive: true });
	writeFileSync(PACKAGE_PATH_FILE, tarball);
	process.stderr.write(
		`[e2e] n8n ready and package packed in ${Math.round((Date.now() - started) / 1000)} s: ${tarball}\n`,
	);
}
