import type { Clock } from './clock';

export interface TakeResult {
	ok: boolean;
	limit: number;
	remaining: number;
	/** Unix seconds when the bucket would be full again. */
	resetAtSeconds: number;
	/** Whole seconds until at least one token is back (only meaningful when !ok). */
	retryAfterSeconds: number;
}

/**
 * A token bucket refilled continuously: `capacity` tokens per `windowMs`.
 * Kirim documents per-minute buckets per endpoint class (https://developers.kirim.chat/concepts/rate-limits/);
 * HubSpot documents a rolling per-10-second budget
 * (https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines).
 */
export class TokenBucket {
	private tokens: number;
	private updatedAt: number;

	constructor(
		readonly capacity: number,
		readonly windowMs: number,
		private readonly clock: Clock,
	) {
		this.tokens = capacity;
		this.updatedAt = clock.now();
	}

	take(): TakeResult {
		this.refill();
		const ok = this.tokens >= 1;
		if (ok) this.tokens -= 1;
		const perMs = this.capacity / this.windowMs;
		const missingForFull = this.capacity - this.tokens;
		const resetAtSeconds = Math.ceil((this.clock.now() + missingForFull / perMs) / 1000);
		const retryAfterSeconds = ok ? 0 : Math.max(1, Math.ceil((1 - this.tokens) / perMs / 1000));
		return {
			ok,
			limit: this.capacity,
			remaining: Math.floor(this.tokens),
			resetAtSeconds,
			retryAfterSeconds,
		};
	}

	/** Empties the bucket, as a burst of other clients would (used for 429-storm tests). */
	drain(): void {
		this.refill();
		this.tokens = 0;
	}

	private refill(): void {
		const now = this.clock.now();
		const elapsed = Math.max(0, now - this.updatedAt);
		this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.capacity) / this.windowMs);
		this.updatedAt = now;
	}
}
