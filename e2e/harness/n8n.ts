import { type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureInstalled, type Installation } from './install';
import { installInto } from './pack';
import { freePort } from './ports';
import { spawnLogged, tailOf, type ProcessSpec } from './processes';
import { N8nRest, type Execution } from './rest';

export const OWNER = { email: 'owner@n8n-nodes-kirim.test', password: 'E2eTest-Passw0rd' };

/** Modules switched off where this n8n has them; n8n 2.3.6 refuses to start on a name it does not know ("Unknown module"). */
const DISABLED_MODULES = ['mcp-registry'];

function disabledModules(n8nDir: string): Record<string, string> {
	const present = DISABLED_MODULES.filter((name) => existsSync(join(n8nDir, 'dist', 'modules', name)));
	return present.length > 0 ? { N8N_DISABLED_MODULES: present.join(',') } : {};
}

/**
 * The env that runs n8n headless and offline (no telemetry, banners, templates or version checks), for any n8n command; ports, URLs, database and
 * execution mode are the caller's.
 */
export function headlessEnv(installation: Installation, userFolder: string): Record<string, string> {
	return {
		PATH: `${join(installation.nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
		HOME: userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		...disabledModules(installation.n8nDir),
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		NO_COLOR: '1',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	};
}

/** How to run `n8n <command> [...args]` of this installation (Node 24 runs n8n's bin). */
export function n8nCommand(
	installation: Installation,
	env: Record<string, string>,
	logFile: string,
	command: string,
	...args: string[]
): ProcessSpec {
	return { command: installation.node, args: [installation.n8nBin, command, ...args], env, logFile };
}

/**
 * Ready = /healthz/readiness answers 200 and the REST routes exist. n8n 2.3.6 answers readiness while it is still
 * migrating the database, before /rest/* is mounted (a POST to /rest/owner/setup then gets Express's 404).
 */
export async function mainReady(url: string): Promise<boolean> {
	return (
		(await fetch(`${url}/healthz/readiness`)).status === 200 && (await fetch(`${url}/rest/settings`)).status !== 404
	);
}

/**
 * Whether n8n at `url` knows the production webhook, without running it: a GET to a POST-only webhook answers 404
 * "…not registered for GET requests…" once it exists, and "…is not registered." before — so nothing is POSTed
 * and no execution is started.
 */
export async function webhookKnown(url: string, path: string): Promise<boolean> {
	const response = await fetch(`${url}/webhook/${path}`);
	const text = await response.text();
	return response.status !== 404 || /for GET requests/i.test(text);
}

/** Waits for `count` finished executions of a workflow (and `quietMs` longer, to see that no more come). */
export async function settledExecutions(
	rest: N8nRest,
	workflowId: string,
	count: number,
	timeoutMs: number,
	quietMs: number,
	includeData: boolean,
): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const executions = await rest.executions(workflowId, false);
		const finished = executions.filter((e) => e.status !== 'running' && e.status !== 'new');
		if (finished.length >= count) break;
		await new Promise((r) => setTimeout(r, 200));
	}
	await new Promise((r) => setTimeout(r, quietMs));
	return await rest.executions(workflowId, includeData);
}

export interface N8nOptions {
	/** Tarballs of community packages to install into the user folder. */
	packages: string[];
	/** Keep state here (npm start); default: a throwaway folder. */
	userFolder?: string;
	port?: number;
	env?: Record<string, string>;
	/** How long to wait for /healthz/readiness. */
	readyTimeoutMs?: number;
}

/** A real n8n process with our package loaded as a community package, and a REST client logged in as owner. */
export class N8nInstance {
	private constructor(
		readonly url: string,
		readonly rest: N8nRest,
		readonly userFolder: string,
		private readonly child: ChildProcess,
		readonly logFile: string,
		private readonly options: N8nOptions,
	) {}

	static async start(options: N8nOptions): Promise<N8nInstance> {
		const installation = ensureInstalled();
		const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-kirim-e2e-'));
		mkdirSync(userFolder, { recursive: true });
		for (const tarball of options.packages) installInto(userFolder, tarball);
		const port = options.port ?? (await freePort());
		const url = `http://127.0.0.1:${port}`;
		const logFile = join(userFolder, 'n8n.log');
		const env: Record<string, string> = {
			...headlessEnv(installation, userFolder),
			N8N_PORT: String(port),
			N8N_WEBHOOK_URL: `${url}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			DB_TYPE: 'sqlite',
			EXECUTIONS_MODE: 'regular',
			...options.env,
		};
		const child = spawnLogged(n8nCommand(installation, env, logFile, 'start'));
		const instance = new N8nInstance(url, new N8nRest(url), userFolder, child, logFile, {
			...options,
			userFolder,
			port,
		});
		try {
			await instance.waitReady(options.readyTimeoutMs ?? 90_000);
			await instance.rest.setUpOwner(OWNER.email, OWNER.password);
		} catch (error) {
			await instance.stop();
			throw new Error(`${(error as Error).message}\n--- n8n log (tail) ---\n${instance.logTail()}`);
		}
		return instance;
	}

	/**
	 * Stops n8n and starts it again on the same folder and port (its database, static data and URLs stay);
	 * `whileDown` runs in between (what happens in the world while n8n is not there).
	 */
	async restart(whileDown?: () => Promise<void>): Promise<N8nInstance> {
		await this.stop();
		await whileDown?.();
		return await N8nInstance.start({ ...this.options, packages: [] });
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	/** Ready: see mainReady. */
	private async waitReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.child.exitCode !== null)
				throw new Error(`n8n exited with code ${this.child.exitCode} before it was ready`);
			try {
				if (await mainReady(this.url)) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(`n8n was not ready within ${timeoutMs} ms`);
	}

	/** n8n answers readiness before it has activated the workflows: waits until n8n knows the production webhook. */
	async waitForWebhook(path: string, timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (await webhookKnown(this.url, path)) return;
			await new Promise((r) => setTimeout(r, 150));
		}
		throw new Error(
			`webhook ${path} was not registered within ${timeoutMs} ms\n--- n8n log (tail) ---\n${this.logTail()}`,
		);
	}

	/** Waits for `count` finished executions of a workflow (and a little longer, to see that no more come). */
	async executionsSettled(
		workflowId: string,
		count: number,
		timeoutMs = 30_000,
		quietMs = 1500,
		includeData = count <= 50,
	) {
		return await settledExecutions(this.rest, workflowId, count, timeoutMs, quietMs, includeData);
	}

	logTail(lines = 60): string {
		return tailOf(this.logFile, lines);
	}

	log(): string {
		return readFileSync(this.logFile, 'utf8');
	}

	/** SIGTERM, then SIGKILL if n8n is still there after 15 s. */
	async stop(): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	}
}
