// The packages `npm run bench:e2e` installs into each n8n it starts: this package, built and packed, and the
// benchmark's do-nothing trigger (e2e/fixtures). Packed with the same code as the e2e suite's global setup and
// installed by N8nInstance.start like every package the suite loads (pack.ts installInto).
import { join, resolve } from 'node:path';

import { packDirectory, packPackage } from './pack';

export const BENCH_FIXTURES_DIR = resolve(__dirname, '..', 'fixtures', 'n8n-nodes-e2e-fixtures');
/** n8n names a community node `<package name>.<description.name>`. */
export const NOOP_TRIGGER_TYPE = 'n8n-nodes-e2e-fixtures.noopTrigger';

/** Packs the fixture package into `destination`, which is made if missing. */
export function packBenchFixtures(destination: string): string {
	return packDirectory(BENCH_FIXTURES_DIR, destination);
}

/** Builds and packs this package and packs the fixtures, both into `<cache>/bench`; returns the tarballs. */
export function packBenchPackages(cache: string, build = true): string[] {
	const destination = join(cache, 'bench');
	return [packPackage(destination, build), packBenchFixtures(destination)];
}
