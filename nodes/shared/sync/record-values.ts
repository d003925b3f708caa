/**
 * Mapping values read from a record the node fetched itself (Reconcile walks Kirim contacts; they are not input
 * items, so n8n cannot evaluate `$json` against them). The mapping is read unevaluated and understood here, for a
 * small, exact subset: a plain value is a constant; `{{ $json.<path> }}` reads the record, with `.key`, `?.key`,
 * `['key']`, and `??` fallbacks to another path or a quoted text. `$json.data.contact.<path>` (how the Upsert
 * reads a Kirim Trigger event) reads the same record, so one mapping serves both operations. Anything else is
 * refused with a message, never guessed.
 */

export type ValueSource =
	| { kind: 'constant'; value: unknown }
	/** Tried in order; the first that is neither undefined nor null is the value. A text fallback ends the chain. */
	| { kind: 'paths'; paths: string[][]; fallback?: string };

export interface RecordValue {
	value: unknown;
	/** The dotted path the value came from (or would have: the first one when none had a value); absent for a constant. */
	path?: string;
}

const IDENT = /^\s*(\?\.|\.)\s*([A-Za-z_$][\w$]*)/;
const BRACKET = /^\s*(?:\?\.)?\s*\[\s*(['"])((?:(?!\1)[^\\])*)\1\s*\]/;
const QUOTED = /^\s*(['"])((?:(?!\1)[^\\])*)\1\s*$/;
/** A Kirim Trigger event carries the contact under data.contact; the walked record is that contact. */
const EVENT_PREFIX = ['data', 'contact'];

function parsePath(text: string): string[] | undefined {
	let rest = text.trim();
	if (!rest.startsWith('$json')) return undefined;
	rest = rest.slice('$json'.length);
	const path: string[] = [];
	while (rest.trim()) {
		const ident = IDENT.exec(rest);
		const bracket = ident ? undefined : BRACKET.exec(rest);
		const match = ident ?? bracket;
		if (!match) return undefined;
		path.push(ident ? ident[2] : bracket![2]);
		rest = rest.slice(match[0].length);
	}
	const event = EVENT_PREFIX.every((part, i) => path[i] === part);
	return event && path.length > EVENT_PREFIX.length ? path.slice(EVENT_PREFIX.length) : path;
}

/** The mapping's raw value as a source, or why Reconcile cannot read it. */
export function parseMappingValue(raw: unknown): ValueSource | { error: string } {
	if (typeof raw !== 'string' || !raw.startsWith('=')) return { kind: 'constant', value: raw };
	const expression = /^=\s*\{\{([\s\S]*)\}\}\s*$/.exec(raw);
	const refuse = {
		error: `Reconcile reads each Kirim contact itself, so a mapping value must be a constant or {{ $json.<field> }} (with ?. and ?? between fields); "${raw.slice(0, 80)}" is neither`,
	};
	if (!expression || expression[1].includes('{{')) return refuse;
	const parts = expression[1].split('??');
	const paths: string[][] = [];
	let fallback: string | undefined;
	for (const [i, part] of parts.entries()) {
		const quoted = QUOTED.exec(part);
		if (quoted && i === parts.length - 1 && i > 0) {
			fallback = quoted[2];
			continue;
		}
		const path = parsePath(part);
		if (!path || !path.length) return refuse;
		paths.push(path);
	}
	return { kind: 'paths', paths, ...(fallback !== undefined ? { fallback } : {}) };
}

function at(record: unknown, path: string[]): unknown {
	let value = record;
	for (const part of path) {
		if (value === null || value === undefined || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

/** The value a source gives for one record. */
export function valueFrom(record: Record<string, unknown>, source: ValueSource): RecordValue {
	if (source.kind === 'constant') return { value: source.value };
	for (const path of source.paths) {
		const value = at(record, path);
		if (value !== undefined && value !== null) return { value, path: path.join('.') };
	}
	return { value: source.fallback ?? null, path: source.paths[0].join('.') };
}
