// npm run screenshots: docs/screenshots/<node>-<light|dark>.png for every node of package.json `n8n.nodes`, taken
// in n8n's editor (the pinned n8n, headless Debian Chromium) through the same steps as e2e/editor.e2e.test.ts.
// Stops at the first node that shows a problem (missing from the panel, an error in its parameters, an icon that
// does not load).
import { join, resolve } from 'node:path';

import { ensureChromium } from '../e2e/harness/chromium';
import { Editor, packageNodes, THEMES } from '../e2e/harness/editor';
import { startEditorSandbox } from '../e2e/harness/editor-sandbox';
import { screenshotName, showNode } from '../e2e/harness/editor-showcase';
import { CACHE, ensureInstalled } from '../e2e/harness/install';
import { OWNER } from '../e2e/harness/n8n';
import { packPackage } from '../e2e/harness/pack';
import { PINNED_N8N } from '../e2e/harness/versions';

const OUT = resolve(__dirname, '..', 'docs', 'screenshots');

function say(message: string): void {
	process.stdout.write(`${message}\n`);
}

async function main(): Promise<void> {
	if ((process.env.N8N_VERSION ?? PINNED_N8N) !== PINNED_N8N)
		throw new Error(`screenshots show the pinned n8n ${PINNED_N8N}; unset N8N_VERSION`);
	ensureInstalled();
	ensureChromium();
	say('Building and packing n8n-nodes-kirim…');
	const tarball = packPackage(join(CACHE, 'screenshots-pack'));
	say('Starting the simulators and n8n…');
	const sandbox = await startEditorSandbox(tarball);
	const nodes = packageNodes();
	try {
		for (const theme of THEMES) {
			const editor = await Editor.open({ baseUrl: sandbox.n8n.url, theme });
			try {
				await editor.login(OWNER.email, OWNER.password);
				for (const node of nodes) {
					const path = join(OUT, screenshotName(node, theme));
					const shown = await showNode(editor, node, path);
					if (shown.problems.length > 0)
						throw new Error(`${node.displayName} (${theme}): ${shown.problems.join('; ')}`);
					say(`${path.slice(OUT.length - 'docs/screenshots'.length)}  (credential: ${shown.credentials.join(', ')})`);
				}
			} finally {
				await editor.close();
			}
		}
	} finally {
		await sandbox.close();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`screenshots failed: ${error.message}\n`);
	process.exit(1);
});
