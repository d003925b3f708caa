import { startSim, uniqueProperty } from './helpers';

let ctx: Awaited<ReturnType<typeof startSim>>;
beforeEach(async () => {
	ctx = await startSim({ searchPerSecond: 100 });
});
afterEach(() => ctx.sim.close());

const property = (name: string, extra: Record<string, unknown> = {}) => ({
	name,
	label: name,
	type: 'string',
	fieldType: 'text',
	groupName: 'kirim',
	...extra,
});

describe('HubSpot simulator: properties', () => {
	test('built-ins are listed and readable; create answers 201 and the new property can be written', async () => {
		const all = await ctx.call('GET', '/crm/properties/2026-09/contacts');
		expect(all.body.results.map((p: any) => p.name)).toEqual(
			expect.arrayContaining([
				'email',
				'firstname',
				'lastname',
				'phone',
				'lifecyclestage',
				'hs_object_id',
				'createdate',
				'lastmodifieddate',
			]),
		);
		expect((await ctx.call('GET', '/crm/properties/2026-09/contacts/lifecyclestage')).body).toMatchObject({
			type: 'enumeration',
			options: expect.arrayContaining([{ label: 'lead', value: 'lead' }]),
		});
		expect((await ctx.call('GET', '/crm/properties/2026-09/contacts/nope')).status).toBe(404);
		const created = await ctx.call(
			'POST',
			'/crm/properties/2026-09/contacts',
			property('kirim_wa_id', { hasUniqueValue: true }),
		);
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ name: 'kirim_wa_id', hasUniqueValue: true });
		expect(
			(await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { kirim_wa_id: '6281' } })).status,
		).toBe(201);
		expect(
			(await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { kirim_wa_id: '6281' } })).status,
		).toBe(409);
	});

	test('a duplicate name is 409; missing or invalid fields are 400 naming the field', async () => {
		expect((await ctx.call('POST', '/crm/properties/2026-09/contacts', property('email'))).status).toBe(409);
		const { name: _name, ...noName } = property('x');
		expect((await ctx.call('POST', '/crm/properties/2026-09/contacts', noName)).body.errors[0].in).toBe('name');
		expect(
			(await ctx.call('POST', '/crm/properties/2026-09/contacts', property('x', { type: 'blob' }))).body.errors[0].in,
		).toBe('type');
		expect((await ctx.call('POST', '/crm/properties/2026-09/contacts', property('Bad Name'))).status).toBe(400);
		expect((await ctx.call('POST', '/crm/properties/2026-09/widgets', property('x'))).status).toBe(404);
	});

	test('at most 10 unique-value properties per object', async () => {
		for (let i = 0; i < 10; i++)
			expect(
				(await ctx.call('POST', '/crm/properties/2026-09/contacts', property(`key_${i}`, { hasUniqueValue: true })))
					.status,
			).toBe(201);
		const eleventh = await ctx.call(
			'POST',
			'/crm/properties/2026-09/contacts',
			property('key_10', { hasUniqueValue: true }),
		);
		expect(eleventh.status).toBe(400);
		expect(eleventh.body.errors[0].code).toBe('TOO_MANY_UNIQUE_PROPERTIES');
		expect((await ctx.call('POST', '/crm/properties/2026-09/contacts', property('plain_one'))).status).toBe(201);
	});
});

describe('HubSpot simulator: tickets, pipelines, owners, associations', () => {
	const ticket = { subject: 'Help', content: 'WhatsApp chat', hs_pipeline: '0', hs_pipeline_stage: '1' };

	test('the default ticket pipeline has ordered stages; a single pipeline can be read', async () => {
		const r = await ctx.call('GET', '/crm/pipelines/2026-09/tickets');
		expect(r.body.results[0]).toMatchObject({ id: '0', label: expect.any(String) });
		expect(r.body.results[0].stages.map((s: any) => s.displayOrder)).toEqual([0, 1, 2, 3]);
		expect((await ctx.call('GET', '/crm/pipelines/2026-09/tickets/0')).body.id).toBe('0');
		expect((await ctx.call('GET', '/crm/pipelines/2026-09/tickets/99')).status).toBe(404);
	});

	test('create needs a subject and a stage of the pipeline; PATCH moves the stage; search finds it', async () => {
		const created = await ctx.call('POST', '/crm/objects/2026-09/tickets', { properties: ticket });
		expect(created.status).toBe(201);
		expect(created.body.properties).toMatchObject(ticket);
		expect(
			(
				await ctx.call('POST', '/crm/objects/2026-09/tickets', {
					properties: { content: 'no subject', hs_pipeline_stage: '1' },
				})
			).body.errors[0].code,
		).toBe('REQUIRED_PROPERTY');
		expect(
			(await ctx.call('POST', '/crm/objects/2026-09/tickets', { properties: { ...ticket, hs_pipeline_stage: '77' } }))
				.body.errors[0].code,
		).toBe('INVALID_OPTION');
		const moved = await ctx.call('PATCH', `/crm/objects/2026-09/tickets/${created.body.id}`, {
			properties: { hs_pipeline_stage: '4' },
		});
		expect(moved.body.properties.hs_pipeline_stage).toBe('4');
		expect(moved.body.properties.hs_lastmodifieddate).toBe(moved.body.updatedAt);
		const found = await ctx.call('POST', '/crm/objects/2026-09/tickets/search', {
			filterGroups: [{ filters: [{ propertyName: 'hs_pipeline_stage', operator: 'EQ', value: '4' }] }],
		});
		expect(found.body.results.map((t: any) => t.id)).toEqual([created.body.id]);
		expect(Object.keys(found.body.results[0].properties)).toContain('subject');
	});

	test('batch upsert of tickets by a unique-value ticket property (allowed by default, refusable by option)', async () => {
		await uniqueProperty(ctx.call, 'tickets', 'kirim_conversation_id');
		const input = { id: 'conv_1', idProperty: 'kirim_conversation_id', properties: ticket };
		const first = await ctx.call('POST', '/crm/objects/2026-09/tickets/batch/upsert', { inputs: [input] });
		const second = await ctx.call('POST', '/crm/objects/2026-09/tickets/batch/upsert', {
			inputs: [{ ...input, properties: { hs_pipeline_stage: '3' } }],
		});
		expect([first.body.results[0].new, second.body.results[0].new]).toEqual([true, false]);
		expect(second.body.results[0].properties.hs_pipeline_stage).toBe('3');
		const strict = await startSim({ ticketUniqueProperties: false });
		try {
			const refused = await strict.call(
				'POST',
				'/crm/properties/2026-09/tickets',
				property('kirim_conversation_id', { hasUniqueValue: true }),
			);
			expect(refused.status).toBe(400);
		} finally {
			await strict.sim.close();
		}
	});

	test('owners: paged and filtered by email', async () => {
		const page = await ctx.call('GET', '/crm/owners/2026-09?limit=2');
		expect(page.body.results).toHaveLength(2);
		const rest = await ctx.call('GET', `/crm/owners/2026-09?limit=2&after=${page.body.paging.next.after}`);
		expect(rest.body.results).toHaveLength(1);
		expect(rest.body.paging).toBeUndefined();
		const one = await ctx.call('GET', '/crm/owners/2026-09?email=Agent.Two@example.com');
		expect(one.body.results).toEqual([
			expect.objectContaining({ email: 'agent.two@example.com', id: expect.any(String), userId: expect.any(Number) }),
		]);
	});

	test('a default association between existing objects; unknown ids and types are refused', async () => {
		const contact = await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { firstname: 'C' } });
		const t = await ctx.call('POST', '/crm/objects/2026-09/tickets', { properties: ticket });
		const r = await ctx.call(
			'PUT',
			`/crm/objects/2026-09/tickets/${t.body.id}/associations/default/contacts/${contact.body.id}`,
		);
		expect(r.status).toBe(200);
		expect(r.body.results[0]).toMatchObject({
			from: { id: t.body.id },
			to: { id: contact.body.id },
			associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 16 },
		});
		expect(ctx.sim.store.associations).toHaveLength(1);
		expect(
			(await ctx.call('PUT', `/crm/objects/2026-09/tickets/${t.body.id}/associations/default/contacts/999999`)).status,
		).toBe(404);
		expect(
			(await ctx.call('PUT', `/crm/objects/2026-09/widgets/1/associations/default/contacts/${contact.body.id}`)).status,
		).toBe(404);
	});

	test('batch default associations: existing pairs associated, a missing object is a 207 error naming both ids, bad bodies refused', async () => {
		const contact = await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { firstname: 'C' } });
		const t1 = await ctx.call('POST', '/crm/objects/2026-09/tickets', { properties: ticket });
		const t2 = await ctx.call('POST', '/crm/objects/2026-09/tickets', { properties: ticket });
		const path = '/crm/associations/2026-09/tickets/contacts/batch/associate/default';
		const ok = await ctx.call('POST', path, { inputs: [{ from: { id: t1.body.id }, to: { id: contact.body.id } }] });
		expect(ok.status).toBe(200);
		expect(ok.body.results).toEqual([
			expect.objectContaining({
				from: { id: t1.body.id },
				to: { id: contact.body.id },
				associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 16 },
			}),
		]);
		const mixed = await ctx.call('POST', path, {
			inputs: [
				{ from: { id: t2.body.id }, to: { id: contact.body.id } },
				{ from: { id: '999999' }, to: { id: contact.body.id } },
			],
		});
		// 2026-09 answers a partial failure with 200 and errors[] (no 207 in its specification).
		expect(mixed.status).toBe(200);
		expect(mixed.body.numErrors).toBe(1);
		expect(mixed.body.results).toHaveLength(1);
		expect(mixed.body.errors).toEqual([
			expect.objectContaining({
				category: 'OBJECT_NOT_FOUND',
				context: { fromObjectId: ['999999'], toObjectId: [contact.body.id] },
			}),
		]);
		expect(ctx.sim.store.associations).toHaveLength(2);
		expect((await ctx.call('POST', path, { inputs: [] })).status).toBe(400);
		expect((await ctx.call('POST', path, { inputs: [{ from: t1.body.id }] })).status).toBe(400);
		expect(
			(
				await ctx.call('POST', path, {
					inputs: Array.from({ length: 2001 }, () => ({ from: { id: t1.body.id }, to: { id: contact.body.id } })),
				})
			).status,
		).toBe(400);
		expect(
			(
				await ctx.call('POST', '/crm/associations/2026-09/widgets/contacts/batch/associate/default', {
					inputs: [{ from: { id: '1' }, to: { id: '2' } }],
				})
			).status,
		).toBe(404);
	});
});
