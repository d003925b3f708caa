/**
 * The contacts recent polls took, as id → lastmodifieddate (ms). Search's index trails writes (HubSpot's
 * search guide: changes "may take a few moments" to appear), so each poll looks back over the overlap for changes that
 * showed up late; this is how it tells those from the ones it already gave: the same id at the same modification
 * time is the same change. Bounded: when it would grow past `max`, the oldest times are forgotten whole and
 * `coveredFromMs` moves up, so the look-back never reaches below what is remembered (no repeats; in a burst
 * the look-back is shorter).
 */
export class RecentlyTaken {
	private readonly taken: Map<string, number>;

	constructor(
		entries: Record<string, number>,
		public coveredFromMs: number,
	) {
		this.taken = new Map(Object.entries(entries));
	}

	has(id: string, modifiedMs: number): boolean {
		return this.taken.get(id) === modifiedMs;
	}

	add(id: string, modifiedMs: number): void {
		this.taken.set(id, modifiedMs);
	}

	get size(): number {
		return this.taken.size;
	}

	/** Forgets changes older than the next look-back can reach (`horizonMs`), then the oldest beyond `max`. */
	prune(horizonMs: number, max: number): void {
		for (const [id, ms] of this.taken) if (ms < horizonMs) this.taken.delete(id);
		this.coveredFromMs = Math.max(this.coveredFromMs, horizonMs);
		if (this.taken.size <= max) return;
		const newestFirst = [...this.taken.values()].sort((a, b) => b - a);
		// Everything at or before the first time that does not fit goes, so each remembered time stays complete.
		const boundary = newestFirst[max];
		for (const [id, ms] of this.taken) if (ms <= boundary) this.taken.delete(id);
		this.coveredFromMs = Math.max(this.coveredFromMs, boundary + 1);
	}

	toJSON(): Record<string, number> {
		return Object.fromEntries(this.taken);
	}
}
