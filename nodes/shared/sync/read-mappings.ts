import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { TRANSFORM_ORDER } from './mapping-description';
import type { OwnershipRules, Side } from './ownership';
import type { MappedField } from './plan';
import type { TransformSpec } from './transforms';

function valueMapTable(ctx: IExecuteFunctions, text: string, itemIndex: number, mapping: number) {
	return text
		.split(/\r?\n/)
		.map((line, n) => ({ line: line.trim(), n }))
		.filter(({ line }) => line !== '')
		.map(({ line, n }) => {
			const at = line.indexOf('=');
			if (at <= 0) {
				throw new NodeOperationError(ctx.getNode(), `Value map of mapping ${mapping + 1}, line ${n + 1}: "${line.slice(0, 40)}" is not "from=to"`, {
					itemIndex,
				});
			}
			return { from: line.slice(0, at).trim(), to: line.slice(at + 1).trim() };
		});
}

function transformsOf(ctx: IExecuteFunctions, row: IDataObject, itemIndex: number, mapping: number): TransformSpec[] {
	const picked = new Set((row.transforms as string[] | undefined) ?? []);
	const specs: TransformSpec[] = [];
	for (const type of TRANSFORM_ORDER) {
		if (!picked.has(type)) continue;
		if (type === 'defaultIfEmpty') specs.push({ type, value: String(row.defaultValue ?? '') });
		else if (type === 'splitName') specs.push({ type, part: row.namePart === 'last' ? 'last' : 'first' });
		else if (type === 'dateFormat') specs.push({ type, format: (row.dateFormat as 'date') ?? 'date' });
		else if (type === 'e164') specs.push({ type, defaultCountryCode: String(row.countryCode ?? '') });
		else if (type === 'valueMap') {
			specs.push({
				type,
				table: valueMapTable(ctx, String(row.valueMap ?? ''), itemIndex, mapping),
				otherwise: (row.unmatched as 'keep') ?? 'keep',
				default: String(row.defaultValue ?? ''),
			});
		} else specs.push({ type });
	}
	return specs;
}

/** The node's mapping and ownership parameters for one item, as the sync rules take them. */
export function readMappings(ctx: IExecuteFunctions, itemIndex: number): { fields: MappedField[]; ownership: OwnershipRules } {
	const rows = ctx.getNodeParameter('fieldMappings.mapping', itemIndex, []) as IDataObject[];
	const fields = rows.map((row, n): MappedField => {
		const target = String(row.target ?? '').trim();
		if (!target) throw new NodeOperationError(ctx.getNode(), `Mapping ${n + 1} has no target field`, { itemIndex });
		const source = String(row.source ?? '').trim();
		return {
			target,
			value: row.value,
			transforms: transformsOf(ctx, row, itemIndex, n),
			clear: row.clear === true,
			...(source ? { source } : {}),
		};
	});
	const overrides: Record<string, Side> = {};
	for (const rule of ctx.getNodeParameter('fieldOwnership.rule', itemIndex, []) as IDataObject[]) {
		const field = String(rule.field ?? '').trim();
		if (field) overrides[field] = rule.owner === 'kirim' ? 'kirim' : 'crm';
	}
	return { fields, ownership: { overrides } };
}
