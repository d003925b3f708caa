// npm start: the product on a local sandbox — Kirim and HubSpot simulators, and n8n with this package
// installed as a community package, example workflows active. Ctrl-C stops everything.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { CACHE } from '../e2e/harness/install';
import { N8nInstance, OWNER } from '../e2e/harness/n8n';
import { packPackage } from '../e2e/harness/pack';
import { ensureDemoSegment, ensureSyncProperties, pointHubSpotWebhooksAt } from '../testkit/sandbox';
import { exampleWorkflow } from '../e2e/harness/workflows';
import { startHubSpotSimulator } from '../simulators/hubspot';
import { startKirimSimulator } from '../simulators/kirim';
import { demoCommands } from './demo-commands';

const ROOT = resolve(__dirname, '..');
const SANDBOX = join(CACHE, 'sandbox');
const STATE = join(SANDBOX, 'state.json');
const PORTS = { n8n: 5678, kirim: 8787, hubspot: 8788 };

interface SandboxState {
	credentials: Record<string, string>;
	workflows: Record<string, string>;
}

function say(message: string): void {
	process.stdout.write(`${message}\n`);
}

function loadState(): SandboxState {
	return existsSync(STATE)
		? (JSON.parse(readFileSync(STATE, 'utf8')) as SandboxState)
		: { credentials: {}, workflows: {} };
}

async function main(): Promise<void> {
	if (process.argv.includes('--fresh')) rmSync(SANDBOX, { recursive: true, force: true });
	mkdirSync(SANDBOX, { recursive: true });
	say('Building and packing n8n-nodes-kirim…');
	const tarball = packPackage(join(CACHE, 'sandbox-pack'));
	say(`Starting the Kirim simulator on :${PORTS.kirim} and the HubSpot simulator on :${PORTS.hubspot}…`);
	const kirim = await startKirimSimulator({ port: PORTS.kirim, allowHttpWebhooks: true });
	const hubspot = await startHubSpotSimulator({ port: PORTS.hubspot });
	say(`Starting n8n on :${PORTS.n8n} (the first run installs n8n into ~/.cache/n8n-nodes-kirim, a few minutes)…`);
	const n8n = await N8nInstance.start({ packages: [tarball], userFolder: SANDBOX, port: PORTS.n8n });

	const state = loadState();
	const credentials: Record<string, { type: string; name: string; data: Record<string, unknown> }> = {
		kirimSyncApi: {
			type: 'kirimSyncApi',
			name: 'Kirim (sandbox simulator)',
			data: {
				apiKey: kirim.apiKey,
				baseUrl: kirim.url,
				pathStyle: 'phoneScoped',
				phoneNumberId: kirim.phoneNumberIds[0],
			},
		},
		hubSpotSyncApi: {
			type: 'hubSpotSyncApi',
			name: 'HubSpot (sandbox simulator)',
			data: {
				accessToken: hubspot.token,
				clientSecret: hubspot.clientSecret,
				appId: String(hubspot.appId),
				baseUrl: hubspot.url,
			},
		},
	};
	for (const [key, credential] of Object.entries(credentials)) {
		if (!state.credentials[key])
			state.credentials[key] = (await n8n.rest.createCredential(credential.name, credential.type, credential.data)).id;
	}
	// The segment example runs on a schedule from its activation: its segment and label must exist by then.
	const segmentListId = await ensureDemoSegment(hubspot, kirim);
	const examples = existsSync(join(ROOT, 'examples'))
		? readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json'))
		: [];
	for (const file of examples) {
		if (state.workflows[file]) {
			try {
				await n8n.rest.activate(state.workflows[file]);
				continue;
			} catch {
				say(`  ${file}: the saved workflow is gone from n8n; importing it again`);
			}
		}
		state.workflows[file] = (await n8n.rest.createWorkflow(exampleWorkflow(file, state.credentials))).id;
		await n8n.rest.activate(state.workflows[file]);
	}
	writeFileSync(STATE, JSON.stringify(state, null, 2));
	await ensureSyncProperties(hubspot);
	pointHubSpotWebhooksAt(hubspot, n8n.url);

	say('');
	say(`n8n is running:  ${n8n.url}   (login ${OWNER.email} / ${OWNER.password})`);
	say(`Example workflows active: ${examples.length ? examples.join(', ') : 'none'}`);
	for (const { title, command } of demoCommands({
		kirim: kirim.url,
		hubspot: hubspot.url,
		hubspotToken: hubspot.token,
		segmentListId,
	})) {
		if (title) say(title);
		say(`  ${command}`);
	}
	say(`Simulators: Kirim ${kirim.url} (API key ${kirim.apiKey}), HubSpot ${hubspot.url}. Ctrl-C stops everything.`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the simulators…');
		await n8n.stop();
		await kirim.close();
		await hubspot.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	process.stderr.write(`npm start failed: ${error.message}\n`);
	process.exit(1);
});
