import { sleep as n8nSleep } from 'n8n-workflow';

import { headerValue } from './headers';

export interface TokenBucketMirrorOptions {
	/** The period the server's limit header counts (Kirim: requests per minute). */
	windowMs: number;
	/** Header with the bucket's capacity per window, and the one with the tokens left after this request. */
	limitHeader: string;
	remainingHeader: string;
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
	/** No single wait for a token is longer than this (default: one window). */
	maxWaitMs?: number;
}

/**
 * Paces requests under a server-side token bucket that refills continuously (Kirim: capacity = the per-minute
 * allowance, https://developers.kirim.chat/concepts/rate-limits/), so concurrent requests wait their turn instead of all running into
 * 429s and spending their retries: with 4 lanes sharing one token a second, lanes that only react to 429 keep
 * losing the race, and a chunk can fail after its last attempt.
 *
 * The mirror learns the capacity from the first answer's headers, then counts every request it lets through
 * (a slot may be reserved ahead: the caller sleeps until the bucket has refilled to it, first come first
 * served). An answer reporting fewer tokens left than the mirror counts (another workflow or app spends the
 * same bucket) lowers the count; 429 handling stays with the retry rules.
 */
export class TokenBucketMirror {
	private capacity?: number;
	private tokens = 0;
	private at = 0;
	/** Requests let through before any answer said what the limit is. */
	private unpaced = 0;
	private readonly now: () => number;
	private readonly wait: (ms: number) => Promise<void>;

	constructor(private readonly options: TokenBucketMirrorOptions) {
		this.now = options.now ?? Date.now;
		this.wait = options.sleep ?? n8nSleep;
	}

	/** Tokens the mirror thinks are left (negative: slots reserved ahead of the refill). */
	available(): number {
		this.refill();
		return this.tokens;
	}

	/** Takes a token, waiting until the bucket has refilled to it when none is left. */
	async acquire(): Promise<void> {
		if (this.capacity === undefined) {
			this.unpaced += 1;
			return;
		}
		this.refill();
		this.tokens -= 1;
		if (this.tokens >= 0) return;
		// The wait follows from the server's limit header, so a broken or hostile value (a limit of 1 a minute with
		// many requests queued) must not put the node to sleep for hours: past the cap the request goes out and a
		// refusal is handled by the retry rules (429 is always safe to retry, its Retry-After bounded there).
		const maxWaitMs = this.options.maxWaitMs ?? this.options.windowMs;
		await this.wait(Math.min(maxWaitMs, Math.ceil(-this.tokens / this.perMs(this.capacity))));
	}

	observe(headers: Record<string, string | string[] | undefined>): void {
		const limit = Number(headerValue(headers, this.options.limitHeader));
		const remaining = Number(headerValue(headers, this.options.remainingHeader));
		// Both are whole numbers in Kirim's docs; a fractional limit (0.001 a minute) would mean days between requests.
		if (!Number.isInteger(limit) || limit < 1 || !Number.isFinite(remaining) || remaining < 0) return;
		// Retry-After comes with a refusal only (https://developers.kirim.chat/concepts/rate-limits/): that request took no token.
		const refused = headerValue(headers, 'retry-after') !== undefined;
		if (this.capacity === undefined) {
			this.capacity = limit;
			this.at = this.now();
			// A success counted its own request; the others sent before any answer are still to come off
			// (after a refusal they were most likely refused too).
			this.tokens = refused ? remaining : remaining - Math.max(0, this.unpaced - 1);
			return;
		}
		this.capacity = limit;
		this.refill();
		this.tokens = Math.min(this.tokens + (refused ? 1 : 0), remaining);
	}

	private perMs(capacity: number): number {
		return capacity / this.options.windowMs;
	}

	private refill(): void {
		if (this.capacity === undefined) return;
		const now = this.now();
		this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, now - this.at) * this.perMs(this.capacity));
		this.at = now;
	}
}
