// Debian packages the e2e harness installs on first use (as on CI, where the job runs as root).
import { execFileSync } from 'node:child_process';

function log(message: string): void {
	process.stderr.write(`[e2e setup] ${message}\n`);
}

/** `apt-get update` then `apt-get install -y` of `packages` (for `purpose`); only root may, anyone else is told how. */
export function aptInstall(packages: string[], purpose: string): void {
	const names = packages.join(' ');
	if (process.getuid?.() !== 0)
		throw new Error(
			`${purpose} needs ${names}, and only root can install it: run \`apt-get update && apt-get install -y ${names}\``,
		);
	log(`installing Debian ${names} for ${purpose} (apt-get; minutes with apt-get update)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}
