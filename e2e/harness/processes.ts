import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';

export interface ProcessSpec {
	command: string;
	args: string[];
	env: Record<string, string>;
	/** stdout and stderr are appended here. */
	logFile: string;
	cwd?: string;
}

/**
 * Spawns a command with stdout and stderr appended to its log file: no pipe to drain, and the log outlives the
 * process. `detached` puts it in a process group of its own (see GroupProcess).
 */
export function spawnLogged(spec: ProcessSpec, detached = false): ChildProcess {
	const out = openSync(spec.logFile, 'a');
	try {
		return spawn(spec.command, spec.args, { env: spec.env, cwd: spec.cwd, stdio: ['ignore', out, out], detached });
	} finally {
		closeSync(out);
	}
}

/** The last `lines` lines of a log file. */
export function tailOf(file: string, lines = 60): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// the group is gone already
	}
}

/**
 * A child process that leads a process group of its own, so that a signal can reach what it spawned too (n8n's
 * internal task runner is a plain child of the n8n process; SIGKILL to n8n alone would orphan it). It can be started
 * again after it ended, with the same command, env and log file.
 */
export class GroupProcess {
	private child: ChildProcess | undefined;
	private exited: Promise<void> = Promise.resolve();
	/** Where in the log the current run's output begins (a restart appends to the same file). */
	private logStart = 0;

	constructor(
		readonly name: string,
		private readonly spec: ProcessSpec,
	) {}

	start(): void {
		if (this.running) throw new Error(`${this.name} is running already`);
		this.logStart = existsSync(this.spec.logFile) ? statSync(this.spec.logFile).size : 0;
		const child = spawnLogged(this.spec, true);
		this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
		this.child = child;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
	}

	get logFile(): string {
		return this.spec.logFile;
	}

	/**
	 * Sends `signal` and waits until the process has exited; SIGKILL if it is still there after `killAfterMs`. SIGTERM
	 * and SIGINT go to the leader alone, so that it shuts down its own children in order (n8n restarts a task runner
	 * that dies under it before it knows it is stopping); any other signal goes to the whole group. Whatever of the
	 * group outlives the leader gets SIGKILL.
	 */
	async stop(signal: NodeJS.Signals = 'SIGTERM', killAfterMs = 15_000): Promise<void> {
		const pid = this.child?.pid;
		if (!this.running || pid === undefined) return;
		if (signal === 'SIGTERM' || signal === 'SIGINT') this.child!.kill(signal);
		else signalGroup(pid, signal);
		const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), killAfterMs);
		await this.exited;
		clearTimeout(timer);
		signalGroup(pid, 'SIGKILL');
	}

	/** For a process 'exit' handler, where nothing can be awaited. */
	killNow(): void {
		if (this.running && this.child?.pid !== undefined) signalGroup(this.child.pid, 'SIGKILL');
	}

	/** Polls `probe` until it answers true; fails when the process exits first or after `timeoutMs`, with its log. */
	async waitUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running)
				throw new Error(`${this.name} exited (${this.exitReason()}) before it was ${what}\n${this.logSection()}`);
			if (await probe().catch(() => false)) return;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error(`${this.name} was not ${what} within ${timeoutMs} ms\n${this.logSection()}`);
	}

	logTail(lines = 60): string {
		return tailOf(this.spec.logFile, lines);
	}

	/** What the process logged since it was last started. */
	logSinceStart(): string {
		try {
			return readFileSync(this.spec.logFile).subarray(this.logStart).toString('utf8');
		} catch {
			return '';
		}
	}

	private exitReason(): string {
		return this.child?.signalCode ?? `code ${this.child?.exitCode}`;
	}

	private logSection(): string {
		return `--- ${this.name} log (tail) ---\n${this.logTail(40)}`;
	}
}
