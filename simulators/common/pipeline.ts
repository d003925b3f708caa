import type { Clock } from './clock';
import { FaultInjector, validateFault, type FaultAction } from './faults';
import type { Outcome, SimRequest, SimResponse } from './http';
import { RequestLog } from './request-log';
import { Router } from './router';

/** How one simulated service words its errors; each simulator supplies its documented shapes. */
export interface ServiceErrors {
	notFound(req: SimRequest): SimResponse;
	methodNotAllowed(req: SimRequest, allowed: string[]): SimResponse;
	rateLimited(req: SimRequest, action: Extract<FaultAction, { kind: 'rate-limit' }>): SimResponse;
	serverError(req: SimRequest, status: number): SimResponse;
	/** A request the route refused; `error` is the service's own error type when it threw one. */
	badRequest(req: SimRequest, message: string, error?: Error): SimResponse;
}

export interface PipelineParts {
	api: Router;
	/** Control routes under `/_sim/` (not part of the simulated API, never faulted or rate limited). */
	admin: Router;
	errors: ServiceErrors;
	clock: Clock;
	/** Runs before every API route: authentication, rate limits. A response here ends the request. */
	guard?: (req: SimRequest) => SimResponse | undefined;
	/** Adds headers every API response carries (rate-limit headers, request ids). */
	decorate?: (req: SimRequest, res: SimResponse) => SimResponse;
	sleep?: (ms: number) => Promise<void>;
}

export class BadRequest extends Error {}

export function parseJsonBody(req: SimRequest): unknown {
	if (req.rawBody.length === 0) throw new BadRequest('the request body is empty; JSON was expected');
	try {
		return JSON.parse(req.rawBody.toString('utf8'));
	} catch {
		throw new BadRequest('the request body is not valid JSON');
	}
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The request path every simulator shares: admin routes, then one-shot faults, then the guard
 * (auth, rate limits), then the route — and every API request is logged with its outcome.
 */
export class Pipeline {
	readonly faults = new FaultInjector();
	readonly log = new RequestLog();

	constructor(private readonly parts: PipelineParts) {
		parts.admin
			.add('POST', '/_sim/faults', (req) => {
				const fault = parseJsonBody(req);
				validateFault(fault);
				this.faults.add(fault);
				return { status: 201, body: { pending: this.faults.pending } };
			})
			.add('DELETE', '/_sim/faults', () => {
				this.faults.clear();
				return { status: 200, body: { pending: 0 } };
			})
			.add('POST', '/_sim/latency', (req) => {
				const { ms } = parseJsonBody(req) as { ms?: unknown };
				if (typeof ms !== 'number' || ms < 0) throw new BadRequest('"ms" must be a number ≥ 0');
				this.faults.baseLatencyMs = ms;
				return { status: 200, body: { ms } };
			})
			.add('GET', '/_sim/requests', () => ({ status: 200, body: { requests: this.log.entries } }))
			.add('DELETE', '/_sim/requests', () => {
				this.log.clear();
				return { status: 200, body: {} };
			});
	}

	readonly handle = async (req: SimRequest): Promise<Outcome> => {
		if (req.path.startsWith('/_sim/')) return this.run(this.parts.admin, req);
		const sleep = this.parts.sleep ?? realSleep;
		if (this.faults.baseLatencyMs > 0) await sleep(this.faults.baseLatencyMs);
		let outcome = await this.faulted(req, sleep);
		if (!outcome) {
			const refused = this.parts.guard?.(req);
			outcome = refused ?? (await this.run(this.parts.api, req));
		}
		if (!('drop' in outcome) && this.parts.decorate) outcome = this.parts.decorate(req, outcome);
		this.log.record(req, this.parts.clock.now(), 'drop' in outcome ? 'dropped' : outcome.status);
		return outcome;
	};

	private async faulted(req: SimRequest, sleep: (ms: number) => Promise<void>): Promise<Outcome | undefined> {
		for (let action = this.faults.take(req); action; action = this.faults.take(req)) {
			switch (action.kind) {
				case 'latency':
					await sleep(action.ms);
					continue; // a delay does not answer; another fault or the route still does
				case 'respond':
					return action.response;
				case 'rate-limit':
					return this.parts.errors.rateLimited(req, action);
				case 'server-error':
					return this.parts.errors.serverError(req, action.status);
				case 'drop':
					return { drop: action.when ?? 'before-response' };
			}
		}
		return undefined;
	}

	private async run(router: Router, req: SimRequest): Promise<SimResponse> {
		const match = router.match(req.method, req.path);
		if (match.kind === 'not-found') return this.parts.errors.notFound(req);
		if (match.kind === 'method-not-allowed') return this.parts.errors.methodNotAllowed(req, match.allowed);
		req.params = match.params;
		try {
			return await match.handler(req);
		} catch (error) {
			if (error instanceof BadRequest || (error instanceof Error && router === this.parts.admin)) {
				return this.parts.errors.badRequest(req, error.message, error);
			}
			throw error;
		}
	}
}
