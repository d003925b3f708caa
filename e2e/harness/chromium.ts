// Debian's Chromium for the editor test (machine notes: package `chromium`, /usr/bin/chromium). Playwright's own
// browser download does not work here, so playwright-core drives this binary through `executablePath`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function log(message: string): void {
	process.stderr.write(`[e2e setup] ${message}\n`);
}

/** The browser's path; installs Debian's `chromium` with apt-get when it is missing and we are root (as on CI). */
export function ensureChromium(): string {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${CHROMIUM} does not exist`);
	if (process.getuid?.() !== 0) {
		throw new Error(`${CHROMIUM} is missing and only root can install it: run \`apt-get update && apt-get install -y chromium\``);
	}
	log('installing Debian chromium for the editor test (apt-get; 4 minutes here with apt-get update)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
	return CHROMIUM;
}
