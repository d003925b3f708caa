import {
	MAX_FILTER_GROUPS,
	MAX_FILTERS_PER_GROUP,
	MAX_FILTERS_TOTAL,
	SEARCH_RESULT_CAP,
} from '../../../simulators/hubspot';
import { startSim } from './helpers';

let ctx: Awaited<ReturnType<typeof startSim>>;
beforeEach(async () => {
	ctx = await startSim({ searchPerSecond: 10_000 });
});
afterEach(() => ctx.sim.close());

const search = (body: unknown) => ctx.call('POST', '/crm/objects/2026-09/contacts/search', body);
const names = (r: { body: any }) => r.body.results.map((c: any) => c.properties.firstname);
const seed = (people: Array<Record<string, string>>) =>
	people.map((p) => ctx.sim.store.create('contacts', p, ctx.sim.apiWriter));

describe('HubSpot simulator: search', () => {
	beforeEach(() => {
		seed([
			{ firstname: 'Ana', email: 'ana@example.com', lifecyclestage: 'lead', city: 'Jakarta Selatan' },
			{ firstname: 'Budi', email: 'budi@sample.org', lifecyclestage: 'customer' },
			{ firstname: 'Citra', email: 'citra@example.com', lifecyclestage: 'lead', city: 'Bandung' },
			{ firstname: 'Dewi', lifecyclestage: 'subscriber' },
		]);
	});

	test.each([
		['EQ', { operator: 'EQ', propertyName: 'lifecyclestage', value: 'lead' }, ['Ana', 'Citra']],
		['NEQ', { operator: 'NEQ', propertyName: 'lifecyclestage', value: 'lead' }, ['Budi', 'Dewi']],
		['GT', { operator: 'GT', propertyName: 'firstname', value: 'Budi' }, ['Citra', 'Dewi']],
		['GTE', { operator: 'GTE', propertyName: 'firstname', value: 'Budi' }, ['Budi', 'Citra', 'Dewi']],
		['LT', { operator: 'LT', propertyName: 'firstname', value: 'Budi' }, ['Ana']],
		['LTE', { operator: 'LTE', propertyName: 'firstname', value: 'Budi' }, ['Ana', 'Budi']],
		['BETWEEN', { operator: 'BETWEEN', propertyName: 'firstname', value: 'B', highValue: 'D' }, ['Budi', 'Citra']],
		['IN', { operator: 'IN', propertyName: 'lifecyclestage', values: ['customer', 'subscriber'] }, ['Budi', 'Dewi']],
		['NOT_IN', { operator: 'NOT_IN', propertyName: 'lifecyclestage', values: ['lead'] }, ['Budi', 'Dewi']],
		['HAS_PROPERTY', { operator: 'HAS_PROPERTY', propertyName: 'email' }, ['Ana', 'Budi', 'Citra']],
		['NOT_HAS_PROPERTY', { operator: 'NOT_HAS_PROPERTY', propertyName: 'email' }, ['Dewi']],
		['CONTAINS_TOKEN', { operator: 'CONTAINS_TOKEN', propertyName: 'city', value: 'selatan' }, ['Ana']],
		[
			'CONTAINS_TOKEN wildcard',
			{ operator: 'CONTAINS_TOKEN', propertyName: 'email', value: '*@example.com' },
			['Ana', 'Citra'],
		],
	])('%s', async (_name, filter, expected) => {
		const r = await search({ filterGroups: [{ filters: [filter] }], properties: ['firstname'] });
		expect(r.status).toBe(200);
		expect(names(r)).toEqual(expected);
		expect(r.body.total).toBe(expected.length);
	});

	test('filters in a group are ANDed, groups are ORed; sorts apply; results carry only the asked properties', async () => {
		const r = await search({
			filterGroups: [
				{
					filters: [
						{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' },
						{ propertyName: 'city', operator: 'EQ', value: 'Bandung' },
					],
				},
				{ filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'Dewi' }] },
			],
			sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' }],
			properties: ['firstname'],
		});
		expect(names(r)).toEqual(['Dewi', 'Citra']);
		expect(Object.keys(r.body.results[0].properties)).toEqual(['firstname']);
		const defaults = await search({ limit: 1 });
		expect(Object.keys(defaults.body.results[0].properties).sort()).toEqual([
			'createdate',
			'email',
			'firstname',
			'hs_object_id',
			'lastmodifieddate',
			'lastname',
		]);
	});

	test('pages with paging.next.after until the last page, which has none', async () => {
		const first = await search({
			limit: 3,
			properties: ['firstname'],
			sorts: [{ propertyName: 'firstname', direction: 'ASCENDING' }],
		});
		expect(names(first)).toEqual(['Ana', 'Budi', 'Citra']);
		expect(first.body.paging.next.after).toBe('3');
		const last = await search({
			limit: 3,
			after: first.body.paging.next.after,
			properties: ['firstname'],
			sorts: [{ propertyName: 'firstname', direction: 'ASCENDING' }],
		});
		expect(names(last)).toEqual(['Dewi']);
		expect(last.body.paging).toBeUndefined();
	});

	test('bad requests are 400: unknown property or operator, too many groups/filters, limit > 200, missing values', async () => {
		const filter = { propertyName: 'firstname', operator: 'EQ', value: 'x' };
		expect(
			(await search({ filterGroups: [{ filters: [{ ...filter, propertyName: 'shoe_size' }] }] })).body.errors[0].code,
		).toBe('PROPERTY_DOESNT_EXIST');
		expect((await search({ filterGroups: [{ filters: [{ ...filter, operator: 'LIKE' }] }] })).status).toBe(400);
		expect(
			(await search({ filterGroups: Array.from({ length: MAX_FILTER_GROUPS + 1 }, () => ({ filters: [filter] })) }))
				.body.errors[0].code,
		).toBe('TOO_MANY_FILTER_GROUPS');
		expect(
			(await search({ filterGroups: [{ filters: Array.from({ length: MAX_FILTERS_PER_GROUP + 1 }, () => filter) }] }))
				.body.errors[0].code,
		).toBe('TOO_MANY_FILTERS');
		const total = Array.from({ length: 4 }, () => ({ filters: Array.from({ length: 5 }, () => filter) }));
		expect(total.length * 5).toBeGreaterThan(MAX_FILTERS_TOTAL);
		expect((await search({ filterGroups: total })).body.errors[0].code).toBe('TOO_MANY_FILTERS');
		expect(
			(await search({ filterGroups: [{ filters: Array.from({ length: MAX_FILTERS_PER_GROUP }, () => filter) }] }))
				.status,
		).toBe(200);
		expect((await search({ limit: 201 })).status).toBe(400);
		expect(
			(await search({ filterGroups: [{ filters: [{ propertyName: 'firstname', operator: 'IN' }] }] })).body.errors[0]
				.in,
		).toBe('filterGroups[0].filters[0].values');
		expect(
			(await search({ filterGroups: [{ filters: [{ propertyName: 'firstname', operator: 'BETWEEN', value: 'a' }] }] }))
				.status,
		).toBe(400);
	});

	test('search is not rate-limit-headed', async () => {
		const r = await search({});
		expect(r.headers.get('x-hubspot-ratelimit-max')).toBeNull();
		expect(r.headers.get('x-hubspot-ratelimit-daily-remaining')).toBeNull();
	});
});

describe('HubSpot simulator: search limits', () => {
	test(`paging reaches ${SEARCH_RESULT_CAP} results; beyond that is a 400 even though more exist`, async () => {
		seed(Array.from({ length: SEARCH_RESULT_CAP + 50 }, (_, i) => ({ firstname: `N${i}` })));
		const nearEnd = await search({ limit: 100, after: String(SEARCH_RESULT_CAP - 100) });
		expect(nearEnd.status).toBe(200);
		expect(nearEnd.body.total).toBe(SEARCH_RESULT_CAP + 50);
		expect(nearEnd.body.paging.next.after).toBe(String(SEARCH_RESULT_CAP));
		const beyond = await search({ limit: 100, after: nearEnd.body.paging.next.after });
		expect(beyond.status).toBe(400);
		expect(beyond.body).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ in: 'after' }] });
		// The documented way round: re-query with hs_object_id GT the last id seen.
		const lastId = nearEnd.body.results.at(-1).id;
		const requery = await search({
			limit: 100,
			filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: lastId }] }],
		});
		expect(requery.body.total).toBe(50);
	});

	test('its own per-second limit: the sixth search in a second is 429 SECONDLY; the next second is fine', async () => {
		const limited = await startSim({ searchPerSecond: 5 });
		try {
			const statuses: number[] = [];
			for (let i = 0; i < 6; i++)
				statuses.push((await limited.call('POST', '/crm/objects/2026-09/contacts/search', {})).status);
			expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
			const r = await limited.call('POST', '/crm/objects/2026-09/contacts/search', {});
			expect(r.body).toMatchObject({
				status: 'error',
				message: 'You have reached your secondly limit.',
				errorType: 'RATE_LIMIT',
				policyName: 'SECONDLY',
			});
			expect(r.headers.get('x-hubspot-ratelimit-max')).toBeNull();
			// Other endpoints are not affected by the search limit.
			expect((await limited.call('GET', '/crm/objects/2026-09/contacts')).status).toBe(200);
			limited.clock.advance(1000);
			expect((await limited.call('POST', '/crm/objects/2026-09/contacts/search', {})).status).toBe(200);
		} finally {
			await limited.sim.close();
		}
	});

	test('with an index lag, new and updated objects reach search only after the lag', async () => {
		const lagged = await startSim({ searchIndexLagMs: 2000, searchPerSecond: 100 });
		try {
			const find = async () =>
				(
					await lagged.call('POST', '/crm/objects/2026-09/contacts/search', { properties: ['firstname'] })
				).body.results.map((c: any) => c.properties.firstname);
			const created = await lagged.call('POST', '/crm/objects/2026-09/contacts', {
				properties: { firstname: 'Early' },
			});
			expect(await find()).toEqual([]);
			expect((await lagged.call('GET', `/crm/objects/2026-09/contacts/${created.body.id}`)).status).toBe(200); // reads are immediate
			lagged.clock.advance(2000);
			expect(await find()).toEqual(['Early']);
			await lagged.call('PATCH', `/crm/objects/2026-09/contacts/${created.body.id}`, {
				properties: { firstname: 'Late' },
			});
			expect(await find()).toEqual(['Early']);
			lagged.clock.advance(2000);
			expect(await find()).toEqual(['Late']);
		} finally {
			await lagged.sim.close();
		}
	});

	test('one slow object: its older change reaches search after a newer change of another', async () => {
		const made = await Promise.all(
			['Slow', 'Quick'].map((firstname) =>
				ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { firstname } }),
			),
		);
		const [slow, quick] = made.map((r) => r.body.id as string);
		expect((await ctx.call('PUT', `/_sim/search/slow/contacts/${slow}`, { extraLagMs: 5000 })).status).toBe(200);
		const changedSince = async (ms: number) =>
			names(
				await search({
					filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(ms) }] }],
					sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
					properties: ['firstname'],
				}),
			);
		ctx.clock.advance(1000);
		const t1 = ctx.clock.now();
		await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${slow}`, { properties: { firstname: 'Slow2' } });
		ctx.clock.advance(1000);
		await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${quick}`, { properties: { firstname: 'Quick2' } });
		expect(await changedSince(t1)).toEqual(['Quick2']);
		ctx.clock.advance(5000);
		expect(await changedSince(t1)).toEqual(['Slow2', 'Quick2']);
		// Once cleared, a later write of the object does not overtake its slow earlier one; after that, writes are quick.
		await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${slow}`, { properties: { firstname: 'Slow3' } });
		expect((await ctx.call('PUT', `/_sim/search/slow/contacts/${slow}`, { extraLagMs: 0 })).status).toBe(200);
		await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${slow}`, { properties: { firstname: 'Slow4' } });
		expect(await changedSince(t1)).toEqual(['Slow2', 'Quick2']);
		ctx.clock.advance(5000);
		await ctx.call('PATCH', `/crm/objects/2026-09/contacts/${slow}`, { properties: { firstname: 'Slow5' } });
		expect(await changedSince(t1)).toEqual(['Quick2', 'Slow5']);
		expect((await ctx.call('PUT', `/_sim/search/slow/contacts/${slow}`, { extraLagMs: -1 })).status).toBe(400);
	});
});
