import { startServer, type RunningServer, type SimRequest, type Outcome } from '../../simulators/common/http';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/**
 * An HTTP server that answers from a script, one entry per request, and records what it got.
 * A request beyond the script is a test failure (answered 599 and flagged), never a silent success.
 */
export class ScriptedServer {
	readonly requests: RecordedRequest[] = [];
	private script: Array<Outcome | ((req: SimRequest) => Outcome)> = [];
	unexpected = 0;

	private constructor(private readonly server: RunningServer) {}

	static async start(): Promise<ScriptedServer> {
		const holder: { self?: ScriptedServer } = {};
		const server = await startServer(async (req) => holder.self!.answer(req));
		holder.self = new ScriptedServer(server);
		return holder.self;
	}

	get url(): string {
		return this.server.url;
	}

	reply(...outcomes: Array<Outcome | ((req: SimRequest) => Outcome)>): this {
		this.script.push(...outcomes);
		return this;
	}

	private answer(req: SimRequest): Outcome {
		this.requests.push({
			method: req.method,
			path: req.path,
			query: Object.fromEntries(req.query.entries()),
			headers: req.headers,
			body: req.rawBody.toString('utf8'),
		});
		const next = this.script.shift();
		if (!next) {
			this.unexpected += 1;
			return { status: 599, body: { error: 'unscripted request' } };
		}
		return typeof next === 'function' ? next(req) : next;
	}

	async close(): Promise<void> {
		await this.server.close();
	}
}
