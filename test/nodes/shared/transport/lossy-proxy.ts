import { startServer, type Outcome, type RunningServer, type SimRequest } from '../../../../simulators/common/http';

/** Request headers not passed on: the proxy's own connection, length and encoding apply. */
const HOP_HEADERS = new Set([
	'host',
	'connection',
	'content-length',
	'transfer-encoding',
	'accept-encoding',
	'keep-alive',
]);
/** Response headers not passed back, for the same reason. */
const HOP_RESPONSE_HEADERS = new Set([
	'connection',
	'content-length',
	'transfer-encoding',
	'content-encoding',
	'keep-alive',
	'date',
]);

interface Loss {
	method: string;
	path: string;
	outcome: Outcome;
	remaining: number;
}

/**
 * A loopback proxy in front of a simulator. It passes every request on; for the ones a test names it lets the
 * simulator do the work and then loses the answer — a dropped connection or a gateway's 5xx instead — which is
 * the "did it happen?" case. (The simulators' own faults answer instead of the route, so the work is never done.)
 */
export class LossyProxy {
	/** Every request that reached the proxy, in order, with whether its answer was lost. */
	readonly seen: Array<{ method: string; path: string; idempotencyKey?: string; lost: boolean }> = [];
	private losses: Loss[] = [];

	private constructor(
		private readonly target: string,
		private readonly server: RunningServer,
	) {}

	static async start(target: string): Promise<LossyProxy> {
		const holder: { self?: LossyProxy } = {};
		const server = await startServer(async (req) => holder.self!.pass(req));
		holder.self = new LossyProxy(target, server);
		return holder.self;
	}

	get url(): string {
		return this.server.url;
	}

	/** The next `times` requests with this method and path are carried out, and then answered with `outcome`. */
	loseAnswer(method: string, path: string, outcome: Outcome, times = 1): this {
		this.losses.push({ method, path, outcome, remaining: times });
		return this;
	}

	private async pass(req: SimRequest): Promise<Outcome> {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (value === undefined || HOP_HEADERS.has(name)) continue;
			headers[name] = Array.isArray(value) ? value.join(', ') : value;
		}
		const query = req.query.toString();
		const response = await fetch(`${this.target}${req.path}${query ? `?${query}` : ''}`, {
			method: req.method,
			headers,
			body: req.rawBody.length ? req.rawBody : undefined,
		});
		const body = Buffer.from(await response.arrayBuffer());
		const loss = this.losses.find((l) => l.remaining > 0 && l.method === req.method && l.path === req.path);
		const key = req.headers['idempotency-key'];
		this.seen.push({
			method: req.method,
			path: req.path,
			idempotencyKey: Array.isArray(key) ? key[0] : key,
			lost: !!loss,
		});
		if (loss) {
			loss.remaining -= 1;
			return loss.outcome;
		}
		const back: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			if (!HOP_RESPONSE_HEADERS.has(name)) back[name] = value;
		});
		return { status: response.status, headers: back, body };
	}

	async close(): Promise<void> {
		await this.server.close();
	}
}
