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

const NOV_22 = Date.UTC(2026, 10, 22);

describe('transforms (trim, case, default, split name, date format, value map, E.164 and email)', () => {
	it.each([
		[' john ', [{ type: 'trim' }], 'john'],
		['JOHN', [{ type: 'lowercase' }], 'john'],
		['john', [{ type: 'uppercase' }], 'JOHN'],
		[42, [{ type: 'trim' }], '42'],
		[' Ana@Example.COM ', [{ type: 'emailNormalise' }], 'ana@example.com'],
		['a.b+tag@mail.example.co.id', [{ type: 'emailNormalise' }], 'a.b+tag@mail.example.co.id'],
		[null, [{ type: 'defaultIfEmpty', value: 'Unknown' }], 'Unknown'],
		['', [{ type: 'defaultIfEmpty', value: 'Unknown' }], 'Unknown'],
		[undefined, [{ type: 'defaultIfEmpty', value: 'Unknown' }], 'Unknown'],
		['Set', [{ type: 'defaultIfEmpty', value: 'Unknown' }], 'Set'],
		['John Doe', [{ type: 'splitName', part: 'first' }], 'John'],
		['John Doe', [{ type: 'splitName', part: 'last' }], 'Doe'],
		['  John   van der Berg ', [{ type: 'splitName', part: 'last' }], 'van der Berg'],
		['Ana', [{ type: 'splitName', part: 'first' }], 'Ana'],
		['Ana', [{ type: 'splitName', part: 'last' }], ''],
		['2026-11-22T15:30:00Z', [{ type: 'dateFormat', format: 'date' }], '2026-11-22'],
		['2026-11-22T15:30:00+07:00', [{ type: 'dateFormat', format: 'datetime' }], '2026-11-22T08:30:00.000Z'],
		['2026-11-22 15:30:00', [{ type: 'dateFormat', format: 'datetime' }], '2026-11-22T15:30:00.000Z'],
		[NOV_22 / 1000, [{ type: 'dateFormat', format: 'datetime' }], '2026-11-22T00:00:00.000Z'],
		[String(NOV_22), [{ type: 'dateFormat', format: 'epochMs' }], NOV_22],
		[String(NOV_22 / 1000), [{ type: 'dateFormat', format: 'epochMs' }], NOV_22],
		['2026-11-22T15:30:00Z', [{ type: 'dateFormat', format: 'hubspotDate' }], NOV_22],
		[NOV_22 + 86_399_999, [{ type: 'dateFormat', format: 'hubspotDate' }], NOV_22],
		[new Date(NOV_22), [{ type: 'dateFormat', format: 'date' }], '2026-11-22'],
		['vip', [{ type: 'valueMap', table: [{ from: 'vip', to: 'Premium' }], otherwise: 'reject' }], 'Premium'],
		['basic', [{ type: 'valueMap', table: [{ from: 'vip', to: 'Premium' }], otherwise: 'keep' }], 'basic'],
		['basic', [{ type: 'valueMap', table: [], otherwise: 'default', default: 'Standard' }], 'Standard'],
		[1, [{ type: 'valueMap', table: [{ from: '1', to: 'one' }], otherwise: 'reject' }], 'one'],
		['+62 812-1111-2222', [{ type: 'e164' }], '+6281211112222'],
		['0062 812 1111 2222', [{ type: 'e164' }], '+6281211112222'],
		['0812 1111 2222', [{ type: 'e164', defaultCountryCode: '62' }], '+6281211112222'],
		['(0812) 1111-2222', [{ type: 'e164', defaultCountryCode: '+62' }], '+6281211112222'],
		['6281211112222', [{ type: 'e164', defaultCountryCode: '62' }], '+6281211112222'],
		['81211112222', [{ type: 'e164', defaultCountryCode: '62' }], '+6281211112222'],
		['+14155550123', [{ type: 'e164', defaultCountryCode: '62' }], '+14155550123'],
	] as Array<[unknown, TransformSpec[], unknown]>)('%j through %j → %j', (value, chain, expected) => {
		expect(ok(value, chain)).toEqual(expected);
	});

	it.each([
		['not-an-email', [{ type: 'emailNormalise' }], /^"not-an-email" is not an email address$/],
		['ana@example', [{ type: 'emailNormalise' }], /"ana@example" is not an email address/],
		['ana@@example.com', [{ type: 'emailNormalise' }], /is not an email address/],
		['yesterday-ish', [{ type: 'dateFormat', format: 'date' }], /^"yesterday-ish" is not a date/],
		['foo 12', [{ type: 'dateFormat', format: 'date' }], /"foo 12" is not a date/], // Date.parse would say 2001-12-01
		['2026-02-30', [{ type: 'dateFormat', format: 'date' }], /"2026-02-30" is not a date/], // Date.parse would say 2 March
		['2026-11-22T25:00:00Z', [{ type: 'dateFormat', format: 'datetime' }], /is not a date/],
		[1e20, [{ type: 'dateFormat', format: 'epochMs' }], /^100000000000000000000 is not a date/], // beyond Date's range
		[{ at: 'x' }, [{ type: 'dateFormat', format: 'date' }], /^\{"at":"x"\} is not a date/],
		[
			'gold',
			[{ type: 'valueMap', table: [{ from: 'vip', to: 'Premium' }], otherwise: 'reject' }],
			/^"gold" is not in the value map: expected one of "vip"$/,
		],
		['0812 1111 2222', [{ type: 'e164' }], /"0812 1111 2222" has no country code/],
		['call me', [{ type: 'e164', defaultCountryCode: '62' }], /"call me" contains letters/],
		[
			'0812',
			[{ type: 'e164', defaultCountryCode: '62' }],
			/"0812" with country code 62: "\+62812" is not a valid international number/,
		],
		['+0812111122', [{ type: 'e164' }], /not a valid international number/],
		[{ first: 'Ana' }, [{ type: 'uppercase' }], /is not text, so uppercase cannot apply to it/],
		[['a', 'b'], [{ type: 'trim' }], /^\["a","b"\] is not text/],
	] as Array<[unknown, TransformSpec[], RegExp]>)('rejects %j through %j, saying why', (value, chain, expected) => {
		expect(reason(value, chain)).toMatch(expected);
	});

	it('quotes a bad value shortened, so a reason never carries a whole document', () => {
		const long = `${'x'.repeat(500)}@nowhere`;
		expect(reason(long, [{ type: 'emailNormalise' }])).toBe(`"${'x'.repeat(40)}…" is not an email address`);
		const phone = reason('0'.repeat(300), [{ type: 'e164' }]);
		expect(phone.length).toBeLessThan(200);
		expect(phone).toContain('…');
	});

	it('leaves an empty value empty instead of failing on it', () => {
		const chain: TransformSpec[] = [
			{ type: 'emailNormalise' },
			{ type: 'e164' },
			{ type: 'dateFormat', format: 'date' },
			{ type: 'valueMap', table: [], otherwise: 'reject' },
		];
		expect(ok(null, chain)).toBeNull();
		expect(ok('', chain)).toBe('');
		expect(ok([], [{ type: 'defaultIfEmpty', value: 'none' }])).toBe('none');
	});

	it('runs the chain in the given order and stops at the first failure', () => {
		expect(ok('  Budi Santoso ', [{ type: 'trim' }, { type: 'splitName', part: 'last' }, { type: 'uppercase' }])).toBe(
			'SANTOSO',
		);
		expect(
			ok(' VIP ', [
				{ type: 'trim' },
				{ type: 'lowercase' },
				{ type: 'valueMap', table: [{ from: 'vip', to: 'Premium' }], otherwise: 'reject' },
			]),
		).toBe('Premium');
		expect(
			ok('gold', [
				{ type: 'valueMap', table: [], otherwise: 'default', default: '' },
				{ type: 'defaultIfEmpty', value: 'Standard' },
			]),
		).toBe('Standard');
		expect(reason('bad', [{ type: 'emailNormalise' }, { type: 'defaultIfEmpty', value: 'x' }])).toMatch(/email/);
		expect(ok('x', [])).toBe('x');
	});
});
