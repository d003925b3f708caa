import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** `npm pack` of the built package (dist/ only, as npm publishes it); returns the tarball's path. */
export function packPackage(destination: string, build = true): string {
	if (build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	mkdirSync(destination, { recursive: true });
	for (const old of readdirSync(destination).filter((f) => f.endsWith('.tgz'))) rmSync(join(destination, old));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = readdirSync(destination).find((f) => f.startsWith('n8n-nodes-kirim-') && f.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack wrote no n8n-nodes-kirim tarball into ${destination}`);
	return join(destination, tarball);
}

/**
 * Installs a tarball the way n8n's community-package install lays it out: `<user folder>/.n8n/nodes/node_modules/<name>`
 * (n8n-e2e.md §2), with no dev or peer dependencies, so `n8n-workflow` resolves to n8n's own copy.
 */
export function installInto(userFolder: string, tarball: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json'))) writeFileSync(join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}');
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', '--omit=peer', '--ignore-scripts', '--loglevel=error', tarball], {
		cwd: nodesDir,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}
