import { startSim, uniqueProperty } from './helpers';

let ctx: Awaited<ReturnType<typeof startSim>>;
beforeEach(async () => {
	ctx = await startSim();
	await uniqueProperty(ctx.call);
});
afterEach(() => ctx.sim.close());

const upsert = (inputs: unknown[]) => ctx.call('POST', '/crm/objects/2026-03/contacts/batch/upsert', { inputs });
const byKey = (id: string, properties: Record<string, unknown> = {}, trace?: string) => ({
	id,
	idProperty: 'kirim_contact_id',
	properties,
	...(trace ? { objectWriteTraceId: trace } : {}),
});

// On 2026-03 (as on v3) a partial failure is a 207; api-versions.test.ts covers 2026-09's 200 with errors[].
describe('HubSpot simulator: batch endpoints', () => {
	test('upsert by a unique property creates, then updates the same object, and says which (new)', async () => {
		const first = await upsert([byKey('ctc_A', { firstname: 'A' })]);
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			status: 'COMPLETE',
			results: [{ new: true, archived: false, properties: { firstname: 'A', kirim_contact_id: 'ctc_A' } }],
		});
		expect(first.body.results[0]).toEqual(
			expect.objectContaining({ id: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String) }),
		);
		const second = await upsert([byKey('ctc_A', { firstname: 'B' }), byKey('ctc_B', { firstname: 'C' })]);
		expect(second.body.results.map((r: any) => [r.properties.kirim_contact_id, r.new])).toEqual([
			['ctc_A', false],
			['ctc_B', true],
		]);
		expect(second.body.results[0].id).toBe(first.body.results[0].id);
		expect(ctx.sim.store.objects.contacts.size).toBe(2);
	});

	test('a value error fails only its input: 207, numErrors, the error context names its objectWriteTraceId', async () => {
		const r = await upsert([
			byKey('ctc_1', { email: 'ok@example.com' }, 'trace-1'),
			byKey('ctc_2', { email: 'not-an-email' }, 'trace-2'),
			byKey('ctc_3', { lifecyclestage: 'lead' }, 'trace-3'),
		]);
		expect(r.status).toBe(207);
		expect(r.body.results.map((x: any) => x.properties.kirim_contact_id)).toEqual(['ctc_1', 'ctc_3']);
		expect(r.body.numErrors).toBe(1);
		expect(r.body.errors[0]).toMatchObject({
			status: 'error',
			category: 'VALIDATION_ERROR',
			context: { objectWriteTraceId: ['trace-2'] },
		});
		expect(r.body.errors[0].errors[0].code).toBe('INVALID_EMAIL');
	});

	test('a unique value held by another object fails that input with CONFLICT, mapped by trace id', async () => {
		await ctx.call('POST', '/crm/objects/2026-03/contacts', { properties: { email: 'taken@example.com' } });
		const r = await upsert([byKey('ctc_1', { email: 'taken@example.com' }, 't1'), byKey('ctc_2', {}, 't2')]);
		expect(r.status).toBe(207);
		expect(r.body.errors[0]).toMatchObject({ category: 'CONFLICT', context: { objectWriteTraceId: ['t1'] } });
	});

	test('an unknown property rejects the whole batch with 400 PROPERTY_DOESNT_EXIST and writes nothing; splitting isolates it', async () => {
		const inputs = [
			byKey('ctc_1', { firstname: 'fine' }),
			byKey('ctc_2', { favourite_colour: 'x' }),
			byKey('ctc_3', { firstname: 'fine' }),
		];
		const whole = await upsert(inputs);
		expect(whole.status).toBe(400);
		expect(whole.body.errors[0]).toMatchObject({ code: 'PROPERTY_DOESNT_EXIST', in: 'inputs[1].properties' });
		expect(ctx.sim.store.objects.contacts.size).toBe(0);
		const halves = [await upsert(inputs.slice(0, 1)), await upsert(inputs.slice(1, 2)), await upsert(inputs.slice(2))];
		expect(halves.map((h) => h.status)).toEqual([200, 400, 200]);
	});

	test('every batch endpoint refuses more than 100 inputs with 400 (100 is fine)', async () => {
		const inputs = (n: number) => Array.from({ length: n }, (_, i) => ({ ...byKey(`c${i}`), id: `c${i}` }));
		for (const op of ['upsert', 'create', 'update', 'read']) {
			const r = await ctx.call('POST', `/crm/objects/2026-03/contacts/batch/${op}`, { inputs: inputs(101) });
			expect([op, r.status, r.body.errors[0].code]).toEqual([op, 400, 'TOO_MANY_INPUTS']);
		}
		expect((await upsert(inputs(100))).status).toBe(200);
	});

	test('idProperty must be email or a unique-value property; duplicate ids in one batch are a 400', async () => {
		expect((await upsert([{ id: 'x', idProperty: 'firstname', properties: {} }])).body.errors[0].code).toBe(
			'INVALID_ID_PROPERTY',
		);
		expect((await upsert([{ id: 'x', idProperty: 'nope', properties: {} }])).body.errors[0].code).toBe(
			'PROPERTY_DOESNT_EXIST',
		);
		const dup = await upsert([byKey('same'), byKey('same')]);
		expect(dup.status).toBe(400);
		expect(dup.body.errors[0].code).toBe('DUPLICATE_IDS');
	});

	test('upsert by email works, but is all-or-nothing: one bad input fails the whole batch (no partial upsert)', async () => {
		const ok = await upsert([{ id: 'a@example.com', idProperty: 'email', properties: { firstname: 'A' } }]);
		expect(ok.body.results[0]).toMatchObject({ new: true, properties: { email: 'a@example.com', firstname: 'A' } });
		const mixed = await upsert([
			{ id: 'a@example.com', idProperty: 'email', properties: { firstname: 'A2' }, objectWriteTraceId: 'e1' },
			{
				id: 'b@example.com',
				idProperty: 'email',
				properties: { lifecyclestage: 'nonsense' },
				objectWriteTraceId: 'e2',
			},
		]);
		expect(mixed.status).toBe(400);
		expect(mixed.body.errors[0].context.objectWriteTraceId).toEqual(['e2']);
		expect(ctx.sim.store.findBy('contacts', 'email', 'a@example.com')?.properties.firstname).toBe('A');
	});

	test('batch read by id or unique property; unknown ids are listed in one 207 error', async () => {
		const { body } = await upsert([byKey('r1', { firstname: 'R1' }), byKey('r2', { firstname: 'R2' })]);
		const byId = await ctx.call('POST', '/crm/objects/2026-03/contacts/batch/read', {
			inputs: [{ id: body.results[0].id }],
			properties: ['firstname'],
		});
		expect(byId.status).toBe(200);
		expect(byId.body.results[0].properties).toEqual({ firstname: 'R1' });
		const mixed = await ctx.call('POST', '/crm/objects/2026-03/contacts/batch/read', {
			idProperty: 'kirim_contact_id',
			inputs: [{ id: 'r2' }, { id: 'nope1' }, { id: 'nope2' }],
			properties: ['firstname'],
		});
		expect(mixed.status).toBe(207);
		expect(mixed.body.results).toHaveLength(1);
		expect(mixed.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['nope1', 'nope2'] } });
	});

	test('batch create: 207 per input when every input has a distinct objectWriteTraceId, else the whole request fails (409 for a duplicate email)', async () => {
		await ctx.call('POST', '/crm/objects/2026-03/contacts', { properties: { email: 'taken@example.com' } });
		const traced = await ctx.call('POST', '/crm/objects/2026-03/contacts/batch/create', {
			inputs: [
				{ properties: { email: 'new@example.com' }, objectWriteTraceId: 'c1' },
				{ properties: { email: 'taken@example.com' }, objectWriteTraceId: 'c2' },
			],
		});
		expect(traced.status).toBe(207);
		expect(traced.body.errors[0]).toMatchObject({ category: 'CONFLICT', context: { objectWriteTraceId: ['c2'] } });
		const untraced = await ctx.call('POST', '/crm/objects/2026-03/contacts/batch/create', {
			inputs: [{ properties: { email: 'other@example.com' } }, { properties: { email: 'taken@example.com' } }],
		});
		expect(untraced.status).toBe(409);
		expect(untraced.body.message).toMatch(/^Contact already exists\. Existing ID: \d+/);
		expect(ctx.sim.store.findBy('contacts', 'email', 'other@example.com')).toBeUndefined();
	});

	test('batch update: writes by id, unknown ids fail per input (207)', async () => {
		const { body } = await upsert([byKey('u1', { firstname: 'U' })]);
		const r = await ctx.call('POST', '/crm/objects/2026-03/contacts/batch/update', {
			inputs: [
				{ id: body.results[0].id, properties: { firstname: 'U2' } },
				{ id: '424242', properties: { firstname: 'X' }, objectWriteTraceId: 'missing' },
			],
		});
		expect(r.status).toBe(207);
		expect(r.body.results[0].properties.firstname).toBe('U2');
		expect(r.body.errors[0].context.objectWriteTraceId).toEqual(['missing']);
	});
});
