/** Up to this many keys live in an array; past it, in a Set. */
const SMALL = 16;

/**
 * The ids a process has in flight (claimed, not yet answered): a handful at a time, added and removed on every
 * delivery. A JavaScript Set used that way reallocates its table each time it empties (V8 shrinks a hash table
 * that falls below a quarter full): 0.2–0.5 µs per delivery, up to a tenth of the Kirim Trigger's verify + dedupe
 * path (bench/verify-dedupe.bench.ts). So the keys are kept in a small array, scanned, and only a burst of more
 * than SMALL moves them to a Set (back to the array once it empties), so lookups stay cheap under load too.
 */
export class FewKeys {
	private list: string[] = [];
	private many: Set<string> | undefined;

	get size(): number {
		return this.many ? this.many.size : this.list.length;
	}

	has(key: string): boolean {
		return this.many ? this.many.has(key) : this.list.includes(key);
	}

	add(key: string): void {
		if (this.many) {
			this.many.add(key);
		} else if (!this.list.includes(key)) {
			if (this.list.length < SMALL) {
				this.list.push(key);
			} else {
				this.many = new Set(this.list).add(key);
				this.list = [];
			}
		}
	}

	/** True if `key` was there. */
	delete(key: string): boolean {
		if (this.many) {
			const found = this.many.delete(key);
			if (this.many.size === 0) this.many = undefined;
			return found;
		}
		const at = this.list.indexOf(key);
		if (at === -1) return false;
		// Order does not matter: the last key takes the removed one's place.
		const last = this.list.pop() as string;
		if (at < this.list.length) this.list[at] = last;
		return true;
	}
}
