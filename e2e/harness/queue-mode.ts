// A whole n8n queue-mode cluster for tests: Postgres, Redis, n8n main, webhook processes and workers, nginx in
// front (docs/queue-mode/nginx.conf), all on loopback in one throwaway folder.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { ensureInstalled, type Installation } from './install';
import { headlessEnv, mainReady, n8nCommand, OWNER, settledExecutions, webhookKnown } from './n8n';
import { installInto } from './pack';
import { DistinctPorts } from './ports';
import { GroupProcess } from './processes';
import { ensureQueueModeTools, Nginx, Postgres, Redis } from './queue-mode-services';
import { N8nRest, type Execution } from './rest';

export const NGINX_TEMPLATE = resolve(__dirname, '..', '..', 'docs', 'queue-mode', 'nginx.conf');

export type ScalableRole = 'webhook' | 'worker';
export type ClusterRole = ScalableRole | 'main' | 'nginx' | 'redis' | 'postgres';

export interface QueueModeOptions {
	/** Tarballs of community packages, installed into the user folder all n8n processes share. */
	packages: string[];
	/** `n8n webhook` processes behind nginx (default 2). */
	webhookProcesses?: number;
	/** `n8n worker` processes (default 2). */
	workers?: number;
	/** Jobs each worker runs at once (default 10). */
	workerConcurrency?: number;
	/** Added to (and overriding) every n8n process's env; ports and per-process files stay the harness's. */
	env?: Record<string, string>;
	/** How long each n8n process may take to get ready. */
	readyTimeoutMs?: number;
}

/** One n8n process of the cluster and how to tell it is ready. */
interface Member {
	process: GroupProcess;
	/** Where it answers HTTP: its server (main, webhook) or its health check (worker). */
	url: string;
	ready: () => Promise<boolean>;
}

async function answers200(url: string): Promise<boolean> {
	return (await fetch(url)).status === 200;
}

/**
 * n8n in queue mode as it is deployed: main (editor, REST, activation; no production webhooks), webhook processes
 * (production webhooks, behind nginx) and workers (run every execution, jobs from Redis).
 */
export class QueueModeCluster {
	readonly rest: N8nRest;
	private postgres: Postgres | undefined;
	private redis: Redis | undefined;
	private nginx: Nginx | undefined;
	private main: Member | undefined;
	private readonly webhooks: Member[] = [];
	private readonly workers: Member[] = [];
	private readonly killOnExit = () => this.killNow();

	private constructor(
		private readonly dir: string,
		private readonly ports: DistinctPorts,
		/** nginx: what the world sees. */
		readonly url: string,
		readonly mainUrl: string,
		private readonly readyTimeoutMs: number,
	) {
		this.rest = new N8nRest(mainUrl);
		process.once('exit', this.killOnExit);
	}

	static async start(options: QueueModeOptions): Promise<QueueModeCluster> {
		const installation = ensureInstalled();
		ensureQueueModeTools();
		const dir = mkdtempSync(join(tmpdir(), 'n8n-kirim-queue-'));
		// Postgres (as user postgres) and nginx's workers (as nobody) have to get into their folders below this one.
		chmodSync(dir, 0o755);
		const ports = new DistinctPorts();
		const cluster = new QueueModeCluster(
			dir,
			ports,
			`http://127.0.0.1:${await ports.next()}`,
			`http://127.0.0.1:${await ports.next()}`,
			options.readyTimeoutMs ?? 120_000,
		);
		try {
			await cluster.boot(installation, options);
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	/**
	 * Main first: it migrates the database (n8n 2.41.1 holds a lock for that, older n8n does not), then the rest at
	 * once, while the owner is set up on main.
	 */
	private async boot(installation: Installation, options: QueueModeOptions): Promise<void> {
		const userFolder = join(this.dir, 'n8n');
		mkdirSync(join(this.dir, 'logs'), { recursive: true });
		for (const tarball of options.packages) installInto(userFolder, tarball);
		const [postgresPort, redisPort] = [await this.ports.next(), await this.ports.next()];
		[this.postgres, this.redis] = await Promise.all([
			Postgres.start(join(this.dir, 'postgres'), postgresPort),
			Redis.start(join(this.dir, 'redis'), redisPort),
		]);
		const env = this.sharedEnv(installation, userFolder, options.env ?? {});
		this.main = await this.mainMember(installation, env);
		await this.startAll([this.main]);
		for (let i = 0; i < (options.webhookProcesses ?? 2); i++)
			this.webhooks.push(await this.webhookMember(installation, env, i));
		for (let i = 0; i < (options.workers ?? 2); i++)
			this.workers.push(await this.workerMember(installation, env, i, options.workerConcurrency ?? 10));
		await Promise.all([
			this.rest.setUpOwner(OWNER.email, OWNER.password),
			this.startAll([...this.webhooks, ...this.workers]),
		]);
		const port = Number(new URL(this.url).port);
		const hostPort = (member: Member) => new URL(member.url).host;
		this.nginx = await Nginx.start(join(this.dir, 'nginx'), port, readFileSync(NGINX_TEMPLATE, 'utf8'), {
			main: hostPort(this.main),
			webhooks: this.webhooks.map(hostPort),
		});
	}

	/** The env every n8n process gets: the same database, Redis, encryption key and public URL (nginx). */
	private sharedEnv(
		installation: Installation,
		userFolder: string,
		extra: Record<string, string>,
	): Record<string, string> {
		return {
			...headlessEnv(installation, userFolder),
			...this.postgres!.env(),
			...this.redis!.env(),
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('base64'),
			N8N_WEBHOOK_URL: `${this.url}/`,
			// Behind one reverse proxy (nginx), which sets X-Forwarded-For.
			N8N_PROXY_HOPS: '1',
			N8N_EXPRESSION_ENGINE: 'legacy',
			// Manual runs go to the workers too, as they always will from n8n 3 (its breaking-changes rule says so).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// n8n's queue recovery (ScalingService.recoverFromQueue in packages/cli/src/scaling/scaling.service.ts) marks
			// as crashed the runs the database holds as new or running that no queued or active job carries: a run whose
			// webhook process was killed after creating it and before queuing it stays "new" until then. Every minute
			// here instead of n8n's default 180, so the suite sees what an operator sees a few hours later.
			N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
			...extra,
		};
	}

	/**
	 * Settings each process needs for itself. Each gets its own event log: n8n keeps it in the user folder, and a
	 * process starting up "recovers" the unfinished executions it finds in its log — another worker's running ones,
	 * in a shared log, which it would mark as crashed.
	 */
	private async ownEnv(name: string): Promise<Record<string, string>> {
		return {
			N8N_RUNNERS_BROKER_PORT: String(await this.ports.next()),
			N8N_EVENTBUS_LOGWRITER_LOGFULLPATH: join(this.dir, 'events', `${name}.log`),
		};
	}

	private logFile(name: string): string {
		return join(this.dir, 'logs', `${name}.log`);
	}

	private async mainMember(installation: Installation, shared: Record<string, string>): Promise<Member> {
		const url = this.mainUrl;
		const env = {
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			...shared,
			...(await this.ownEnv('main')),
			N8N_PORT: new URL(url).port,
		};
		return {
			process: new GroupProcess('n8n main', n8nCommand(installation, env, this.logFile('main'), 'start')),
			url,
			ready: () => mainReady(url),
		};
	}

	private async webhookMember(
		installation: Installation,
		shared: Record<string, string>,
		index: number,
	): Promise<Member> {
		const port = await this.ports.next();
		const url = `http://127.0.0.1:${port}`;
		const env = { ...shared, ...(await this.ownEnv(`webhook-${index}`)), N8N_PORT: String(port) };
		const child = new GroupProcess(
			`n8n webhook ${index}`,
			n8nCommand(installation, env, this.logFile(`webhook-${index}`), 'webhook'),
		);
		return { process: child, url, ready: () => answers200(`${url}/healthz/readiness`) };
	}

	/** Workers serve no HTTP but their health check, which is ready once the worker takes jobs. */
	private async workerMember(
		installation: Installation,
		shared: Record<string, string>,
		index: number,
		concurrency: number,
	): Promise<Member> {
		const port = await this.ports.next();
		const url = `http://127.0.0.1:${port}`;
		const health = {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		};
		const env = { ...shared, ...(await this.ownEnv(`worker-${index}`)), ...health };
		const spec = n8nCommand(
			installation,
			env,
			this.logFile(`worker-${index}`),
			'worker',
			`--concurrency=${concurrency}`,
		);
		return {
			process: new GroupProcess(`n8n worker ${index}`, spec),
			url,
			ready: () => answers200(`${url}/healthz/readiness`),
		};
	}

	private async startAll(members: Member[]): Promise<void> {
		for (const member of members) member.process.start();
		await Promise.all(members.map((member) => member.process.waitUntil(member.ready, this.readyTimeoutMs, 'ready')));
	}

	private member(role: ScalableRole, index: number): Member {
		const member = (role === 'webhook' ? this.webhooks : this.workers)[index];
		if (!member) throw new Error(`there is no ${role} ${index}`);
		return member;
	}

	/** A webhook process's own address, bypassing nginx. */
	webhookUrl(index: number): string {
		return this.member('webhook', index).url;
	}

	workerPid(index: number): number | undefined {
		return this.member('worker', index).process.pid;
	}

	/** The process id of main, a webhook process or a worker (its n8n process, not its task runner). */
	pid(role: ScalableRole | 'main', index = 0): number | undefined {
		return role === 'main' ? this.main?.process.pid : this.member(role, index).process.pid;
	}

	/**
	 * Signals a webhook process or worker and waits until it has exited (SIGKILL after 45 s: a worker's graceful
	 * shutdown waits up to 30 s for its running executions). SIGKILL reaches its task runner too.
	 */
	async kill(role: ScalableRole, index: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		await this.member(role, index).process.stop(signal, 45_000);
	}

	/** Starts it again with the same ports and env (stopping it first if it runs) and waits until it is ready. */
	/**
	 * Stops (if still running) and starts a webhook process or worker. A webhook process is kept out of nginx's ring
	 * until its /healthz/readiness answers 200, as docs/queue-mode.md asks of whatever restarts one (a supervisor,
	 * an orchestrator's readiness probe): before that n8n answers 200 without running anything.
	 */
	async restart(role: ScalableRole, index: number): Promise<void> {
		const member = this.member(role, index);
		if (role === 'webhook') await this.nginx!.setDown(index, true);
		await member.process.stop('SIGTERM', 45_000);
		await this.startAll([member]);
		if (role === 'webhook') await this.nginx!.setDown(index, false);
	}

	/**
	 * Waits until the production webhook answers through nginx and every running webhook process knows it (nginx
	 * sends each path to one of them; a test that kills that one relies on the other).
	 */
	async waitForWebhook(path: string, timeoutMs = 30_000): Promise<void> {
		const urls = [this.url, ...this.webhooks.filter((member) => member.process.running).map((member) => member.url)];
		const deadline = Date.now() + timeoutMs;
		for (const url of urls) {
			while (!(await webhookKnown(url, path))) {
				if (Date.now() > deadline)
					throw new Error(
						`webhook ${path} was not registered at ${url} within ${timeoutMs} ms\n--- main log (tail) ---\n${this.logTail('main')}`,
					);
				await new Promise((r) => setTimeout(r, 150));
			}
		}
	}

	/** Waits for `count` finished executions of a workflow (and `quietMs` longer, to see that no more come). */
	async executionsSettled(
		workflowId: string,
		count: number,
		timeoutMs = 30_000,
		quietMs = 1500,
		includeData = count <= 50,
	): Promise<Execution[]> {
		return await settledExecutions(this.rest, workflowId, count, timeoutMs, quietMs, includeData);
	}

	/**
	 * The end of one process's log (for nginx its error log; accessLog() has the requests). Without a role: the end
	 * of every n8n process's log, `lines` each, as waitFor (wait.ts) shows when it gives up.
	 */
	logTail(lines?: number): string;
	logTail(role: ClusterRole, index?: number, lines?: number): string;
	logTail(roleOrLines?: ClusterRole | number, index = 0, lines = 60): string {
		if (typeof roleOrLines !== 'string') return this.n8nLogTails(roleOrLines ?? 20);
		const notStarted = '(not started)';
		switch (roleOrLines) {
			case 'postgres':
				return this.postgres?.logTail(lines) ?? notStarted;
			case 'redis':
				return this.redis?.server.logTail(lines) ?? notStarted;
			case 'nginx':
				return this.nginx?.server.logTail(lines) ?? notStarted;
			case 'main':
				return this.main?.process.logTail(lines) ?? notStarted;
			default:
				return this.member(roleOrLines, index).process.logTail(lines);
		}
	}

	private n8nLogTails(lines: number): string {
		return this.n8nProcesses.map((member) => `--- ${member.name} ---\n${member.logTail(lines)}`).join('\n');
	}

	/** Executions a worker has started and not finished since it was last started (from its log). */
	runningExecutions(role: 'worker', index: number): number {
		const log = this.member(role, index).process.logSinceStart();
		const ids = (verb: string) =>
			new Set([...log.matchAll(new RegExp(`Worker ${verb} execution (\\S+)`, 'g'))].map((match) => match[1]));
		const finished = ids('finished');
		return [...ids('started')].filter((id) => !finished.has(id)).length;
	}

	/** nginx's access log: one line per request with the upstream that answered it. */
	accessLog(): string {
		return this.nginx?.accessLog() ?? '';
	}

	private get n8nProcesses(): GroupProcess[] {
		return [this.main, ...this.webhooks, ...this.workers].flatMap((member) => (member ? [member.process] : []));
	}

	/**
	 * Everything, outside in: nginx, then n8n, then Redis and Postgres. n8n gets SIGTERM and 10 s: a webhook process
	 * can wait its whole graceful-shutdown timeout (30 s) for an execution it never hears finished (n8n 2.41.1 loses
	 * the completion of a job now and then), and nothing here has to survive anyway.
	 */
	async stop(): Promise<void> {
		process.off('exit', this.killOnExit);
		await this.nginx?.server.stop();
		await Promise.all(this.n8nProcesses.map((member) => member.stop('SIGTERM', 10_000)));
		await this.redis?.server.stop();
		await this.postgres?.stop();
		rmSync(this.dir, { recursive: true, force: true });
	}

	/** If the test process exits without stop(): nothing of the cluster may outlive it. */
	private killNow(): void {
		for (const member of [...this.n8nProcesses, this.nginx?.server, this.redis?.server]) member?.killNow();
		this.postgres?.stopNow();
		rmSync(this.dir, { recursive: true, force: true });
	}
}
