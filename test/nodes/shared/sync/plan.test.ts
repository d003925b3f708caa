import {
	mergeLaterFields,
	planWrite,
	sameValue,
	type MappedField,
	type PlanInput,
} from '../../../../nodes/shared/sync/plan';

const fields: MappedField[] = [
	{ target: 'firstname', value: 'Ana', source: 'name' },
	{ target: 'email', value: 'ana@example.com', source: 'email' },
	{ target: 'phone', value: '+628111222333', source: 'phone_number' },
];
const toCrm = (input: Partial<PlanInput>) => planWrite({ direction: 'to_crm', fields, isCreate: false, ...input });

describe('planWrite', () => {
	it('on create fills every mapped field, whoever owns it', () => {
		const plan = toCrm({ isCreate: true });
		expect(plan.properties).toEqual({ firstname: 'Ana', email: 'ana@example.com', phone: '+628111222333' });
		expect(plan.changes).toEqual([
			{ field: 'firstname', to: 'Ana' },
			{ field: 'email', to: 'ana@example.com' },
			{ field: 'phone', to: '+628111222333' },
		]);
		expect(plan.skippedOwned).toEqual([]);
	});

	it('on update skips and reports the fields the target side owns (HubSpot’s name and email)', () => {
		const plan = toCrm({});
		expect(plan.properties).toEqual({ phone: '+628111222333' });
		expect(plan.skippedOwned).toEqual(['firstname', 'email']);
	});

	it('from_crm on update skips Kirim’s phone number and writes the CRM’s name', () => {
		const plan = planWrite({
			direction: 'from_crm',
			isCreate: false,
			fields: [
				{ target: 'name', value: 'Ana Lim' },
				{ target: 'phone_number', value: '+628999' },
				{ target: 'metadata.tier', value: 'gold' },
			],
		});
		expect(plan.properties).toEqual({ name: 'Ana Lim', 'metadata.tier': 'gold' });
		expect(plan.skippedOwned).toEqual(['phone_number']);
	});

	it('fills a target-owned field that is empty on the target, and says what it was', () => {
		const plan = toCrm({ existing: { firstname: '', email: 'old@example.com', phone: '+628111222333' } });
		expect(plan.properties).toEqual({ firstname: 'Ana' });
		expect(plan.changes).toEqual([{ field: 'firstname', from: '', to: 'Ana' }]);
		expect(plan.skippedOwned).toEqual(['email']);
		expect(plan.unchanged).toEqual(['phone']);
	});

	it('a target-owned field missing from what was read counts as empty there', () => {
		expect(toCrm({ existing: { phone: null } }).properties).toEqual({
			firstname: 'Ana',
			email: 'ana@example.com',
			phone: '+628111222333',
		});
	});

	it('an ownership override moves a field to the other side', () => {
		const plan = toCrm({ ownership: { overrides: { firstname: 'kirim', phone: 'crm' } } });
		expect(plan.properties).toEqual({ firstname: 'Ana' });
		expect(plan.skippedOwned).toEqual(['email', 'phone']);
	});

	it('never sends an empty value: null, undefined, "" and empty lists do not clear', () => {
		const empty: MappedField[] = [
			{ target: 'phone', value: null },
			{ target: 'mobilephone', value: undefined },
			{ target: 'kirim_labels', value: [] },
			{ target: 'kirim_note', value: '   ', transforms: [{ type: 'trim' }] },
		];
		for (const isCreate of [true, false]) {
			const plan = planWrite({
				direction: 'to_crm',
				fields: empty,
				isCreate,
				existing: isCreate ? undefined : { phone: '+62811', mobilephone: '+62812' },
			});
			expect(plan.properties).toEqual({});
			expect(plan.changes).toEqual([]);
		}
	});

	it('clear sends the target’s clear value: "" for HubSpot by default, null for Kirim', () => {
		const plan = planWrite({
			direction: 'to_crm',
			fields: [{ target: 'mobilephone', value: null, clear: true }],
			isCreate: false,
			existing: { mobilephone: '+62812' },
		});
		expect(plan.properties).toEqual({ mobilephone: '' });
		expect(plan.changes).toEqual([{ field: 'mobilephone', from: '+62812', to: '' }]);
		const kirim = planWrite({
			direction: 'from_crm',
			fields: [{ target: 'email', value: '', clear: true }],
			isCreate: false,
			clearValue: null,
		});
		expect(kirim.properties).toEqual({ email: null });
	});

	it('clear does not clear a field the target owns on update, nor one already empty', () => {
		const plan = planWrite({
			direction: 'to_crm',
			fields: [
				{ target: 'email', value: '', clear: true },
				{ target: 'phone', value: '', clear: true },
			],
			isCreate: false,
			existing: { email: 'ana@example.com', phone: '' },
		});
		expect(plan.properties).toEqual({});
		expect(plan.skippedOwned).toEqual(['email']);
		expect(plan.unchanged).toEqual(['phone']);
	});

	it('writes only what the source says changed; a mapping without a source is always kept', () => {
		const plan = planWrite({
			direction: 'to_crm',
			fields: [...fields, { target: 'kirim_contact_id', value: 'ctc_1' }],
			isCreate: true,
			changedFields: ['email'],
		});
		expect(plan.properties).toEqual({ email: 'ana@example.com', kirim_contact_id: 'ctc_1' });
		expect(plan.notChanged).toEqual(['firstname', 'phone']);
	});

	it('changedFields match dotted names both ways (Kirim reports metadata as one field)', () => {
		const metadataFields: MappedField[] = [
			{ target: 'tier', value: 'gold', source: 'metadata.tier' },
			{ target: 'segment', value: 'b2b', source: 'metadata' },
			{ target: 'firstname', value: 'Ana', source: 'name' },
		];
		expect(
			Object.keys(
				planWrite({ direction: 'to_crm', fields: metadataFields, isCreate: true, changedFields: ['metadata'] })
					.properties,
			),
		).toEqual(['tier', 'segment']);
		expect(
			Object.keys(
				planWrite({ direction: 'to_crm', fields: metadataFields, isCreate: true, changedFields: ['metadata.tier'] })
					.properties,
			),
		).toEqual(['tier', 'segment']);
		expect(
			planWrite({ direction: 'to_crm', fields: metadataFields, isCreate: true, changedFields: ['metadata_x'] })
				.properties,
		).toEqual({});
	});

	it('drops only the field whose transform fails, and reports why', () => {
		const plan = toCrm({
			isCreate: true,
			fields: [
				...fields,
				{ target: 'closedate', value: 'someday', transforms: [{ type: 'dateFormat', format: 'hubspotDate' }] },
			],
		});
		expect(plan.rejected).toEqual([{ field: 'closedate', reason: expect.stringMatching(/^"someday" is not a date/) }]);
		expect(Object.keys(plan.properties)).toEqual(['firstname', 'email', 'phone']);
	});

	it('a field filtered out by changedFields is not reported as rejected', () => {
		const plan = planWrite({
			direction: 'to_crm',
			fields: [{ target: 'email', value: 'nope', source: 'email', transforms: [{ type: 'emailNormalise' }] }],
			isCreate: true,
			changedFields: ['name'],
		});
		expect(plan.rejected).toEqual([]);
		expect(plan.notChanged).toEqual(['email']);
	});

	it('skips a value equal to what the target holds, comparing as the target stores values', () => {
		const plan = planWrite({
			direction: 'to_crm',
			isCreate: false,
			fields: [
				{ target: 'kirim_score', value: 5 },
				{ target: 'kirim_vip', value: true },
				{ target: 'kirim_since', value: '2026-11-22', transforms: [{ type: 'dateFormat', format: 'hubspotDate' }] },
				{ target: 'kirim_meta', value: { b: 1, a: [1, 2] } },
				{ target: 'kirim_phone_e164', value: '+62811' },
				{ target: 'kirim_name', value: 'Ana' },
			],
			existing: {
				kirim_score: '5.0',
				kirim_vip: 'true',
				kirim_since: '2026-11-22',
				kirim_meta: { a: [1, 2], b: 1 },
				kirim_phone_e164: '62811',
				kirim_name: 'ana',
			},
		});
		expect(plan.unchanged).toEqual(['kirim_score', 'kirim_vip', 'kirim_since', 'kirim_meta']);
		expect(plan.properties).toEqual({ kirim_phone_e164: '+62811', kirim_name: 'Ana' });
	});

	it('compares a dotted Kirim target with the value inside the contact', () => {
		const plan = planWrite({
			direction: 'from_crm',
			isCreate: false,
			fields: [
				{ target: 'metadata.tier', value: 'gold' },
				{ target: 'metadata.segment', value: 'b2b' },
			],
			existing: { metadata: { tier: 'gold', segment: 'b2c' } },
		});
		expect(plan.unchanged).toEqual(['metadata.tier']);
		expect(plan.changes).toEqual([{ field: 'metadata.segment', from: 'b2c', to: 'b2b' }]);
	});

	it('writes system fields whoever owns them, still skipping them when unchanged', () => {
		const system: MappedField[] = [
			{ target: 'email', value: 'a@b.co' },
			{ target: 'kirim_contact_id', value: 'ctc_1' },
		];
		expect(
			planWrite({ direction: 'to_crm', fields: system, isCreate: false, alwaysWrite: ['email'] }).properties,
		).toEqual({ email: 'a@b.co', kirim_contact_id: 'ctc_1' });
		const unchanged = planWrite({
			direction: 'to_crm',
			fields: system,
			isCreate: false,
			alwaysWrite: ['email'],
			existing: { email: 'a@b.co', kirim_contact_id: 'x' },
		});
		expect(unchanged.properties).toEqual({ kirim_contact_id: 'ctc_1' });
		expect(unchanged.unchanged).toEqual(['email']);
	});

	it('two mappings to one field: the later is a fallback for an empty earlier one', () => {
		const phone = (first: unknown, second: unknown): MappedField[] => [
			{ target: 'phone', value: first },
			{ target: 'phone', value: second },
		];
		expect(planWrite({ direction: 'to_crm', fields: phone(null, '+62811'), isCreate: true }).properties).toEqual({
			phone: '+62811',
		});
		expect(planWrite({ direction: 'to_crm', fields: phone('+62811', ''), isCreate: true }).properties).toEqual({
			phone: '+62811',
		});
		expect(planWrite({ direction: 'to_crm', fields: phone('+62811', '+62811'), isCreate: true }).properties).toEqual({
			phone: '+62811',
		});
		const rejectedFirst: MappedField[] = [
			{ target: 'email', value: 'nope', transforms: [{ type: 'emailNormalise' }] },
			{ target: 'email', value: 'a@b.co' },
		];
		expect(planWrite({ direction: 'to_crm', fields: rejectedFirst, isCreate: true }).properties).toEqual({
			email: 'a@b.co',
		});
	});

	it('two mappings that both give a value are an error naming the field', () => {
		expect(() =>
			planWrite({
				direction: 'to_crm',
				fields: [
					{ target: 'phone', value: '+62811' },
					{ target: 'phone', value: '+62822' },
				],
				isCreate: true,
			}),
		).toThrow('Two mappings write the field "phone" ("+62811" and "+62822")');
	});
});

describe('sameValue', () => {
	it.each([
		[null, ''],
		[undefined, null],
		[[], null],
		[{}, ''],
		[5, '5'],
		[5, '5.00'],
		[1.5, '1.5'],
		[true, 'true'],
		['x', 'x'],
		[Date.UTC(2026, 10, 22), '2026-11-22'],
		['2026-11-22T00:00:00.000Z', '2026-11-22T07:00:00+07:00'],
		[
			{ a: 1, b: [1, { c: 2 }] },
			{ b: [1, { c: 2 }], a: 1 },
		],
		[new Date(Date.UTC(2026, 10, 22)), '2026-11-22T00:00:00Z'],
	])('%j equals %j', (a, b) => {
		expect(sameValue(a, b)).toBe(true);
		expect(sameValue(b, a)).toBe(true);
	});

	it.each([
		[null, '0'],
		['', 'x'],
		[5, '6'],
		[5, '+5'],
		['+62811', '62811'],
		['0812', '812'],
		['Ana', 'ana'],
		[false, 'true'],
		[{ a: 1 }, { a: 2 }],
		[
			[1, 2],
			[2, 1],
		],
		[{ a: 1 }, '[object Object]'],
		['2026-11-22', 'x2026-11-22'],
		[Date.UTC(2026, 10, 22), '2026-11-23'],
	])('%j differs from %j', (a, b) => {
		expect(sameValue(a, b)).toBe(false);
		expect(sameValue(b, a)).toBe(false);
	});
});

describe('mergeLaterFields (several items for one record)', () => {
	test('a later value wins, a later empty value keeps the earlier one, a later clear wins, order of first mention', () => {
		const merged = mergeLaterFields(
			[
				{ target: 'firstname', value: 'Ana' },
				{ target: 'phone', value: '+6281' },
				{ target: 'email', value: 'a@example.com' },
			],
			[
				{ target: 'phone', value: '' },
				{ target: 'email', value: undefined, clear: true },
				{ target: 'firstname', value: 'Anna' },
				{ target: 'city', value: null },
			],
		);
		expect(merged).toEqual([
			{ target: 'firstname', value: 'Anna' },
			{ target: 'phone', value: '+6281' },
			{ target: 'email', value: undefined, clear: true },
			{ target: 'city', value: null },
		]);
	});
});
