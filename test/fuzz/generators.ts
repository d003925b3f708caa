/** Deterministic pseudo-random generators for fuzzing (mulberry32), so a failing case can be replayed by seed. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(random: () => number, values: readonly T[]): T {
	return values[Math.floor(random() * values.length)];
}

const ALPHABET = 'abcdefABCDEF0123456789=,;:. tvx_-+/\u00e4\u0000\n\t"{}[]';

export function junk(random: () => number, maxLength: number): string {
	const length = Math.floor(random() * maxLength);
	let out = '';
	for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
	return out;
}

/** Flips one character of `value` (or appends one when empty). */
export function mutate(random: () => number, value: string): string {
	if (value.length === 0) return 'x';
	const at = Math.floor(random() * value.length);
	const replacement = ALPHABET[Math.floor(random() * ALPHABET.length)];
	return value.slice(0, at) + (replacement === value[at] ? 'Z' : replacement) + value.slice(at + 1);
}
