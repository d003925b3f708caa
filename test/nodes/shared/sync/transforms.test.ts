import { applyTransforms, type TransformSpec } from '../../../../nodes/shared/sync/transforms';

const ok = (value: unknown, chain: TransformSpec[]) => {
	const result = applyTransforms(value, chain);
	if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
	return result.value;
};
const reason = (value: unknown, chain: TransformSpec[]) => {
	const result = applyTransforms(value, chain);
	if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.value)}`);
	return result.reason;
};

describe('transforms (seed 004 plus E.164 and email)', () => {
	it.each([
		[' john ', [{ type: 'trim' }], 'john'],
		['JOHN', [{ type: 'lowercase' }], 'john'],
		['john', [{ type: 'uppercase' }], 'JOHN'],
		[' Ana@Example.COM ', [{ type: 'emailNormalise' }], 'ana@example.com'],
		[null, [{ type: 'defaultIfEmpty', value: 'Unknown' }], 'Unknown'],
		['', [{ type: 'defaultIfEmpty', value: 'Unknown' }], 'Unknown'],
		['Set', [{ type: 'defaultIfEmpty', value: 'Unknown' }], 'Set'],
		['John  Doe', [{ type: 'splitName', part: 'first' }], 'John'],
		['John van der Berg', [{ type: 'splitName', part: 'last' }], 'van der Berg'],
		['Ana', [{ type: 'splitName', part: 'last' }], ''],
		['2026-11-22T15:30:00Z', [{ type: 'dateFormat', format: 'date' }], '2026-11-22'],
		[1795305600, [{ type: 'dateFormat', format: 'datetime' }], '2026-11-22T00:00:00.000Z'],
		['1795305600000', [{ type: 'dateFormat', format: 'epochMs' }], 1795305600000],
		['2026-11-22T15:30:00Z', [{ type: 'dateFormat', format: 'hubspotDate' }], Date.UTC(2026, 10, 22)],
		['vip', [{ type: 'valueMap', table: [{ from: 'vip', to: 'Premium' }], otherwise: 'reject' }], 'Premium'],
		['basic', [{ type: 'valueMap', table: [{ from: 'vip', to: 'Premium' }], otherwise: 'keep' }], 'basic'],
		['basic', [{ type: 'valueMap', table: [], otherwise: 'default', default: 'Standard' }], 'Standard'],
		['+62 812-1111-2222', [{ type: 'e164' }], '+6281211112222'],
		['0812 1111 2222', [{ type: 'e164', defaultCountryCode: '62' }], '+6281211112222'],
	] as Array<[unknown, TransformSpec[], unknown]>)('%j through %j → %j', (value, chain, expected) => {
		expect(ok(value, chain)).toEqual(expected);
	});

	it('rejects what cannot be transformed, quoting the value', () => {
		expect(reason('not-an-email', [{ type: 'emailNormalise' }])).toMatch(/"not-an-email" is not an email address/);
		expect(reason('yesterday-ish', [{ type: 'dateFormat', format: 'date' }])).toMatch(/"yesterday-ish" is not a date/);
		expect(reason('gold', [{ type: 'valueMap', table: [], otherwise: 'reject' }])).toMatch(/"gold" is not in the value map/);
		expect(reason('0812 1111 2222', [{ type: 'e164' }])).toMatch(/no country code/);
		expect(reason('x'.repeat(200), [{ type: 'emailNormalise' }]).length).toBeLessThan(100);
	});

	it('leaves an empty value empty instead of failing on it', () => {
		expect(ok(null, [{ type: 'emailNormalise' }, { type: 'e164' }, { type: 'dateFormat', format: 'date' }])).toBeNull();
	});

	it('runs the chain in order and stops at the first failure', () => {
		expect(ok('  Budi Santoso ', [{ type: 'trim' }, { type: 'splitName', part: 'last' }, { type: 'uppercase' }])).toBe('SANTOSO');
		expect(reason('bad', [{ type: 'emailNormalise' }, { type: 'defaultIfEmpty', value: 'x' }])).toMatch(/email/);
	});
});
