import { startSim, uniqueProperty } from './helpers';

// The simulator serves HubSpot's date-based versions and, unless told otherwise, refuses the numbered paths, so
// nothing in the package can quietly depend on them.

const traced = (id: string, properties: Record<string, unknown>) => ({
	id,
	idProperty: 'kirim_contact_id',
	properties,
	objectWriteTraceId: `trace-${id}`,
});
const mixedBatch = {
	inputs: [traced('ctc_A', { firstname: 'A' }), traced('ctc_B', { hs_lead_status: 'NOT_AN_OPTION' })],
};

describe('HubSpot simulator: API versions', () => {
	let ctx: Awaited<ReturnType<typeof startSim>>;
	afterEach(() => ctx.sim.close());

	test('numbered paths are refused with a 404 that names the date-based form', async () => {
		ctx = await startSim();
		for (const path of ['/crm/v3/objects/contacts', '/crm/v3/owners', '/crm/v3/properties/contacts']) {
			const r = await ctx.call('GET', path);
			expect(r.status).toBe(404);
			expect(r.body.message).toContain('numbered API path');
			expect(r.body.message).toContain('/crm/objects/2026-09/contacts');
		}
		const association = await ctx.call('POST', '/crm/v4/associations/tickets/contacts/batch/associate/default', {
			inputs: [],
		});
		expect(association.status).toBe(404);
	});

	test('told to, it serves the numbered paths too', async () => {
		ctx = await startSim({ numberedPaths: 'serve' });
		expect((await ctx.call('GET', '/crm/v3/objects/contacts')).status).toBe(200);
		expect((await ctx.call('GET', '/crm/objects/2026-09/contacts')).status).toBe(200);
	});

	test('both dated versions are served, and an object type by its id (0-1) as by its name', async () => {
		ctx = await startSim();
		const created = await ctx.call('POST', '/crm/objects/2026-03/contacts', { properties: { email: 'a@example.com' } });
		expect(created.status).toBe(201);
		const byId = await ctx.call('GET', `/crm/objects/2026-09/0-1/${created.body.id}?properties=email`);
		expect(byId.status).toBe(200);
		expect(byId.body.properties.email).toBe('a@example.com');
		expect((await ctx.call('GET', '/crm/objects/2025-01/contacts')).status).toBe(404);
	});

	test('a partial batch failure is a 207 on 2026-03 and a 200 with errors[] on 2026-09', async () => {
		ctx = await startSim();
		await uniqueProperty(ctx.call);
		const older = await ctx.call('POST', '/crm/objects/2026-03/contacts/batch/upsert', mixedBatch);
		expect(older.status).toBe(207);
		const newer = await ctx.call('POST', '/crm/objects/2026-09/contacts/batch/upsert', mixedBatch);
		expect(newer.status).toBe(200);
		for (const answer of [older, newer]) {
			expect(answer.body.numErrors).toBe(1);
			expect(answer.body.errors[0].context.objectWriteTraceId).toEqual(['trace-ctc_B']);
			expect(answer.body.results).toHaveLength(1);
		}
	});

	test('either partial-failure status can be forced on every version', async () => {
		ctx = await startSim({ batchPartialFailureStatus: 207 });
		await uniqueProperty(ctx.call);
		expect((await ctx.call('POST', '/crm/objects/2026-09/contacts/batch/upsert', mixedBatch)).status).toBe(207);
	});
});
