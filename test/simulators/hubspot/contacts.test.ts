import { startSim, uniqueProperty } from './helpers';

let ctx: Awaited<ReturnType<typeof startSim>>;
beforeEach(async () => {
	ctx = await startSim();
	await uniqueProperty(ctx.call);
});
afterEach(() => ctx.sim.close());

describe('HubSpot simulator: contacts', () => {
	test('create answers 201 with id, properties, ISO timestamps; hs_object_id equals the id', async () => {
		const r = await ctx.call('POST', '/crm/objects/2026-09/contacts', {
			properties: { email: 'siti@example.com', firstname: 'Siti' },
		});
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({
			id: expect.stringMatching(/^\d+$/),
			archived: false,
			properties: { email: 'siti@example.com', firstname: 'Siti' },
		});
		expect(r.body.properties.hs_object_id).toBe(r.body.id);
		expect(r.body.createdAt).toBe('2026-11-22T12:00:00.000Z');
		expect(r.body.properties.createdate).toBe(r.body.createdAt);
	});

	test('get returns the default properties, or the named ones (null when unset); ?idProperty= looks up by a unique value', async () => {
		const { body: created } = await ctx.call('POST', '/crm/objects/2026-09/contacts', {
			properties: { email: 'a@example.com', firstname: 'A', phone: '+6281234', kirim_contact_id: 'ctc_1' },
		});
		const plain = await ctx.call('GET', `/crm/objects/2026-09/contacts/${created.id}`);
		expect(Object.keys(plain.body.properties).sort()).toEqual([
			'createdate',
			'email',
			'firstname',
			'hs_object_id',
			'lastmodifieddate',
			'lastname',
		]);
		expect(plain.body.properties.lastname).toBeNull();
		const named = await ctx.call('GET', `/crm/objects/2026-09/contacts/${created.id}?properties=phone,jobtitle`);
		expect(named.body.properties).toEqual({ phone: '+6281234', jobtitle: null });
		const byKey = await ctx.call('GET', '/crm/objects/2026-09/contacts/ctc_1?idProperty=kirim_contact_id');
		expect(byKey.body.id).toBe(created.id);
		const byEmail = await ctx.call('GET', '/crm/objects/2026-09/contacts/A@EXAMPLE.COM?idProperty=email');
		expect(byEmail.body.id).toBe(created.id);
		expect((await ctx.call('GET', '/crm/objects/2026-09/contacts/ctc_1?idProperty=firstname')).status).toBe(400);
		const missing = await ctx.call('GET', '/crm/objects/2026-09/contacts/999999');
		expect(missing.status).toBe(404);
		expect(missing.body.category).toBe('OBJECT_NOT_FOUND');
	});

	test('list: limit ≤ 100 (default 10), opaque after cursor, no paging object on the last page', async () => {
		for (let i = 0; i < 12; i++) ctx.sim.store.create('contacts', { firstname: `P${i}` }, ctx.sim.apiWriter);
		const first = await ctx.call('GET', '/crm/objects/2026-09/contacts');
		expect(first.body.results).toHaveLength(10);
		const after = first.body.paging.next.after;
		expect(after).not.toMatch(/^\d+$/); // opaque, not a bare id
		const second = await ctx.call('GET', `/crm/objects/2026-09/contacts?after=${after}&properties=firstname`);
		expect(second.body.results.map((c: any) => c.properties.firstname)).toEqual(['P10', 'P11']);
		expect(second.body.paging).toBeUndefined();
		expect((await ctx.call('GET', '/crm/objects/2026-09/contacts?limit=101')).status).toBe(400);
		expect((await ctx.call('GET', '/crm/objects/2026-09/contacts?after=garbage')).status).toBe(400);
	});

	test('a duplicate email on create is 409 CONFLICT "Contact already exists. Existing ID: …"', async () => {
		const a = await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { email: 'dup@example.com' } });
		const b = await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { email: 'DUP@example.com' } });
		expect(b.status).toBe(409);
		expect(b.body).toMatchObject({
			category: 'CONFLICT',
			message: `Contact already exists. Existing ID: ${a.body.id}`,
		});
	});

	test('PATCH writes, moves lastmodifieddate on every write, refuses unknown and read-only properties', async () => {
		const { body: created } = await ctx.call('POST', '/crm/objects/2026-09/contacts', {
			properties: { firstname: 'Old' },
		});
		ctx.clock.advance(5000);
		const patched = await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${created.id}`, {
			properties: { firstname: 'New' },
		});
		expect(patched.status).toBe(200);
		expect(patched.body.properties.firstname).toBe('New');
		expect(patched.body.updatedAt).toBe('2026-11-22T12:00:05.000Z');
		expect(patched.body.properties.lastmodifieddate).toBe(patched.body.updatedAt);
		ctx.clock.advance(1000);
		const same = await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${created.id}`, {
			properties: { firstname: 'New' },
		});
		expect(same.body.properties.lastmodifieddate).toBe('2026-11-22T12:00:06.000Z');
		const unknown = await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${created.id}`, {
			properties: { shoe_size: '42' },
		});
		expect(unknown.status).toBe(400);
		expect(unknown.body.errors[0].code).toBe('PROPERTY_DOESNT_EXIST');
		const readOnly = await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${created.id}`, {
			properties: { hs_object_id: '1' },
		});
		expect(readOnly.body.errors[0].code).toBe('READ_ONLY_VALUE');
		const badOption = await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${created.id}`, {
			properties: { lifecyclestage: 'royalty' },
		});
		expect(badOption.status).toBe(400);
		expect(badOption.body.errors[0].code).toBe('INVALID_OPTION');
		const byKey = await ctx.call('PATCH', '/crm/objects/2026-09/contacts/nobody?idProperty=kirim_contact_id', {
			properties: { firstname: 'x' },
		});
		expect(byKey.status).toBe(404);
	});

	test('DELETE archives: gone from get and list, listed with archived=true', async () => {
		const { body: created } = await ctx.call('POST', '/crm/objects/2026-09/contacts', {
			properties: { firstname: 'Gone' },
		});
		expect((await ctx.call('DELETE', `/crm/objects/2026-09/contacts/${created.id}`)).status).toBe(204);
		expect((await ctx.call('GET', `/crm/objects/2026-09/contacts/${created.id}`)).status).toBe(404);
		expect((await ctx.call('GET', '/crm/objects/2026-09/contacts')).body.results).toHaveLength(0);
		expect((await ctx.call('GET', '/crm/objects/2026-09/contacts?archived=true')).body.results[0]).toMatchObject({
			id: created.id,
			archived: true,
		});
	});

	test('archived=true reads the recycle bin by id, alone and in a batch read; live records are not in it', async () => {
		const { body: gone } = await ctx.call('POST', '/crm/objects/2026-09/contacts', {
			properties: { firstname: 'Gone' },
		});
		const { body: live } = await ctx.call('POST', '/crm/objects/2026-09/contacts', {
			properties: { firstname: 'Here' },
		});
		await ctx.call('DELETE', `/crm/objects/2026-09/contacts/${gone.id}`);
		const one = await ctx.call('GET', `/crm/objects/2026-09/contacts/${gone.id}?archived=true&properties=firstname`);
		expect(one.body).toMatchObject({
			id: gone.id,
			archived: true,
			archivedAt: expect.any(String),
			properties: { firstname: 'Gone' },
		});
		expect((await ctx.call('GET', `/crm/objects/2026-09/contacts/${live.id}?archived=true`)).status).toBe(404);
		const batch = await ctx.call('POST', '/crm/objects/2026-09/contacts/batch/read?archived=true', {
			properties: ['firstname'],
			inputs: [{ id: gone.id }, { id: live.id }],
		});
		expect(batch.body.status).toBe('COMPLETE');
		expect(batch.body.results.map((r: { id: string }) => r.id)).toEqual([gone.id]);
		expect(batch.body.errors[0].context.ids).toEqual([live.id]);
		const byProperty = await ctx.call('POST', '/crm/objects/2026-09/contacts/batch/read?archived=true', {
			idProperty: 'email',
			inputs: [{ id: 'x@example.com' }],
		});
		expect(byProperty.status).toBe(400);
	});

	test('merge keeps the primary, moves the properties it lacked, removes the other', async () => {
		const a = await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { firstname: 'A' } });
		const b = await ctx.call('POST', '/crm/objects/2026-09/contacts', {
			properties: { firstname: 'B', phone: '+62811' },
		});
		const merged = await ctx.call('POST', '/crm/objects/2026-09/contacts/merge', {
			primaryObjectId: a.body.id,
			objectIdToMerge: b.body.id,
		});
		expect(merged.body.properties).toMatchObject({ firstname: 'A', phone: '+62811' });
		expect((await ctx.call('GET', `/crm/objects/2026-09/contacts/${b.body.id}`)).status).toBe(404);
	});
});
