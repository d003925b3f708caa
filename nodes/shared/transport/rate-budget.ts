import { sleep as n8nSleep } from 'n8n-workflow';

import { headerValue } from './headers';

export interface RateBudgetOptions {
	/** Requests allowed per window. */
	limit: number;
	intervalMs: number;
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
	/** Header names that report what the server still allows in its window (HubSpot sends these: https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines). */
	remainingHeader?: string;
	maxHeader?: string;
}

/** A slot is counted from when we send, the server counts from when it receives: keep a little longer. */
const SAFETY_MS = 500;

/**
 * A rolling-window request budget, so a node stays under an API's burst limit instead of running into 429s.
 * Every attempt takes a slot; the server's "remaining" header, when lower than our own count says, means
 * someone else (another workflow, another app of the account) spends the same budget, and we count their use too.
 */
export class RateBudget {
	private readonly sent: number[] = [];
	private limit: number;
	private readonly now: () => number;
	private readonly wait: (ms: number) => Promise<void>;

	constructor(private readonly options: RateBudgetOptions) {
		this.limit = Math.max(1, Math.floor(options.limit));
		this.now = options.now ?? Date.now;
		this.wait = options.sleep ?? n8nSleep;
	}

	/** Slots used in the current window (after dropping the expired ones). */
	used(): number {
		const now = this.now();
		const cutoff = now - this.options.intervalMs - SAFETY_MS;
		// A slot stamped later than now means the clock was set back: it can no longer be timed, so it is dropped
		// rather than kept for as long as the clock moved.
		while (this.sent.length && (this.sent[0] <= cutoff || this.sent[0] > now)) this.sent.shift();
		return this.sent.length;
	}

	/** Waits for a free slot in the window, then takes it. */
	async acquire(): Promise<void> {
		for (;;) {
			if (this.used() < this.limit) {
				this.sent.push(this.now());
				return;
			}
			// A slot frees within one window of being taken, whatever the server's headers claimed (they can lower
			// the limit and fill the window, never lengthen it).
			const windowMs = this.options.intervalMs + SAFETY_MS;
			await this.wait(Math.min(windowMs, Math.max(1, this.sent[0] + windowMs - this.now())));
		}
	}

	/** Lowers our view of the budget to what the server reports. */
	observe(headers: Record<string, string | string[] | undefined>): void {
		if (this.options.maxHeader) {
			const max = Number(headerValue(headers, this.options.maxHeader));
			if (Number.isInteger(max) && max > 0 && max < this.limit) this.limit = max;
		}
		if (!this.options.remainingHeader) return;
		const remaining = Number(headerValue(headers, this.options.remainingHeader));
		if (!Number.isInteger(remaining) || remaining < 0) return;
		const unaccounted = this.limit - this.used() - remaining;
		const at = this.now();
		for (let i = 0; i < unaccounted; i++) this.sent.push(at);
	}
}
