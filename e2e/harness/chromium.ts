// Debian's Chromium for the editor test (machine notes: package `chromium`, /usr/bin/chromium). Playwright's own
// browser download does not work here, so playwright-core drives this binary through `executablePath`.
import { existsSync } from 'node:fs';

import { aptInstall } from './apt';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The browser's path; installs Debian's `chromium` with apt-get when it is missing and we are root (as on CI). */
export function ensureChromium(): string {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${CHROMIUM} does not exist`);
	aptInstall(['chromium'], 'the editor test');
	if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
	return CHROMIUM;
}
