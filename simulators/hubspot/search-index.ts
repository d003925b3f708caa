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
 * (webhooks-hubspot.md §2.3). Each write records a version; search sees, per object, the newest version older
 * than `lagMs`. With lag 0 (the default) search sees every write at once.
 */
export class SearchIndex {
	lagMs = 0;
	private readonly versions = new Map<string, Version[]>();

	constructor(private readonly clock: Clock) {}

	record(key: string, object: IndexedObject | undefined): void {
		const list = this.versions.get(key) ?? [];
		list.push({ at: this.clock.now(), object: object && { ...object, properties: { ...object.properties } } });
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
