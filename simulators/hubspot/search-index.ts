import type { Clock } from '../common/clock';
import type { CrmObject } from './store';

/** What search sees of one object at a moment: a copy of it then, or undefined while it did not exist. */
export type IndexedObject = CrmObject;

interface Version {
	at: number;
	object?: IndexedObject;
}

/**
 * Search reads an index that trails writes: "newly created or updated objects may take a few moments to appear"
 * (HubSpot's search guide). Each write records a version; search sees, per object, the newest version older
 * than `lagMs`. With lag 0 (the default) search sees every write at once.
 */
export class SearchIndex {
	lagMs = 0;
	private readonly versions = new Map<string, Version[]>();
	/** Extra lag for single objects (key → ms): the index does not catch up with every write equally fast. */
	private readonly slow = new Map<string, number>();

	constructor(private readonly clock: Clock) {}

	/**
	 * Writes to this object from now on reach search `extraMs` later than others (0 clears it): an older change can
	 * then appear after a newer one — what a poller's overlap is for. **Inferred**: the guide only says "may take a
	 * few moments", not that the delay is the same for every object.
	 */
	slowDown(key: string, extraMs: number): void {
		if (extraMs > 0) this.slow.set(key, extraMs);
		else this.slow.delete(key);
	}

	record(key: string, object: IndexedObject | undefined): void {
		const list = this.versions.get(key) ?? [];
		// visible() walks versions in write order, so a later write never shows before an earlier slow one.
		const at = this.clock.now() + (this.slow.get(key) ?? 0);
		list.push({ at, object: object && { ...object, properties: { ...object.properties } } });
		this.versions.set(key, list);
	}

	/** The objects of one type as search sees them now. */
	visible(prefix: string): IndexedObject[] {
		const cutoff = this.clock.now() - this.lagMs;
		const out: IndexedObject[] = [];
		for (const [key, list] of this.versions) {
			if (!key.startsWith(prefix)) continue;
			// Drop versions superseded before the cutoff, so the history stays short.
			while (list.length > 1 && list[1].at <= cutoff) list.shift();
			const seen = list[0].at <= cutoff ? list[0].object : undefined;
			if (seen && !seen.archived) out.push(seen);
		}
		return out;
	}
}
