import { ISO_DATE, parseDateMs } from './dates';
import { canonicalJson } from '../transport/idempotency';
import { ownerOf, targetSide, type Direction, type OwnershipRules } from './ownership';
import { valueAtPath } from './path';
import { applyTransforms, isEmptyValue, quoted, type TransformResult, type TransformSpec } from './transforms';

export interface MappedField {
	target: string;
	value: unknown;
	transforms?: TransformSpec[];
	/** Send the target's "empty" when the value is empty (otherwise an empty value is never sent). */
	clear?: boolean;
	/**
	 * The source-side field name, matched against `changedFields`; several when the value is made of several
	 * (a Kirim name from HubSpot's first and last name): a change to any of them counts.
	 */
	source?: string | string[];
}

/**
 * Two items' fields for one record (items naming the same contact or conversation become one write): a later field
 * wins where it gives a value or clears the target; an empty one keeps the earlier value. Order of first mention.
 */
export function mergeLaterFields<F extends MappedField>(earlier: F[], later: F[]): F[] {
	const byTarget = new Map(earlier.map((field) => [field.target, field]));
	for (const field of later) {
		const empty = field.value === undefined || field.value === null || field.value === '';
		if (!empty || field.clear || !byTarget.has(field.target)) byTarget.set(field.target, field);
	}
	return [...byTarget.values()];
}

/**
 * The sync stamp of one write made for several items: the latest triggering event's time, or undefined (the time of
 * the write) when any item has no event time. ISO times of one format compare as strings.
 */
export function mergedStamp(earlier: string | undefined, later: string | undefined): string | undefined {
	if (!earlier || !later) return undefined;
	return later > earlier ? later : earlier;
}

export interface PlanInput {
	direction: Direction;
	fields: MappedField[];
	/** The target record does not exist yet: every mapped field is filled. */
	isCreate: boolean;
	/**
	 * The target's current values, when the caller read them (undefined = not read). A field missing from it
	 * counts as empty there; `metadata.tier` is also looked up inside `metadata`.
	 */
	existing?: Record<string, unknown>;
	/**
	 * Source-side names of what changed (Kirim `changed_fields`, HubSpot `propertyName`); a field whose `source`
	 * is not among them is not written. Dotted names match their parent and children (`metadata` ↔ `metadata.tier`).
	 */
	changedFields?: string[];
	ownership?: OwnershipRules;
	/** How the target clears a field: HubSpot '' , Kirim null. */
	clearValue?: '' | null;
	/** System fields written whoever owns them (the Kirim id, the sync stamp). */
	alwaysWrite?: string[];
}

export interface FieldChange {
	field: string;
	from?: unknown;
	to: unknown;
}

export interface PlannedWrite {
	/** Exactly what to send, by target field name (dotted names are left for the caller to nest). */
	properties: Record<string, unknown>;
	/** One per sent field; `from` only when `existing` was given. */
	changes: FieldChange[];
	/** Owned by the target side on update, and set there: not written (reported). */
	skippedOwned: string[];
	/** A transform refused the value: only this field is dropped. */
	rejected: Array<{ field: string; reason: string }>;
	/** Equal to the target's value: not sent. */
	unchanged: string[];
	/** Its source is not among `changedFields`: not sent. */
	notChanged: string[];
}

const NUMERIC = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * Equal as the target stores them: HubSpot returns every property as text, so 5 equals "5" and "5.0", true
 * equals "true", and epoch ms equals the ISO date HubSpot shows for a date property; two ISO strings of one
 * instant are equal; null, undefined, '' (and an empty list or object) alike; objects by content.
 */
export function sameValue(a: unknown, b: unknown): boolean {
	if (isEmptyValue(a) || isEmptyValue(b)) return isEmptyValue(a) && isEmptyValue(b);
	if (a instanceof Date || b instanceof Date) return parseDateMs(a) !== undefined && parseDateMs(a) === parseDateMs(b);
	if (typeof a === 'object' || typeof b === 'object') return canonicalJson(a) === canonicalJson(b);
	if (typeof a === 'number' || typeof b === 'number') {
		const [num, other] = typeof a === 'number' ? [a, b] : [b as number, a];
		if (typeof other === 'number') return num === other;
		const text = String(other).trim();
		if (NUMERIC.test(text)) return Number(text) === num;
		if (ISO_DATE.test(text)) return parseDateMs(text) === num;
		return false;
	}
	const [x, y] = [String(a), String(b)];
	if (x === y) return true;
	return (
		ISO_DATE.test(x.trim()) &&
		ISO_DATE.test(y.trim()) &&
		parseDateMs(x) !== undefined &&
		parseDateMs(x) === parseDateMs(y)
	);
}

/** The target's current value of a field; `metadata.tier` is looked up inside `metadata` when not flat. */
function currentValue(existing: Record<string, unknown>, field: string): unknown {
	if (Object.prototype.hasOwnProperty.call(existing, field) || !field.includes('.')) return existing[field];
	return valueAtPath(existing, field);
}

/** Did a source field change? `metadata` covers `metadata.tier` and the other way round. */
/** Whether a plan with these changed fields would consider `field` at all (its source changed, or no list given). */
export function isInChangedFields(field: MappedField, changedFields: string[] | undefined): boolean {
	return !changedFields || field.source === undefined || touched(field.source, new Set(changedFields));
}

function touched(source: string | string[], changed: Set<string>): boolean {
	if (Array.isArray(source)) return source.some((one) => touched(one, changed));
	if (changed.has(source)) return true;
	for (const name of changed) if (name.startsWith(`${source}.`) || source.startsWith(`${name}.`)) return true;
	return false;
}

export interface ResolvedField {
	field: MappedField;
	result: TransformResult;
}

/**
 * The transformed value of each target field. Two mappings to one target: the later is a fallback, used only if
 * the earlier came out empty (or rejected). Two different values are ambiguous, so they are an error rather than
 * a silent pick (thrown: callers fail only the record it belongs to).
 */
export function resolveFields(fields: MappedField[]): Map<string, ResolvedField> {
	const out = new Map<string, ResolvedField>();
	const valueOf = (r: TransformResult) => (r.ok && !isEmptyValue(r.value) ? r.value : undefined);
	for (const field of fields) {
		const result = applyTransforms(field.value, field.transforms);
		const previous = out.get(field.target);
		const earlier = previous && valueOf(previous.result);
		if (earlier !== undefined) {
			const later = valueOf(result);
			if (later === undefined || sameValue(earlier, later)) continue;
			throw new Error(
				`Two mappings write the field "${field.target}" (${quoted(earlier)} and ${quoted(later)}): keep one mapping, or make the later one a fallback that is empty whenever the earlier has a value`,
			);
		}
		out.set(field.target, { field, result });
	}
	return out;
}

/**
 * What one record's write sends, by the sync rules: transformed values, never an empty value unless
 * the mapping says clear, never a field the target side owns on update (unless the target's value is empty),
 * only what changed, and nothing equal to what the target already holds.
 */
export function planWrite(input: PlanInput): PlannedWrite {
	const plan: PlannedWrite = {
		properties: {},
		changes: [],
		skippedOwned: [],
		rejected: [],
		unchanged: [],
		notChanged: [],
	};
	const clearValue = input.clearValue === undefined ? '' : input.clearValue;
	const system = new Set(input.alwaysWrite ?? []);
	const changed = input.changedFields ? new Set(input.changedFields) : undefined;
	for (const [target, { field, result }] of resolveFields(input.fields)) {
		if (changed && field.source !== undefined && !touched(field.source, changed)) {
			plan.notChanged.push(target);
			continue;
		}
		if (!result.ok) {
			plan.rejected.push({ field: target, reason: result.reason });
			continue;
		}
		const value = result.value;
		const empty = isEmptyValue(value);
		if (empty && !field.clear) continue;
		const current = input.existing ? currentValue(input.existing, target) : undefined;
		const ownedByTarget =
			!system.has(target) && ownerOf(target, input.direction, input.ownership) === targetSide(input.direction);
		if (ownedByTarget && !input.isCreate && !(input.existing && isEmptyValue(current))) {
			plan.skippedOwned.push(target);
			continue;
		}
		const next = empty ? clearValue : value;
		if (input.existing && sameValue(current, next)) {
			plan.unchanged.push(target);
			continue;
		}
		plan.properties[target] = next;
		plan.changes.push(
			input.existing ? { field: target, from: current ?? null, to: next } : { field: target, to: next },
		);
	}
	return plan;
}
