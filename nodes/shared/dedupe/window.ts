export interface DedupeWindowOptions {
	/** How long an id is remembered. */
	windowMs: number;
	/** At most this many ids; the oldest go first. */
	maxEntries: number;
}

/**
 * Ids seen within a time window, in one process. `checkAndRecord` has no await inside, so two
 * deliveries of one event handled by the same n8n process can never both be "fresh"
 * (JavaScript runs one handler at a time between awaits; n8n-conventions.md "Do this" §8).
 *
 * A Map keeps insertion order, which is expiry order while the window length is fixed, so expired ids
 * are dropped from the front in O(1) amortised. Expiry is stored in whole seconds from `epochMs` so V8
 * keeps it as a small integer instead of a boxed double (the benchmark prints bytes per id).
 */
export class DedupeWindow {
	private readonly seen = new Map<string, number>();
	private readonly epochMs: number;

	constructor(
		private options: DedupeWindowOptions,
		nowMs: number,
	) {
		this.epochMs = nowMs;
	}

	get size(): number {
		return this.seen.size;
	}

	configure(options: DedupeWindowOptions): void {
		this.options = options;
	}

	private toTick(ms: number): number {
		return Math.ceil((ms - this.epochMs) / 1000);
	}

	private fromTick(tick: number): number {
		return this.epochMs + tick * 1000;
	}

	/** True if `key` is new (and is now remembered); false if it was seen within the window. */
	checkAndRecord(key: string, nowMs: number): boolean {
		this.evictExpired(nowMs);
		const nowTick = this.toTick(nowMs);
		const expires = this.seen.get(key);
		if (expires !== undefined) {
			if (expires > nowTick) return false;
			this.seen.delete(key);
		}
		this.seen.set(key, this.toTick(nowMs + this.options.windowMs));
		this.evictOverflow();
		return true;
	}

	has(key: string, nowMs: number): boolean {
		const expires = this.seen.get(key);
		return expires !== undefined && expires > this.toTick(nowMs);
	}

	/** Drops `key`, so a redelivery runs again (used when the run that the delivery started failed). */
	forget(key: string): void {
		this.seen.delete(key);
	}

	/** The newest `max` ids with their expiry (epoch ms), oldest first. */
	newest(max: number): Array<[string, number]> {
		const all = [...this.seen.entries()];
		return all.slice(Math.max(0, all.length - max)).map(([key, tick]) => [key, this.fromTick(tick)]);
	}

	/** Adds remembered ids (from a snapshot) that are still within their window and not already known. */
	merge(entries: Array<[string, number]>, nowMs: number): number {
		let added = 0;
		const nowTick = this.toTick(nowMs);
		const sorted = [...entries].sort((a, b) => a[1] - b[1]);
		for (const [key, expiresAtMs] of sorted) {
			const tick = this.toTick(expiresAtMs);
			if (typeof key !== 'string' || !Number.isFinite(tick) || tick <= nowTick || this.seen.has(key)) continue;
			this.seen.set(key, tick);
			added += 1;
		}
		this.evictOverflow();
		return added;
	}

	private evictExpired(nowMs: number): void {
		const nowTick = this.toTick(nowMs);
		for (const [key, tick] of this.seen) {
			if (tick > nowTick) break;
			this.seen.delete(key);
		}
	}

	private evictOverflow(): void {
		while (this.seen.size > this.options.maxEntries) {
			const oldest = this.seen.keys().next().value as string;
			this.seen.delete(oldest);
		}
	}
}
