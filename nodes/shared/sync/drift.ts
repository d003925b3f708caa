import { ownerOf, type OwnershipRules, type Side } from './ownership';
import { valueAtPath } from './path';
import { planWrite, resolveFields, sameValue, type MappedField, type ResolvedField } from './plan';
import { applyTransforms, isEmptyValue, type TransformSpec } from './transforms';

/** A mapped field that knows which Kirim field its value came from (record-values.ts); none for a constant. */
export interface SourcedField extends MappedField {
	path?: string;
}

export interface FieldDrift {
	/** The HubSpot property. */
	field: string;
	owner: Side;
	/** Kirim's value as the sync writes it to HubSpot (transformed); null when Kirim has none or it was refused. */
	kirim: unknown;
	hubspot: unknown;
	repairIn: 'hubspot' | 'kirim';
	why: string;
	/** Kirim-side drift: the Kirim field a repair writes. */
	kirimField?: string;
	/** Kirim-side drift that no write can repair, and why (reported only). */
	notRepairable?: string;
}

export interface ContactDrift {
	/** Repaired in HubSpot: exactly what the sync rules write there (planWrite against HubSpot's values). */
	hubspot: FieldDrift[];
	hubspotWrite: Record<string, unknown>;
	/** Repaired in Kirim: values HubSpot owns that Kirim does not hold. */
	kirim: FieldDrift[];
	/** The Kirim write (name, email, metadata keys) that makes Kirim hold them; empty when none can. */
	kirimWrite: Record<string, unknown>;
}

const field = (value: unknown) => (value === undefined ? null : value);

/** Kirim's contact update takes name, email and metadata; metadata one key deep here. */
function writableKirimPath(path: string): boolean {
	return path === 'name' || path === 'email' || /^metadata\.[^.]+$/.test(path);
}

/** The value of a name part Kirim already holds: kept where HubSpot's part is empty. */
function ownPart(raw: unknown, part: 'first' | 'last'): string {
	const result = applyTransforms(raw, [{ type: 'trim' }, { type: 'splitName', part }]);
	return result.ok && typeof result.value === 'string' ? result.value : '';
}

const splitPart = (transforms: TransformSpec[] | undefined) =>
	transforms?.find((t): t is Extract<TransformSpec, { type: 'splitName' }> => t.type === 'splitName')?.part;

/**
 * What to write to one Kirim field so that the mappings reading it give HubSpot's values back: for a value map a
 * `from` that maps to it, else HubSpot's value itself, or for a name split in two the parts joined (a part
 * HubSpot has empty keeps Kirim's). A candidate is taken only if every mapping from that field, run forward,
 * gives HubSpot's value — so a repair never leaves drift for the next reconcile to find.
 */
function kirimValueFor(
	path: string,
	members: Array<[string, ResolvedField]>,
	drifts: FieldDrift[],
	hubspot: Record<string, unknown>,
	kirimContact: Record<string, unknown>,
	crmOwned: (target: string) => boolean,
): { value: unknown } | { reason: string } {
	let candidates: unknown[];
	if (members.some(([, m]) => splitPart(m.field.transforms))) {
		const raw = valueAtPath(kirimContact, path);
		const part = (which: 'first' | 'last') => {
			const member = members.find(
				([target, m]) => splitPart(m.field.transforms) === which && crmOwned(target) && !isEmptyValue(hubspot[target]),
			);
			return member ? String(hubspot[member[0]]).trim() : ownPart(raw, which);
		};
		candidates = [[part('first'), part('last')].filter(Boolean).join(' ')];
	} else {
		const wanted = drifts.map((d) => d.hubspot);
		if (wanted.some((v) => !sameValue(v, wanted[0])))
			return { reason: `two HubSpot properties mapped from ${path} hold different values` };
		const inverse = members.flatMap(([, m]) =>
			(m.field.transforms ?? []).flatMap((t) =>
				t.type === 'valueMap' ? t.table.filter((row) => sameValue(row.to, wanted[0])).map((row) => row.from) : [],
			),
		);
		// A value map's own `from` first: Kirim then holds a value of its own vocabulary, not HubSpot's.
		candidates = [...inverse, wanted[0]];
	}
	const givesHubSpotsValues = (candidate: unknown) =>
		members.every(([target, m]) => {
			if (!crmOwned(target) || isEmptyValue(hubspot[target])) return true;
			const forward = applyTransforms(candidate, m.field.transforms);
			return forward.ok && sameValue(forward.value, hubspot[target]);
		});
	const chosen = candidates.find(givesHubSpotsValues);
	return chosen === undefined
		? { reason: `the mapping's transforms cannot give HubSpot's value back from ${path}` }
		: { value: chosen };
}

/**
 * Drift between one Kirim contact and its HubSpot contact, by the sync rules (field ownership: only the owner's
 * value counts). A field Kirim owns that differs is repaired in HubSpot, and so is a field HubSpot has empty (the
 * sync fills an empty field whoever owns it); a field HubSpot owns and holds that Kirim does not is repaired in
 * Kirim. Throws when two mappings give one field two values (plan.ts): the caller fails only this contact.
 */
export function compareContact(
	fields: SourcedField[],
	hubspot: Record<string, unknown>,
	kirimContact: Record<string, unknown>,
	ownership?: OwnershipRules,
): ContactDrift {
	const owner = (target: string) => ownerOf(target, 'to_crm', ownership);
	const plan = planWrite({
		direction: 'to_crm',
		fields,
		isCreate: false,
		existing: hubspot,
		ownership,
		clearValue: '',
	});
	const drift: ContactDrift = { hubspot: [], hubspotWrite: plan.properties, kirim: [], kirimWrite: {} };
	for (const change of plan.changes) {
		const side = owner(change.field);
		drift.hubspot.push({
			field: change.field,
			owner: side,
			kirim: field(change.to),
			hubspot: field(change.from),
			repairIn: 'hubspot',
			why:
				side === 'kirim'
					? 'Kirim owns this field and HubSpot holds another value'
					: 'empty in HubSpot: the sync fills an empty field from Kirim, whoever owns it',
		});
	}
	const resolved = resolveFields(fields);
	const crmOwned = (target: string) => owner(target) === 'crm';
	const byPath = new Map<string | undefined, FieldDrift[]>();
	for (const [target, { field: mapping, result }] of resolved) {
		const held = hubspot[target];
		if (!crmOwned(target) || isEmptyValue(held) || (result.ok && sameValue(result.value, held))) continue;
		const entry: FieldDrift = {
			field: target,
			owner: 'crm',
			kirim: result.ok ? field(result.value) : null,
			hubspot: held,
			repairIn: 'kirim',
			why: result.ok
				? isEmptyValue(result.value)
					? 'HubSpot owns this field and Kirim has no value'
					: 'HubSpot owns this field and Kirim holds another value'
				: `HubSpot owns this field and Kirim's value was refused (${result.reason})`,
		};
		drift.kirim.push(entry);
		const path = (mapping as SourcedField).path;
		byPath.set(path, [...(byPath.get(path) ?? []), entry]);
	}
	for (const [path, drifts] of byPath) {
		let outcome: { value: unknown } | { reason: string };
		if (path === undefined) outcome = { reason: 'the mapping writes a constant, not a Kirim field' };
		else if (!writableKirimPath(path))
			outcome = { reason: `Kirim's contact update takes name, email and metadata.<key>, not ${path}` };
		else {
			const members = [...resolved].filter(([, m]) => (m.field as SourcedField).path === path);
			outcome = kirimValueFor(path, members, drifts, hubspot, kirimContact, crmOwned);
		}
		for (const entry of drifts) {
			if ('reason' in outcome) entry.notRepairable = outcome.reason;
			else entry.kirimField = path;
		}
		if (path === undefined || 'reason' in outcome) continue;
		if (path.startsWith('metadata.')) {
			drift.kirimWrite.metadata = {
				...((drift.kirimWrite.metadata as Record<string, unknown>) ?? {}),
				[path.slice('metadata.'.length)]: outcome.value,
			};
		} else drift.kirimWrite[path] = outcome.value;
	}
	return drift;
}

/** What creating the contact in HubSpot writes, field by field (a missing_in_crm finding). */
export function createFields(fields: SourcedField[], ownership?: OwnershipRules): FieldDrift[] {
	const plan = planWrite({ direction: 'to_crm', fields, isCreate: true, ownership, clearValue: '' });
	return plan.changes.map((change) => ({
		field: change.field,
		owner: ownerOf(change.field, 'to_crm', ownership),
		kirim: field(change.to),
		hubspot: null,
		repairIn: 'hubspot' as const,
		why: 'no HubSpot contact has this Kirim ID',
	}));
}
