// What an n8n queue-mode cluster needs besides n8n, each throwaway and loopback-only: Postgres 15 (the only database
// n8n supports in queue mode), Redis (the job queue and pub/sub between the processes) and nginx (the load balancer).
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

import { aptInstall } from './apt';
import { GroupProcess, tailOf } from './processes';

const DEFAULT_PG_BIN = '/usr/lib/postgresql/15/bin';
const PG_BIN = process.env.PG_BIN ?? DEFAULT_PG_BIN;
const REDIS_SERVER = '/usr/bin/redis-server';
const NGINX = '/usr/sbin/nginx';
const DEBIAN_PACKAGES: Array<[binary: string, pkg: string]> = [
	[REDIS_SERVER, 'redis-server'],
	[NGINX, 'nginx-light'],
];

const execFileAsync = promisify(execFile);

/** Postgres 15, Redis and nginx are installed with apt-get when missing (root only). */
export function ensureQueueModeTools(): void {
	// Debian's postgresql-15 starts no cluster of its own here (no systemd); the harness makes a throwaway one.
	if (!existsSync(join(PG_BIN, 'initdb')) && PG_BIN === DEFAULT_PG_BIN)
		aptInstall(['postgresql-15'], 'the queue-mode cluster');
	if (!existsSync(join(PG_BIN, 'initdb')))
		throw new Error(`Postgres 15 is missing (${PG_BIN}, or set PG_BIN): apt-get install -y postgresql-15`);
	const missing = () => DEBIAN_PACKAGES.filter(([binary]) => !existsSync(binary)).map(([, pkg]) => pkg);
	if (missing().length > 0) aptInstall(missing(), 'the queue-mode cluster');
	if (missing().length > 0) throw new Error(`apt-get ran but ${missing().join(', ')} is still missing`);
}

interface RunAs {
	uid: number;
	gid: number;
}

/** Postgres refuses to run as root: as root, its commands run as the system user `postgres`; otherwise as ourselves. */
function postgresUser(): RunAs | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}

async function run(command: string, args: string[], options: { cwd?: string; user?: RunAs } = {}): Promise<void> {
	try {
		await execFileAsync(command, args, {
			cwd: options.cwd,
			uid: options.user?.uid,
			gid: options.user?.gid,
			timeout: 120_000,
		});
	} catch (error) {
		const { stderr, message } = error as { stderr?: string; message: string };
		throw new Error(`${basename(command)} failed: ${stderr?.trim() || message}`);
	}
}

/** A Postgres 15 cluster in a folder of its own, tuned for tests (no fsync), with the database `n8n`. */
export class Postgres {
	static readonly USER = 'n8n';
	static readonly DATABASE = 'n8n';

	private constructor(
		readonly port: number,
		private readonly dir: string,
		private readonly user: RunAs | undefined,
	) {}

	static async start(dir: string, port: number): Promise<Postgres> {
		const user = postgresUser();
		mkdirSync(dir, { recursive: true });
		if (user) chownSync(dir, user.uid, user.gid);
		const postgres = new Postgres(port, dir, user);
		await run(
			join(PG_BIN, 'initdb'),
			['-D', postgres.dataDir, '-A', 'trust', '-U', Postgres.USER, '-E', 'UTF8', '--locale=C', '--no-sync'],
			{ cwd: dir, user },
		);
		await postgres.pgCtl('-l', postgres.logFile, '-o', postgres.serverOptions(), '-w', '-t', '60', 'start');
		await run(join(PG_BIN, 'createdb'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(postgres.port),
			'-U',
			Postgres.USER,
			Postgres.DATABASE,
		]);
		return postgres;
	}

	private get dataDir(): string {
		return join(this.dir, 'data');
	}

	get logFile(): string {
		return join(this.dir, 'postgres.log');
	}

	/** pg_ctl hands these to the server through a shell, hence the quotes. */
	private serverOptions(): string {
		const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
		return [`-p ${this.port}`, `-k '${this.dir}'`, ...settings.map((s) => `-c ${s}`)].join(' ');
	}

	private async pgCtl(...args: string[]): Promise<void> {
		await run(join(PG_BIN, 'pg_ctl'), ['-D', this.dataDir, ...args], { cwd: this.dir, user: this.user });
	}

	/** The env n8n needs for this database. */
	env(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: Postgres.DATABASE,
			DB_POSTGRESDB_USER: Postgres.USER,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}

	/** Immediate shutdown: nothing here needs to survive. */
	async stop(): Promise<void> {
		if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.pgCtl('-m', 'immediate', '-w', 'stop');
	}

	/** For a process 'exit' handler, where nothing can be awaited. */
	stopNow(): void {
		try {
			execFileSync(join(PG_BIN, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', 'stop'], {
				cwd: this.dir,
				uid: this.user?.uid,
				gid: this.user?.gid,
				stdio: 'ignore',
			});
		} catch {
			// not running
		}
	}

	logTail(lines = 60): string {
		return tailOf(this.logFile, lines);
	}
}

/** Whether something listens on the loopback port (and, given `send`, answers with `expect`). */
function answers(port: number, send?: string, expect?: string): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => (send === undefined ? done(true) : socket.write(send)));
		socket.on('data', (data) => done(expect === undefined || data.toString().startsWith(expect)));
	});
}

/** redis-server without persistence. */
export class Redis {
	private constructor(
		readonly port: number,
		readonly server: GroupProcess,
	) {}

	static async start(dir: string, port: number): Promise<Redis> {
		mkdirSync(dir, { recursive: true });
		const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
		const server = new GroupProcess('redis', { command: REDIS_SERVER, args, env: {}, logFile: join(dir, 'redis.log') });
		server.start();
		await server.waitUntil(() => answers(port, 'PING\r\n', '+PONG'), 15_000, 'answering PING');
		return new Redis(port, server);
	}

	/** The env n8n needs for this Redis (Bull's queue; n8n's cache and pub/sub use the same connection settings). */
	env(): Record<string, string> {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}
}

/**
 * Fills in a template's `{{NAME}}` placeholders, outside comments. A list value takes a line of its own: the line
 * holding just its placeholder becomes one line per item, indented the same.
 */
export function renderTemplate(template: string, values: Record<string, string | string[]>): string {
	const lines = template.split('\n').flatMap((line) => {
		if (line.trimStart().startsWith('#')) return [line];
		const whole = /^(\s*)\{\{(\w+)\}\}\s*$/.exec(line);
		const value = whole ? values[whole[2]] : undefined;
		if (whole && Array.isArray(value)) return value.map((item) => `${whole[1]}${item}`);
		return [
			line.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) =>
				typeof values[name] === 'string' ? (values[name] as string) : placeholder,
			),
		];
	});
	const left = lines.find((line) => !line.trimStart().startsWith('#') && /\{\{\w+\}\}/.test(line));
	if (left !== undefined) throw new Error(`template placeholder without a value: ${left.trim()}`);
	return lines.join('\n');
}

/** Ready: main's health check answers through it (and it is nginx that answers, not something else on the port). */
async function proxiesToMain(port: number): Promise<boolean> {
	const response = await fetch(`http://127.0.0.1:${port}/healthz`);
	return response.status === 200 && (response.headers.get('server') ?? '').startsWith('nginx');
}

export interface NginxUpstreams {
	main: string;
	webhooks: string[];
}

/** nginx from docs/queue-mode/nginx.conf, in the foreground, with everything it writes inside `dir` (its prefix). */
export class Nginx {
	/** Webhook processes marked `down`: out of the ring while they (re)start. */
	private readonly down = new Set<number>();

	readonly server: GroupProcess;

	private constructor(
		readonly port: number,
		private readonly dir: string,
		private readonly template: string,
		private readonly upstreams: NginxUpstreams,
	) {
		// -e: where errors go before the config is read (this nginx's default is stderr; others' is under /var/log).
		const errorLog = join(dir, 'logs', 'error.log');
		const args = ['-p', `${dir}/`, '-c', this.conf, '-e', errorLog, '-g', `daemon off; pid ${join(dir, 'nginx.pid')};`];
		this.server = new GroupProcess('nginx', { command: NGINX, args, env: {}, logFile: errorLog, cwd: dir });
	}

	static async start(dir: string, port: number, template: string, upstreams: NginxUpstreams): Promise<Nginx> {
		for (const sub of ['logs', 'temp']) mkdirSync(join(dir, sub), { recursive: true });
		const nginx = new Nginx(port, dir, template, upstreams);
		nginx.writeConf();
		nginx.server.start();
		await nginx.server.waitUntil(() => proxiesToMain(port), 15_000, 'passing requests to n8n main');
		return nginx;
	}

	private get conf(): string {
		return join(this.dir, 'nginx.conf');
	}

	private writeConf(): void {
		const line = (hostPort: string) => `server ${hostPort};`;
		// max_fails=0, as the template asks for webhook processes: no process is ever taken out of the ring by nginx
		// itself; `down` is how an operator (here the harness) takes one out while it restarts.
		const webhookLine = (hostPort: string, i: number) =>
			`server ${hostPort} max_fails=0${this.down.has(i) ? ' down' : ''};`;
		writeFileSync(
			this.conf,
			renderTemplate(this.template, {
				LISTEN: `127.0.0.1:${this.port}`,
				MAIN_SERVER: line(this.upstreams.main),
				WEBHOOK_SERVERS: this.upstreams.webhooks.map(webhookLine),
			}),
		);
	}

	/**
	 * Takes webhook process `index` out of the ring (`down`) or puts it back, as docs/queue-mode.md asks of whoever
	 * restarts one: n8n answers 200 "n8n is starting up. Please wait" to requests that reach it before its database
	 * is ready, so a delivery must not reach a process until its /healthz/readiness answers 200. A reload (SIGHUP to
	 * the master) starts new workers with the new ring; old ones finish their requests.
	 */
	async setDown(index: number, down: boolean): Promise<void> {
		if (down) this.down.add(index);
		else this.down.delete(index);
		this.writeConf();
		const pid = this.server.pid;
		if (pid === undefined) throw new Error('nginx is not running');
		// Reloaded once the master has started a worker that was not there before (the new ring's).
		const workers = () => {
			try {
				return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
					.split('\n')
					.filter(Boolean);
			} catch {
				return [];
			}
		};
		const before = new Set(workers());
		process.kill(pid, 'SIGHUP');
		await this.server.waitUntil(
			async () => workers().some((worker) => !before.has(worker)),
			10_000,
			'reloaded its configuration',
		);
	}

	/** Which upstream answered each request (the log format in the template). */
	accessLog(): string {
		return readFileSync(join(this.dir, 'logs', 'access.log'), 'utf8');
	}
}
