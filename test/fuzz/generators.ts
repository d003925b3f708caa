import { rng } from '../../testkit/random';

export { rng };

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
