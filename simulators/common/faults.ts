import type { SimRequest, SimResponse } from './http';

/**
 * One-shot faults a test adds for the request(s) it wants broken; everything else falls through
 * to the simulator's happy path (the pattern MSW's docs recommend: happy-path base handlers, faults added per test).
 */
export type FaultAction =
	/** Answer with this response instead of the real one. */
	| { kind: 'respond'; response: SimResponse }
	/** The service's own 429 (each simulator renders it with its documented headers and body). */
	| { kind: 'rate-limit'; retryAfterSeconds?: number; policyName?: string }
	/** A 5xx in the service's error shape. */
	| { kind: 'server-error'; status: 500 | 502 | 503 | 504 }
	/** Wait, then carry on normally. */
	| { kind: 'latency'; ms: number }
	/** Close the socket without a response, or after a fragment of one. */
	| { kind: 'drop'; when?: 'before-response' | 'mid-response' };

export interface FaultMatch {
	method?: string;
	/** Exact path, or a prefix when it ends with `*`. */
	path?: string;
}

export interface Fault {
	match?: FaultMatch;
	action: FaultAction;
	/** How many matching requests it hits before it is used up (default 1). */
	times?: number;
}

interface ArmedFault extends Fault {
	remaining: number;
}

export class FaultInjector {
	private faults: ArmedFault[] = [];
	/** Latency added to every request (ms), e.g. for round-trip-bound benchmarks. */
	baseLatencyMs = 0;

	add(fault: Fault): void {
		validateFault(fault);
		this.faults.push({ ...fault, remaining: fault.times ?? 1 });
	}

	clear(): void {
		this.faults = [];
		this.baseLatencyMs = 0;
	}

	/** Takes the first armed fault matching the request, using one of its shots. */
	take(req: SimRequest): FaultAction | undefined {
		const fault = this.faults.find((f) => f.remaining > 0 && matches(f.match, req));
		if (!fault) return undefined;
		fault.remaining -= 1;
		this.faults = this.faults.filter((f) => f.remaining > 0);
		return fault.action;
	}

	get pending(): number {
		return this.faults.length;
	}
}

function matches(match: FaultMatch | undefined, req: SimRequest): boolean {
	if (!match) return true;
	if (match.method && match.method.toUpperCase() !== req.method) return false;
	if (match.path) {
		if (match.path.endsWith('*')) return req.path.startsWith(match.path.slice(0, -1));
		return req.path === match.path;
	}
	return true;
}

const KINDS = new Set(['respond', 'rate-limit', 'server-error', 'latency', 'drop']);

/** Faults also arrive over HTTP (`POST /_sim/faults`), so they are checked like any request body. */
export function validateFault(value: unknown): asserts value is Fault {
	const fault = value as Fault;
	if (typeof fault !== 'object' || fault === null || typeof fault.action !== 'object' || fault.action === null) {
		throw new Error('a fault needs an "action" object');
	}
	if (!KINDS.has(fault.action.kind)) {
		throw new Error(`unknown fault kind "${String(fault.action.kind)}"; use one of ${[...KINDS].join(', ')}`);
	}
	if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) {
		throw new Error('"times" must be a whole number ≥ 1');
	}
}
