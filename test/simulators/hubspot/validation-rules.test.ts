import type { ValidationRule } from '../../../simulators/hubspot';
import { startSim, uniqueProperty } from './helpers';

// From 2026-09 HubSpot applies the portal's own validation rules to API writes; older versions do not. A batch
// with offending inputs is refused whole, or (configured) fails only those inputs.

const rules: ValidationRule[] = [
	{
		kind: 'conditionalRequired',
		objectType: 'contacts',
		property: 'jobtitle',
		when: { property: 'lifecyclestage', equals: 'customer' },
	},
	{ kind: 'requiredOnCreate', objectType: 'contacts', property: 'firstname' },
];
const input = (id: string, properties: Record<string, string>) => ({
	id,
	idProperty: 'kirim_contact_id',
	properties,
	objectWriteTraceId: `t-${id}`,
});
const batch = {
	inputs: [
		input('ctc_OK', { firstname: 'Ana', lifecyclestage: 'customer', jobtitle: 'CTO' }),
		input('ctc_NOJOB', { firstname: 'Budi', lifecyclestage: 'customer' }),
		input('ctc_NONAME', { lastname: 'Citra' }),
	],
};

describe('HubSpot simulator: portal validation rules', () => {
	let ctx: Awaited<ReturnType<typeof startSim>>;
	afterEach(() => ctx.sim.close());

	test('a single create that breaks a conditional rule is a 400 VALIDATION_ERROR naming the property, on 2026-09 only', async () => {
		ctx = await startSim({ validation: { rules } });
		const properties = { firstname: 'Budi', lifecyclestage: 'customer' };
		const refused = await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties });
		expect(refused.status).toBe(400);
		expect(refused.body).toMatchObject({
			category: 'VALIDATION_ERROR',
			message: 'The property values provided are invalid',
			errors: [
				{
					code: 'MISSING_CONDITIONAL_REQUIRED_PROPERTY',
					message: 'jobtitle is required because of a conditional property rule based on [lifecyclestage]',
					context: { propertyName: ['jobtitle'] },
				},
			],
		});
		expect((await ctx.call('POST', '/crm/objects/2026-03/contacts', { properties })).status).toBe(201);
	});

	test('a required-on-create property is required when creating, not when updating', async () => {
		ctx = await startSim({ validation: { rules } });
		const created = await ctx.call('POST', '/crm/objects/2026-03/contacts', { properties: { lastname: 'Citra' } });
		const update = await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${created.body.id}`, {
			properties: { lastname: 'Citra Dewi' },
		});
		expect(update.status).toBe(200);
		const create = await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { lastname: 'Dewi' } });
		expect(create.status).toBe(400);
		expect(create.body.errors[0]).toMatchObject({
			code: 'MISSING_REQUIRED_PROPERTY',
			context: { propertyName: ['firstname'] },
		});
	});

	test('by default a batch with an offending input is refused whole: 400, nothing written', async () => {
		ctx = await startSim({ validation: { rules } });
		await uniqueProperty(ctx.call);
		const r = await ctx.call('POST', '/crm/objects/2026-09/contacts/batch/upsert', batch);
		expect(r.status).toBe(400);
		expect(r.body.errors.map((e: { context: { propertyName: string[] } }) => e.context.propertyName[0])).toEqual([
			'jobtitle',
			'firstname',
		]);
		expect(ctx.sim.store.findBy('contacts', 'kirim_contact_id', 'ctc_OK')).toBeUndefined();
	});

	test("set to 'per-input', only the offending inputs fail, each named by its objectWriteTraceId", async () => {
		ctx = await startSim({ validation: { rules, batch: 'per-input' } });
		await uniqueProperty(ctx.call);
		const r = await ctx.call('POST', '/crm/objects/2026-09/contacts/batch/upsert', batch);
		expect(r.status).toBe(200);
		expect(r.body.numErrors).toBe(2);
		expect(
			r.body.errors.map((e: { category: string; context: { objectWriteTraceId: string[] } }) => [
				e.category,
				e.context.objectWriteTraceId[0],
			]),
		).toEqual([
			['VALIDATION_ERROR', 't-ctc_NOJOB'],
			['VALIDATION_ERROR', 't-ctc_NONAME'],
		]);
		expect(ctx.sim.store.findBy('contacts', 'kirim_contact_id', 'ctc_OK')).toBeDefined();
	});
});
