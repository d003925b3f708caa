export interface DedupeWindowOptions {
	/** How long an id is remembered. */
	windowMs: number;
	/** At most this many ids; the oldest go first. */
	maxEntries: number;
}

/**
 * Ids seen within a time window, in one process. `checkAndRecord` has no await inside, so two
 * deliveries of one event handled by the same n8n process can never both be "fresh"
 * (JavaScript runs one handler at a time between awaits).
 *
 * Ids expire in the order they were recorded (the window length is fixed), so they are dropped from the
 * front of a queue kept beside the Map: O(1) amortised. (Iterating the Map itself from the front would
 * walk over every deleted slot V8 has not compacted yet.) Expiry is stored in whole seconds from `epochMs`
 * so V8 keeps it as a small integer instead of a boxed double (the benchmark prints bytes per id).
 */
export class DedupeWindow {
	private readonly seen = new Map<string, number>();
	private readonly epochMs: number;
	/** Recording order: parallel arrays from `head` on; an entry whose tick no longer matches the Map is stale. */
	private orderKeys: string[] = [];
	private orderTicks: number[] = [];
	private head = 0;

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

	/** True if `key` is new (and is now remembered); false if it was seen within the window. */
	checkAndRecord(key: string, nowMs: number): boolean {
		const nowTick = this.toTick(nowMs);
		this.evictExpired(nowTick);
		const expires = this.seen.get(key);
		if (expires !== undefined) {
			if (expires > nowTick) return false;
			this.seen.delete(key);
		}
		this.remember(key, this.toTick(nowMs + this.options.windowMs));
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

	/** Adds remembered ids (from a snapshot) that are still within their window and not already known. */
	merge(entries: ReadonlyArray<readonly [string, number, ...unknown[]]>, nowMs: number): number {
		let added = 0;
		const nowTick = this.toTick(nowMs);
		const sorted = [...entries].sort((a, b) => a[1] - b[1]);
		for (const [key, expiresAtMs] of sorted) {
			const tick = this.toTick(expiresAtMs);
			if (typeof key !== 'string' || !Number.isFinite(tick) || tick <= nowTick || this.seen.has(key)) continue;
			this.remember(key, tick);
			added += 1;
		}
		this.evictOverflow();
		return added;
	}

	private remember(key: string, tick: number): void {
		this.seen.set(key, tick);
		this.orderKeys.push(key);
		this.orderTicks.push(tick);
	}

	/** Drops the oldest queue entry; true if it was live (and so left the Map). */
	private dropOldest(): boolean {
		const key = this.orderKeys[this.head];
		const tick = this.orderTicks[this.head];
		this.head += 1;
		const live = this.seen.get(key) === tick;
		if (live) this.seen.delete(key);
		if (this.head > 1024 && this.head * 2 > this.orderKeys.length) {
			this.orderKeys = this.orderKeys.slice(this.head);
			this.orderTicks = this.orderTicks.slice(this.head);
			this.head = 0;
		}
		return live;
	}

	/**
	 * Drops queue entries whose tick has passed (live ones leave the Map too). Stops at the first entry not yet
	 * due without looking it up in the Map: that lookup, on every delivery, was a cache miss in a big window.
	 * A stale entry (forgotten or re-recorded id) that is not yet due waits for its tick or for an overflow.
	 */
	private evictExpired(nowTick: number): void {
		while (this.head < this.orderTicks.length && this.orderTicks[this.head] <= nowTick) this.dropOldest();
	}

	private evictOverflow(): void {
		while (this.seen.size > this.options.maxEntries && this.head < this.orderKeys.length) this.dropOldest();
	}
}
