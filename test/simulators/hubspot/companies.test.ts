import { ALL_SCOPES, COMPANY_SCHEMA_SCOPES, MAX_ASSOCIATION_READ_BATCH } from '../../../simulators/hubspot';
import { startSim, uniqueProperty, webhookReceiver } from './helpers';

let ctx: Awaited<ReturnType<typeof startSim>>;
beforeEach(async () => {
	ctx = await startSim();
});
afterEach(() => ctx.sim.close());

const COMPANIES = '/crm/objects/2026-09/companies';
const CONTACTS = '/crm/objects/2026-09/contacts';
const ASSOCIATIONS = '/crm/associations/2026-09';

const company = async (properties: Record<string, unknown>): Promise<string> => {
	const r = await ctx.call('POST', COMPANIES, { properties });
	if (r.status !== 201) throw new Error(`company not created: ${JSON.stringify(r.body)}`);
	return r.body.id;
};
const contact = async (properties: Record<string, unknown> = {}): Promise<string> =>
	(await ctx.call('POST', CONTACTS, { properties })).body.id;
const byDomain = (filter: Record<string, unknown>) =>
	ctx.call('POST', `${COMPANIES}/search`, {
		filterGroups: [{ filters: [{ propertyName: 'domain', ...filter }] }],
		properties: ['domain', 'name'],
	});
const namesOf = (body: any) => body.results.map((r: any) => r.properties.name).sort();
const readAssociations = (from: string, to: string, ids: unknown[], version = '2026-09') =>
	ctx.call('POST', `/crm/associations/${version}/${from}/${to}/batch/read`, { inputs: ids.map((id) => ({ id })) });

describe('HubSpot simulator: companies (0-2)', () => {
	test('a company is created with a name only or a domain only; with neither it is a 400 naming both', async () => {
		const named = await ctx.call('POST', COMPANIES, { properties: { name: 'Acme', numberofemployees: 12 } });
		expect(named.status).toBe(201);
		const now = new Date(ctx.clock.now()).toISOString();
		expect(named.body.properties).toEqual({
			name: 'Acme',
			numberofemployees: '12',
			hs_object_id: named.body.id,
			createdate: now,
			hs_lastmodifieddate: now,
		});
		const domainOnly = await ctx.call('POST', '/crm/objects/2026-03/0-2', { properties: { domain: 'globex.com' } });
		expect(domainOnly.status).toBe(201);
		// Without `properties` a read answers HubSpot's default company properties.
		const read = await ctx.call('GET', `/crm/objects/2026-03/companies/${domainOnly.body.id}`);
		expect(read.body.properties).toEqual({
			createdate: now,
			domain: 'globex.com',
			hs_lastmodifieddate: now,
			hs_object_id: domainOnly.body.id,
			name: null,
		});
		for (const properties of [{}, { city: 'Jakarta' }, { name: '', domain: '' }]) {
			const neither = await ctx.call('POST', COMPANIES, { properties });
			expect(neither.status).toBe(400);
			expect(neither.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
			expect(neither.body.errors[0]).toMatchObject({
				code: 'REQUIRED_PROPERTY',
				context: { propertyName: ['name', 'domain'] },
			});
		}
		// In a batch create (no objectWriteTraceId) one such input fails the whole request.
		const batch = await ctx.call('POST', `${COMPANIES}/batch/create`, {
			inputs: [{ properties: { name: 'Initech' } }, { properties: { city: 'Bandung' } }],
		});
		expect(batch.status).toBe(400);
		// An update need not repeat name or domain.
		const patched = await ctx.call('PATCH', `${COMPANIES}/${named.body.id}`, { properties: { city: 'Jakarta' } });
		expect(patched.status).toBe(200);
		expect(ctx.sim.store.objects.companies.size).toBe(2);
	});

	test('unknown, read-only and ill-typed properties are refused; the built-ins are listed with their types', async () => {
		const unknown = await ctx.call('POST', COMPANIES, { properties: { name: 'Acme', email: 'a@acme.co.id' } });
		expect(unknown.status).toBe(400);
		expect(unknown.body.errors[0]).toMatchObject({
			code: 'PROPERTY_DOESNT_EXIST',
			context: { propertyName: ['email'] },
		});
		const readOnly = await ctx.call('POST', COMPANIES, { properties: { name: 'Acme', hs_lastmodifieddate: '1' } });
		expect(readOnly.body.errors[0]).toMatchObject({ code: 'READ_ONLY_VALUE' });
		const employees = await ctx.call('POST', COMPANIES, { properties: { name: 'Acme', numberofemployees: 'many' } });
		expect(employees.status).toBe(400);
		expect(employees.body.errors[0]).toMatchObject({ code: 'INVALID_INTEGER' });
		expect(ctx.sim.store.objects.companies.size).toBe(0);
		const withSchemas = await startSim({ scopes: [...ALL_SCOPES, ...COMPANY_SCHEMA_SCOPES] });
		try {
			const properties = await withSchemas.call('GET', '/crm/properties/2026-09/companies');
			expect(properties.status).toBe(200);
			const types = Object.fromEntries(
				properties.body.results.map((p: any) => [p.name, `${p.type}/${p.fieldType}/${p.groupName}`]),
			);
			expect(types).toEqual({
				name: 'string/text/companyinformation',
				domain: 'string/text/companyinformation',
				hs_additional_domains: 'enumeration/checkbox/companyinformation',
				industry: 'string/text/companyinformation',
				city: 'string/text/companyinformation',
				country: 'string/text/companyinformation',
				phone: 'string/phonenumber/companyinformation',
				website: 'string/text/companyinformation',
				description: 'string/textarea/companyinformation',
				numberofemployees: 'number/number/companyinformation',
				hubspot_owner_id: 'enumeration/select/companyinformation',
				hs_object_id: 'number/number/companyinformation',
				createdate: 'datetime/date/companyinformation',
				hs_lastmodifieddate: 'datetime/date/companyinformation',
			});
			expect(properties.body.results.find((p: any) => p.name === 'domain').hasUniqueValue).toBe(false);
		} finally {
			await withSchemas.sim.close();
		}
	});

	test('search finds companies by domain with EQ (any case) and IN; search lag applies', async () => {
		await company({ name: 'Acme', domain: 'acme.co.id', hs_additional_domains: 'acme.com;acme.id' });
		await company({ name: 'Globex', domain: 'globex.com' });
		await company({ name: 'No domain' });
		const eq = await byDomain({ operator: 'EQ', value: 'ACME.co.id' });
		expect(eq.status).toBe(200);
		expect(eq.body.total).toBe(1);
		expect(eq.body.results[0].properties).toEqual({ domain: 'acme.co.id', name: 'Acme' });
		const within = await byDomain({ operator: 'IN', values: ['globex.com', 'acme.co.id', 'initech.example'] });
		expect(within.body.total).toBe(2);
		expect(namesOf(within.body)).toEqual(['Acme', 'Globex']);
		expect(namesOf((await byDomain({ operator: 'HAS_PROPERTY' })).body)).toEqual(['Acme', 'Globex']);
		expect(namesOf((await byDomain({ operator: 'NOT_HAS_PROPERTY' })).body)).toEqual(['No domain']);
		// Contacts are searched apart: no company among them.
		expect((await ctx.call('POST', `${CONTACTS}/search`, {})).body.total).toBe(0);
		ctx.clock.advance(1000); // search allows 5 requests a second
		const lag = await fetch(`${ctx.sim.url}/_sim/search`, {
			method: 'PUT',
			body: JSON.stringify({ indexLagMs: 5000 }),
		});
		expect(lag.status).toBe(200);
		await company({ name: 'Initech', domain: 'initech.example' });
		expect((await byDomain({ operator: 'EQ', value: 'initech.example' })).body.total).toBe(0);
		ctx.clock.advance(5000);
		expect((await byDomain({ operator: 'EQ', value: 'initech.example' })).body.total).toBe(1);
	});

	test('domain is not unique: upsert (or update) by it is refused as HubSpot does; a unique property works', async () => {
		await company({ name: 'Acme', domain: 'acme.co.id' });
		const upsert = await ctx.call('POST', `${COMPANIES}/batch/upsert`, {
			inputs: [{ id: 'acme.co.id', idProperty: 'domain', properties: { name: 'Acme 2' } }],
		});
		expect(upsert.status).toBe(400);
		expect(upsert.body).toMatchObject({
			category: 'VALIDATION_ERROR',
			message: 'Unable to perform update/upsert by non-unique 0-2 property domain',
		});
		const update = await ctx.call('POST', `${COMPANIES}/batch/update`, {
			inputs: [{ id: 'acme.co.id', idProperty: 'domain', properties: { name: 'Acme 2' } }],
		});
		expect(update.status).toBe(400);
		expect(update.body.message).toBe('Unable to perform update/upsert by non-unique 0-2 property domain');
		expect([...ctx.sim.store.objects.companies.values()].map((c) => c.properties.name)).toEqual(['Acme']);
		// Two companies may share a domain.
		expect(
			(await ctx.call('POST', COMPANIES, { properties: { name: 'Acme Holding', domain: 'acme.co.id' } })).status,
		).toBe(201);
		const withSchemas = await startSim({ scopes: [...ALL_SCOPES, ...COMPANY_SCHEMA_SCOPES] });
		try {
			await uniqueProperty(withSchemas.call, 'companies', 'kirim_company_id');
			const inputs = [{ id: 'k1', idProperty: 'kirim_company_id', properties: { domain: 'acme.co.id' } }];
			const first = await withSchemas.call('POST', `${COMPANIES}/batch/upsert`, { inputs });
			expect(first.status).toBe(200);
			expect(first.body.results[0]).toMatchObject({ new: true, properties: { kirim_company_id: 'k1' } });
			const again = await withSchemas.call('POST', `${COMPANIES}/batch/upsert`, { inputs });
			expect(again.body.results[0]).toMatchObject({ new: false, id: first.body.results[0].id });
			// An upsert that would create a company without name or domain fails that input.
			const bare = await withSchemas.call('POST', `${COMPANIES}/batch/upsert`, {
				inputs: [{ id: 'k2', idProperty: 'kirim_company_id', properties: { city: 'Jakarta' } }],
			});
			expect(bare.body.numErrors).toBe(1);
			expect(withSchemas.sim.store.objects.companies.size).toBe(1);
		} finally {
			await withSchemas.sim.close();
		}
	});

	test('contact ↔ company default associations (279 / 280), by PUT and in batches, read back in both directions', async () => {
		const [acme, globex] = [await company({ name: 'Acme' }), await company({ name: 'Globex' })];
		const [budi, sari, alone] = [await contact({ firstname: 'Budi' }), await contact(), await contact()];
		const put = await ctx.call('PUT', `/crm/objects/2026-09/contacts/${budi}/associations/default/companies/${acme}`);
		expect(put.status).toBe(200);
		expect(put.body.results[0].associationSpec).toEqual({
			associationCategory: 'HUBSPOT_DEFINED',
			associationTypeId: 279,
		});
		const batch = await ctx.call('POST', `${ASSOCIATIONS}/companies/contacts/batch/associate/default`, {
			inputs: [
				{ from: { id: globex }, to: { id: budi } },
				{ from: { id: globex }, to: { id: sari } },
			],
		});
		expect(batch.status).toBe(200);
		expect(batch.body.results.map((r: any) => r.associationSpec.associationTypeId)).toEqual([280, 280]);
		const byContact = await ctx.call('POST', `${ASSOCIATIONS}/contacts/companies/batch/associate/default`, {
			inputs: [{ from: { id: sari }, to: { id: acme } }],
		});
		expect(byContact.body.results[0].associationSpec.associationTypeId).toBe(279);

		const read = await readAssociations('contacts', 'companies', [budi, sari]);
		expect(read.status).toBe(200);
		const ofContact = (id: string) =>
			[{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }].map((type) => ({
				toObjectId: Number(id),
				associationTypes: [type],
			}));
		expect(read.body).toEqual({
			status: 'COMPLETE',
			results: [
				{ from: { id: budi }, to: [...ofContact(acme), ...ofContact(globex)] },
				{ from: { id: sari }, to: [...ofContact(acme), ...ofContact(globex)] },
			],
			startedAt: expect.any(String),
			completedAt: expect.any(String),
		});
		const reverse = await readAssociations('0-2', 'contact', [globex]);
		expect(reverse.body.results).toEqual([
			{
				from: { id: globex },
				to: [budi, sari].map((id) => ({
					toObjectId: Number(id),
					associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 280, label: null }],
				})),
			},
		]);

		// A contact with no company, and an id that is no contact: an error entry each (200 on 2026-09).
		const none = await readAssociations('contacts', 'companies', [budi, alone, '999999']);
		expect(none.status).toBe(200);
		expect(none.body.results.map((r: any) => r.from.id)).toEqual([budi]);
		expect(none.body.numErrors).toBe(2);
		expect(none.body.errors).toEqual(
			[alone, '999999'].map((id) => ({
				status: 'error',
				category: 'OBJECT_NOT_FOUND',
				subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
				message: `No company is associated with contact ${id}.`,
				context: { fromObjectId: [id], fromObjectType: ['contact'], toObjectType: ['company'] },
			})),
		);
		// 2026-03 answers the same with 207, and a read with only errors still has an empty results[].
		const older = await readAssociations('contacts', 'companies', [alone], '2026-03');
		expect(older.status).toBe(207);
		expect(older.body).toMatchObject({ status: 'COMPLETE', results: [], numErrors: 1 });

		// An archived company is no longer associated.
		await ctx.call('DELETE', `${COMPANIES}/${globex}`);
		expect((await readAssociations('contacts', 'companies', [budi])).body.results[0].to).toEqual(ofContact(acme));
		// Associations do not change the company's properties (no association counts are modelled).
		expect((await ctx.call('GET', `${COMPANIES}/${acme}`)).body.properties.name).toBe('Acme');
	});

	test('the associations batch read: at most 1000 inputs, every modelled pair, bad requests refused', async () => {
		const c = await contact();
		const tooMany = await readAssociations(
			'contacts',
			'companies',
			Array.from({ length: MAX_ASSOCIATION_READ_BATCH + 1 }, () => c),
		);
		expect(tooMany.status).toBe(400);
		expect(tooMany.body).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ code: 'TOO_MANY_INPUTS' }] });
		const atCap = await readAssociations(
			'contacts',
			'companies',
			Array.from({ length: MAX_ASSOCIATION_READ_BATCH }, (_, i) => String(i + 1)),
		);
		expect(atCap.status).toBe(200);
		expect(atCap.body.numErrors).toBe(MAX_ASSOCIATION_READ_BATCH);

		const ticket = (
			await ctx.call('POST', '/crm/objects/2026-09/tickets', { properties: { subject: 'S', hs_pipeline_stage: '1' } })
		).body.id;
		await ctx.call('PUT', `/crm/objects/2026-09/tickets/${ticket}/associations/default/contacts/${c}`);
		const message = (
			await ctx.call('POST', '/crm/objects/2026-09/communications', {
				properties: { hs_communication_channel_type: 'SMS', hs_communication_logged_from: 'CRM' },
			})
		).body.id;
		await ctx.call('PUT', `/crm/objects/2026-09/communications/${message}/associations/default/contacts/${c}`);
		const typeOf = async (from: string, to: string, id: string) =>
			(await readAssociations(from, to, [id])).body.results[0].to[0].associationTypes[0].typeId;
		expect(await typeOf('tickets', 'contacts', ticket)).toBe(16);
		expect(await typeOf('contacts', 'tickets', c)).toBe(15);
		expect(await typeOf('communications', 'contacts', message)).toBe(81);
		expect(await typeOf('contacts', 'communications', c)).toBe(82);

		expect((await readAssociations('companies', 'tickets', [c])).status).toBe(400);
		expect((await readAssociations('widgets', 'contacts', [c])).status).toBe(404);
		for (const body of [
			{},
			{ inputs: [{}] },
			{ inputs: [{ id: c, after: 'MC0yLTE1OTc0MDA2NTg' }] },
			{ inputs: [{ objectId: c }] },
			{ inputs: [{ id: c }], limit: 10 },
		]) {
			const r = await ctx.call('POST', `${ASSOCIATIONS}/contacts/tickets/batch/read`, body);
			expect([JSON.stringify(body), r.status]).toEqual([JSON.stringify(body), 400]);
		}
	});

	test('scopes: companies need crm.objects.companies.*; an association needs the scopes of both its types', async () => {
		const contactsOnly = await startSim({
			scopes: ALL_SCOPES.filter((s) => !s.startsWith('crm.objects.companies.')),
		});
		const required = (body: any) => [body.category, body.errors[0].context.requiredGranularScopes];
		try {
			const { call } = contactsOnly;
			for (const [method, path, body] of [
				['GET', COMPANIES, undefined],
				['GET', `${COMPANIES}/1`, undefined],
				['POST', `${COMPANIES}/search`, {}],
				['POST', `${COMPANIES}/batch/read`, { inputs: [] }],
				['POST', `${ASSOCIATIONS}/contacts/companies/batch/read`, { inputs: [] }],
			] as const) {
				const r = await call(method, path, body);
				expect([path, r.status, ...required(r.body)]).toEqual([
					path,
					403,
					'MISSING_SCOPES',
					['crm.objects.companies.read'],
				]);
			}
			const c = (await call('POST', CONTACTS, { properties: { firstname: 'A' } })).body.id;
			for (const [method, path, body] of [
				['POST', COMPANIES, { properties: { name: 'Acme' } }],
				['PUT', `/crm/objects/2026-09/contacts/${c}/associations/default/companies/1`, undefined],
				['POST', `${ASSOCIATIONS}/contacts/companies/batch/associate/default`, { inputs: [] }],
			] as const) {
				const r = await call(method, path, body);
				expect([path, r.status, ...required(r.body)]).toEqual([
					path,
					403,
					'MISSING_SCOPES',
					['crm.objects.companies.write'],
				]);
			}
			expect(contactsOnly.sim.store.objects.companies.size).toBe(0);
			// Company properties take the companies schema scopes, which the default grant does not hold.
			const props = await call('GET', '/crm/properties/2026-09/companies');
			expect(required(props.body)).toEqual(['MISSING_SCOPES', ['crm.schemas.companies.read']]);
		} finally {
			await contactsOnly.sim.close();
		}
		// Read scopes read, and a write grant reads too; the contacts side of an association is checked as well.
		const companiesRead = await startSim({ scopes: ['crm.objects.companies.read'] });
		try {
			expect((await companiesRead.call('GET', COMPANIES)).status).toBe(200);
			const write = await companiesRead.call('POST', COMPANIES, { properties: { name: 'Acme' } });
			expect(required(write.body)).toEqual(['MISSING_SCOPES', ['crm.objects.companies.write']]);
			const association = await companiesRead.call('POST', `${ASSOCIATIONS}/companies/contacts/batch/read`, {
				inputs: [],
			});
			expect(required(association.body)).toEqual(['MISSING_SCOPES', ['crm.objects.contacts.read']]);
		} finally {
			await companiesRead.sim.close();
		}
		const companiesWrite = await startSim({ scopes: ['crm.objects.companies.write'] });
		try {
			expect((await companiesWrite.call('POST', `${COMPANIES}/search`, {})).status).toBe(200);
			expect((await companiesWrite.call('POST', COMPANIES, { properties: { name: 'Acme' } })).status).toBe(201);
		} finally {
			await companiesWrite.sim.close();
		}
		expect(ALL_SCOPES).toEqual(expect.arrayContaining(['crm.objects.companies.read', 'crm.objects.companies.write']));
		expect(ALL_SCOPES).not.toEqual(expect.arrayContaining(COMPANY_SCHEMA_SCOPES));
	});

	test('a person writes companies (ui helpers, /_sim/crm/companies); company webhooks reach subscribers, no journal entry', async () => {
		const hook = await webhookReceiver();
		try {
			ctx.sim.webhooks.configure({ targetUrl: hook.url });
			for (const type of ['contact.creation', 'contact.associationChange']) ctx.sim.webhooks.subscribe(type);
			ctx.sim.webhooks.subscribe('contact.propertyChange', 'firstname');
			ctx.sim.webhooks.subscribe('company.creation');
			ctx.sim.webhooks.subscribe('company.propertyChange', 'name');
			expect(() => ctx.sim.webhooks.subscribe('company.privacyDeletion')).toThrow(/unknown subscriptionType/);
			ctx.sim.journal.upsert({ subscriptionType: 'OBJECT', objectTypeId: '0-1', actions: ['CREATE', 'UPDATE'] });
			expect(() =>
				ctx.sim.journal.upsert({ subscriptionType: 'OBJECT', objectTypeId: '0-2', actions: ['CREATE'] }),
			).toThrow(/not modelled/);
			const person = ctx.sim.ui.create('contacts', { firstname: 'Ana' });
			await ctx.sim.webhooks.idle();
			expect(hook.events().map((e) => e.subscriptionType)).toEqual(['contact.creation', 'contact.propertyChange']);
			const journalBefore = ctx.sim.journal.entries.length;
			expect(journalBefore).toBe(1);

			const acme = ctx.sim.ui.createCompany({ name: 'Acme', domain: 'acme.co.id' });
			expect(acme.properties).toMatchObject({ name: 'Acme', domain: 'acme.co.id', hs_object_id: acme.id });
			expect(() => ctx.sim.ui.createCompany({ city: 'Jakarta' })).toThrow(/name or domain/);
			expect(ctx.sim.ui.updateCompany(acme.id, { industry: 'COMPUTER_SOFTWARE' }).properties.industry).toBe(
				'COMPUTER_SOFTWARE',
			);
			ctx.sim.ui.associate('contacts', person.id, 'companies', acme.id);
			expect(() => ctx.sim.ui.associate('companies', acme.id, 'tickets', person.id)).toThrow(/No default association/);
			const overHttp = await fetch(`${ctx.sim.url}/_sim/crm/companies`, {
				method: 'POST',
				body: JSON.stringify({ properties: { name: 'Globex', domain: 'globex.com' } }),
			});
			expect(overHttp.status).toBe(201);
			const globex = ((await overHttp.json()) as { id: string }).id;
			const patched = await fetch(`${ctx.sim.url}/_sim/crm/companies/${globex}`, {
				method: 'PATCH',
				body: JSON.stringify({ properties: { city: 'Springfield' } }),
			});
			expect(patched.status).toBe(200);
			const listed = (await (await fetch(`${ctx.sim.url}/_sim/crm/companies`)).json()) as { results: any[] };
			expect(listed.results.map((r) => r.properties.name)).toEqual(['Acme', 'Globex']);
			const api = await ctx.call('POST', COMPANIES, { properties: { name: 'Initech' } });
			await ctx.call('PATCH', `${COMPANIES}/${api.body.id}`, { properties: { city: 'Austin' } });
			await ctx.call('PUT', `/crm/objects/2026-09/companies/${api.body.id}/associations/default/contacts/${person.id}`);
			await ctx.call('DELETE', `${COMPANIES}/${api.body.id}`);
			await ctx.sim.webhooks.idle();
			const counts: Record<string, number> = {};
			for (const event of hook.events().slice(2))
				counts[event.subscriptionType] = (counts[event.subscriptionType] ?? 0) + 1;
			// Three companies created (each with a name), two contact↔company associations; city, industry and the
			// deletion are not subscribed.
			expect(counts).toEqual({ 'company.creation': 3, 'company.propertyChange': 3, 'contact.associationChange': 2 });
			expect(ctx.sim.journal.entries).toHaveLength(journalBefore);
			expect((await readAssociations('contacts', 'companies', [person.id])).body.results[0].to).toHaveLength(1);
		} finally {
			await hook.close();
		}
	});
});
