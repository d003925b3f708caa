import { ownerOf, targetSide, type Direction, type OwnershipRules } from './ownership';
import { applyTransforms, isEmptyValue, type TransformResult, type TransformSpec } from './transforms';

export interface MappedField {
	target: string;
	value: unknown;
	transforms?: TransformSpec[];
	/** Send the target's "empty" when the value is empty (otherwise an empty value is never sent). */
	clear?: boolean;
	/** The source-side field name, matched against `changedFields`. */
	source?: string;
}

export interface PlanInput {
	direction: Direction;
	fields: MappedField[];
	/** The target record does not exist yet: every mapped field is filled. */
	isCreate: boolean;
	/** The target's current values, when the caller read them. */
	existing?: Record<string, unknown>;
	/** Source-side names of what changed; a field whose `source` is not among them is not written. */
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
	properties: Record<string, unknown>;
	changes: FieldChange[];
	skippedOwned: string[];
	rejected: Array<{ field: string; reason: string }>;
	unchanged: string[];
	notChanged: string[];
}

/** Equal as the target stores them: numbers, booleans and strings by text; null, undefined and '' alike. */
export function sameValue(a: unknown, b: unknown): boolean {
	if (isEmptyValue(a) || isEmptyValue(b)) return isEmptyValue(a) && isEmptyValue(b);
	return String(a) === String(b);
}

/** Two mappings to one target: the later fills in only if the earlier came out empty. */
function resolved(input: PlanInput): Map<string, { field: MappedField; result: TransformResult }> {
	const out = new Map<string, { field: MappedField; result: TransformResult }>();
	const filled = (r: TransformResult) => r.ok && !isEmptyValue(r.value);
	for (const field of input.fields) {
		const result = applyTransforms(field.value, field.transforms);
		const previous = out.get(field.target);
		if (previous && filled(previous.result)) {
			if (!filled(result)) continue;
			throw new Error(`Two mappings write the field "${field.target}": keep one, or make one of them empty`);
		}
		out.set(field.target, { field, result });
	}
	return out;
}

/**
 * What one record's write sends, by the sync rules of issue 7: transformed values, never an empty value unless
 * the mapping says clear, never a field the target side owns on update (unless the target's value is empty),
 * only what changed, and nothing equal to what the target already holds.
 */
export function planWrite(input: PlanInput): PlannedWrite {
	const plan: PlannedWrite = { properties: {}, changes: [], skippedOwned: [], rejected: [], unchanged: [], notChanged: [] };
	const clearValue = input.clearValue === undefined ? '' : input.clearValue;
	const system = new Set(input.alwaysWrite ?? []);
	const changed = input.changedFields ? new Set(input.changedFields) : undefined;
	for (const [target, { field, result }] of resolved(input)) {
		if (changed && field.source !== undefined && !changed.has(field.source)) {
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
		const current = input.existing?.[target];
		const ownedByTarget = !system.has(target) && ownerOf(target, input.direction, input.ownership) === targetSide(input.direction);
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
		plan.changes.push(input.existing ? { field: target, from: current ?? null, to: next } : { field: target, to: next });
	}
	return plan;
}
