import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { TRANSFORM_ORDER } from './mapping-description';
import type { OwnershipRules, Side } from './ownership';
import type { MappedField } from './plan';
import { quoted, type TransformSpec, type TransformType } from './transforms';

type DateFormat = Extract<TransformSpec, { type: 'dateFormat' }>['format'];
const DATE_FORMATS: readonly DateFormat[] = ['date', 'datetime', 'epochMs', 'hubspotDate'];
const UNMATCHED = ['keep', 'reject', 'default'] as const;

interface Where {
	ctx: IExecuteFunctions;
	itemIndex: number;
	/** 0-based position of the mapping in the collection. */
	mapping: number;
}

const fail = (where: Where, message: string) =>
	new NodeOperationError(where.ctx.getNode(), `Mapping ${where.mapping + 1}: ${message}`, {
		itemIndex: where.itemIndex,
	});

/** `from=to` lines; blank lines are ignored, the first = splits, a `from` given twice with two answers is an error. */
function valueMapTable(text: string, where: Where): Array<{ from: string; to: string }> {
	const table: Array<{ from: string; to: string; line: number }> = [];
	text.split(/\r?\n/).forEach((raw, n) => {
		const line = raw.trim();
		if (!line) return;
		const at = line.indexOf('=');
		if (at <= 0) throw fail(where, `value map line ${n + 1}, ${quoted(line)}, is not "from=to"`);
		const from = line.slice(0, at).trim();
		const to = line.slice(at + 1).trim();
		const earlier = table.find((row) => row.from === from);
		if (earlier && earlier.to !== to) {
			throw fail(
				where,
				`value map line ${n + 1} maps ${quoted(from)} again (line ${earlier.line} maps it to ${quoted(earlier.to)})`,
			);
		}
		if (!earlier) table.push({ from, to, line: n + 1 });
	});
	return table.map(({ from, to }) => ({ from, to }));
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, where: Where, what: string): T {
	if (value === undefined || value === null || value === '') return fallback;
	if ((allowed as readonly unknown[]).includes(value)) return value as T;
	throw fail(where, `${quoted(value)} is not a ${what} (one of ${allowed.join(', ')})`);
}

function transformsOf(row: IDataObject, where: Where): TransformSpec[] {
	const picked = new Set(((row.transforms as unknown[] | undefined) ?? []).map(String));
	for (const type of picked) {
		if (!(TRANSFORM_ORDER as readonly string[]).includes(type)) throw fail(where, `${quoted(type)} is not a transform`);
	}
	const specs: TransformSpec[] = [];
	for (const type of TRANSFORM_ORDER.filter((t): t is TransformType => picked.has(t))) {
		switch (type) {
			case 'defaultIfEmpty':
				specs.push({ type, value: String(row.defaultValue ?? '') });
				break;
			case 'splitName':
				specs.push({ type, part: oneOf(row.namePart, ['first', 'last'], 'first', where, 'name part') });
				break;
			case 'dateFormat':
				specs.push({ type, format: oneOf(row.dateFormat, DATE_FORMATS, 'date', where, 'date format') });
				break;
			case 'e164':
				specs.push({ type, defaultCountryCode: String(row.countryCode ?? '') });
				break;
			case 'valueMap':
				specs.push({
					type,
					table: valueMapTable(String(row.valueMap ?? ''), where),
					otherwise: oneOf(row.unmatched, UNMATCHED, 'keep', where, 'choice for values not in the map'),
					default: String(row.valueMapDefault ?? ''),
				});
				break;
			default:
				specs.push({ type });
		}
	}
	return specs;
}

/**
 * The node's Field Mappings and Field Ownership Overrides (mapping-description.ts) for one item, as the sync
 * rules take them. Transforms come out in TRANSFORM_ORDER. A malformed mapping throws a NodeOperationError
 * for this item that names the mapping (and the value map line). `rawValues`: the mappings as written, their
 * expressions not evaluated (Reconcile evaluates them against records it fetched, record-values.ts).
 */
export function readMappings(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: { rawValues?: boolean } = {},
): { fields: MappedField[]; ownership: OwnershipRules } {
	const raw = options.rawValues ? { rawExpressions: true } : undefined;
	const rows = (ctx.getNodeParameter('fieldMappings.mapping', itemIndex, [], raw) as IDataObject[] | undefined) ?? [];
	const fields = rows.map((row, mapping): MappedField => {
		const where = { ctx, itemIndex, mapping };
		const target = String(row.target ?? '').trim();
		if (!target) throw fail(where, 'no target field');
		const source = String(row.source ?? '').trim();
		return {
			target,
			value: row.value,
			transforms: transformsOf(row, where),
			clear: row.clear === true,
			...(source ? { source } : {}),
		};
	});
	const overrides: Record<string, Side> = {};
	for (const rule of (ctx.getNodeParameter('fieldOwnership.rule', itemIndex, []) as IDataObject[] | undefined) ?? []) {
		const field = String(rule.field ?? '').trim();
		if (field) overrides[field] = rule.owner === 'kirim' ? 'kirim' : 'crm';
	}
	return { fields, ownership: { overrides } };
}
