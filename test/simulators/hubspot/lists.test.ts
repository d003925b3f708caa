import { ALL_SCOPES, createList, LIST_SCOPES, MEMBERSHIPS_MAX_LIMIT } from '../../../simulators/hubspot';
import { startSim } from './helpers';

// The Lists API (segments): MANUAL and SNAPSHOT contact lists, their memberships, scopes and refusals.

let ctx: Awaited<ReturnType<typeof startSim>>;
beforeEach(async () => {
	ctx = await startSim();
});
afterEach(() => ctx.sim.close());

const LISTS = '/crm/lists/2026-09';

/** Contacts made in-process (fast; the API's own create is covered elsewhere). */
function contacts(n: number): string[] {
	return Array.from(
		{ length: n },
		(_, i) => ctx.sim.store.create('contacts', { email: `c${i}@example.com` }, ctx.sim.apiWriter).id,
	);
}

async function newList(name: string, processingType = 'MANUAL', base = LISTS): Promise<string> {
	const r = await ctx.call('POST', base, { name, objectTypeId: '0-1', processingType });
	if (r.status !== 200) throw new Error(`could not create list ${name}: ${JSON.stringify(r.body)}`);
	return r.body.list.listId as string;
}

async function memberIds(listId: string): Promise<string[]> {
	const r = await ctx.call('GET', `${LISTS}/${listId}/memberships?limit=${MEMBERSHIPS_MAX_LIMIT}`);
	expect(r.status).toBe(200);
	expect(r.body.paging).toBeUndefined();
	return r.body.results.map((m: { recordId: string }) => m.recordId);
}

describe('HubSpot simulator: lists (segments)', () => {
	test('a created list is answered as {list}, and fetched by id and by name on both dated versions', async () => {
		const created = await ctx.call('POST', LISTS, {
			name: 'WhatsApp opt-ins / 2026',
			objectTypeId: '0-1',
			processingType: 'MANUAL',
			membershipSettings: { includeUnassigned: true },
		});
		expect(created.status).toBe(200);
		const now = new Date(ctx.clock.now()).toISOString();
		expect(created.body).toEqual({
			list: {
				listId: expect.stringMatching(/^\d+$/),
				listVersion: 1,
				name: 'WhatsApp opt-ins / 2026',
				objectTypeId: '0-1',
				processingType: 'MANUAL',
				processingStatus: 'COMPLETE',
				createdAt: now,
				updatedAt: now,
				size: 0,
				membershipSettings: { includeUnassigned: true },
			},
		});
		const { listId } = created.body.list;
		for (const version of ['2026-03', '2026-09']) {
			const byId = await ctx.call('GET', `/crm/lists/${version}/${listId}`);
			expect(byId.status).toBe(200);
			expect(byId.body).toEqual(created.body);
			const byName = await ctx.call(
				'GET',
				`/crm/lists/${version}/object-type-id/0-1/name/${encodeURIComponent('WhatsApp opt-ins / 2026')}`,
			);
			expect(byName.status).toBe(200);
			expect(byName.body).toEqual(created.body);
		}
		const unknownId = await ctx.call('GET', `${LISTS}/987654`);
		expect(unknownId.status).toBe(404);
		expect(unknownId.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
		expect((await ctx.call('GET', `${LISTS}/object-type-id/0-1/name/whatsapp%20opt-ins`)).status).toBe(404);
		// SNAPSHOT lists (without filters) are modelled too.
		const snapshot = await ctx.call('POST', '/crm/lists/2026-03', {
			name: 'Snapshot',
			objectTypeId: '0-1',
			processingType: 'SNAPSHOT',
		});
		expect(snapshot.body.list).toMatchObject({ processingType: 'SNAPSHOT', processingStatus: 'COMPLETE' });
		expect(snapshot.body.list.listId).not.toBe(listId);
	});

	test('a second list with the same name is a 400, and nothing is created', async () => {
		const first = await newList('VIP');
		const again = await ctx.call('POST', LISTS, { name: 'VIP', objectTypeId: '0-1', processingType: 'SNAPSHOT' });
		expect(again.status).toBe(400);
		expect(again.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
		expect(again.body.errors[0].in).toBe('name');
		const byName = await ctx.call('GET', `${LISTS}/object-type-id/0-1/name/VIP`);
		expect(byName.body.list.listId).toBe(first);
		// Once deleted, the name is free again.
		expect((await ctx.call('DELETE', `${LISTS}/${first}`)).status).toBe(204);
		expect((await ctx.call('POST', LISTS, { name: 'VIP', objectTypeId: '0-1', processingType: 'MANUAL' })).status).toBe(
			200,
		);
	});

	test('DYNAMIC lists, filterBranch and object types other than contacts are refused, saying why', async () => {
		const dynamic = await ctx.call('POST', LISTS, { name: 'D', objectTypeId: '0-1', processingType: 'DYNAMIC' });
		expect(dynamic.status).toBe(400);
		expect(dynamic.body.category).toBe('VALIDATION_ERROR');
		expect(dynamic.body.message).toContain('MANUAL and SNAPSHOT');
		expect(dynamic.body.errors[0].in).toBe('processingType');
		const filtered = await ctx.call('POST', LISTS, {
			name: 'F',
			objectTypeId: '0-1',
			processingType: 'SNAPSHOT',
			filterBranch: { filterBranchType: 'OR', filterBranches: [], filters: [] },
		});
		expect(filtered.status).toBe(400);
		expect(filtered.body.errors[0].in).toBe('filterBranch');
		const tickets = await ctx.call('POST', LISTS, { name: 'T', objectTypeId: '0-5', processingType: 'MANUAL' });
		expect(tickets.status).toBe(400);
		expect(tickets.body.message).toContain('0-1');
		expect((await ctx.call('GET', `${LISTS}/object-type-id/0-5/name/T`)).status).toBe(400);
		const unknownType = await ctx.call('POST', LISTS, { name: 'X', objectTypeId: '0-1', processingType: 'STATIC' });
		expect(unknownType.status).toBe(400);
		expect(unknownType.body.errors[0].in).toBe('processingType');
		expect(ctx.sim.store.objects.contacts.size).toBe(0);
		expect((await ctx.call('GET', `${LISTS}/object-type-id/0-1/name/D`)).status).toBe(404);
	});

	test('an unknown body key, or a missing required field, is a 400 naming it', async () => {
		const unknown = await ctx.call('POST', LISTS, {
			name: 'U',
			objectTypeId: '0-1',
			processingType: 'MANUAL',
			listType: 'STATIC',
		});
		expect(unknown.status).toBe(400);
		expect(unknown.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
		expect(unknown.body.errors.map((e: { in: string }) => e.in)).toEqual(['listType']);
		const nested = await ctx.call('POST', LISTS, {
			name: 'U',
			objectTypeId: '0-1',
			processingType: 'MANUAL',
			membershipSettings: { teamId: 1 },
		});
		expect(nested.status).toBe(400);
		expect(nested.body.errors[0].in).toBe('membershipSettings.teamId');
		const missing = await ctx.call('POST', LISTS, { name: 'U' });
		expect(missing.status).toBe(400);
		expect(missing.body.errors.map((e: { in: string }) => e.in)).toEqual(['objectTypeId', 'processingType']);
		expect((await ctx.call('GET', `${LISTS}/object-type-id/0-1/name/U`)).status).toBe(404);
		// add-and-remove takes exactly its two arrays.
		const listId = await newList('A');
		const extra = await ctx.call('PUT', `${LISTS}/${listId}/memberships/add-and-remove`, {
			recordIdsToAdd: [],
			recordIdsToRemove: [],
			recordIdsToKeep: [],
		});
		expect(extra.status).toBe(400);
		expect(extra.body.errors[0].in).toBe('recordIdsToKeep');
	});

	test('add, remove and add-and-remove report added, removed and missing ids (recordsIdsAdded, as HubSpot spells it)', async () => {
		const [a, b, c, gone] = contacts(4);
		await ctx.call('DELETE', `/crm/objects/2026-09/contacts/${gone}`);
		const listId = await newList('Members');
		const members = `${LISTS}/${listId}/memberships`;

		const add = await ctx.call('PUT', `${members}/add`, [a, b, '999999', gone, a]);
		expect(add.status).toBe(200);
		expect(add.body).toEqual({ recordsIdsAdded: [a, b], recordIdsRemoved: [], recordIdsMissing: ['999999', gone] });
		// Already a member: ignored, not added again.
		const again = await ctx.call('PUT', `${members}/add`, [a, c]);
		expect(again.body).toEqual({ recordsIdsAdded: [c], recordIdsRemoved: [], recordIdsMissing: [] });
		expect(await memberIds(listId)).toEqual([a, b, c]);

		// Not a member: ignored; not a contact: missing.
		const remove = await ctx.call('PUT', `${members}/remove`, [b, b, '999999']);
		expect(remove.body).toEqual({ recordsIdsAdded: [], recordIdsRemoved: [b], recordIdsMissing: ['999999'] });
		expect((await ctx.call('PUT', `${members}/remove`, [b])).body.recordIdsRemoved).toEqual([]);
		expect(await memberIds(listId)).toEqual([a, c]);

		const both = await ctx.call('PUT', `${members}/add-and-remove`, {
			recordIdsToAdd: [b, '888888'],
			recordIdsToRemove: [a],
		});
		expect(both.status).toBe(200);
		expect(both.body).toEqual({ recordsIdsAdded: [b], recordIdsRemoved: [a], recordIdsMissing: ['888888'] });
		expect(await memberIds(listId)).toEqual([b, c]);
		expect((await ctx.call('GET', `${LISTS}/${listId}`)).body.list.size).toBe(2);

		// Bodies that are not arrays of id strings, and one id in both arrays, are refused with nothing changed.
		for (const body of [{ ids: [a] }, [Number(a)], ['not-an-id']]) {
			const r = await ctx.call('PUT', `${members}/add`, body);
			expect(r.status).toBe(400);
			expect(r.body.category).toBe('VALIDATION_ERROR');
		}
		expect((await ctx.call('PUT', `${members}/add-and-remove`, { recordIdsToAdd: [a] })).status).toBe(400);
		const conflict = await ctx.call('PUT', `${members}/add-and-remove`, {
			recordIdsToAdd: [a],
			recordIdsToRemove: [a],
		});
		expect(conflict.status).toBe(400);
		expect(await memberIds(listId)).toEqual([b, c]);
		expect((await ctx.call('PUT', `${LISTS}/424242/memberships/add`, [a])).status).toBe(404);
	});

	test('600 members read with limit 250 come in 3 pages, ascending by recordId, none repeated', async () => {
		const ids = contacts(600);
		const listId = await newList('Big');
		// Added out of order, in two calls: the pages must still come by recordId.
		const shuffled = [...ids].reverse();
		const first = await ctx.call('PUT', `${LISTS}/${listId}/memberships/add`, shuffled.slice(0, 350));
		const second = await ctx.call('PUT', `${LISTS}/${listId}/memberships/add`, shuffled.slice(350));
		expect(first.body.recordsIdsAdded).toHaveLength(350);
		expect(second.body.recordsIdsAdded).toHaveLength(250);

		const pagesOf = async (limit: number) => {
			const pages: string[][] = [];
			let after: string | undefined;
			do {
				const r = await ctx.call(
					'GET',
					`${LISTS}/${listId}/memberships?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
				);
				expect(r.status).toBe(200);
				expect(r.body.total).toBe(600);
				for (const m of r.body.results)
					expect(m).toEqual({ recordId: expect.any(String), membershipTimestamp: expect.any(String) });
				pages.push(r.body.results.map((m: { recordId: string }) => m.recordId));
				after = r.body.paging?.next?.after;
				if (after) expect(after).not.toMatch(/^\d+$/); // opaque, not the bare id
			} while (after && pages.length < 10);
			return pages;
		};
		const pages = await pagesOf(250);
		expect(pages.map((p) => p.length)).toEqual([250, 250, 100]);
		const all = pages.flat();
		expect(new Set(all).size).toBe(600);
		expect(all).toEqual([...ids].sort((x, y) => Number(x) - Number(y)));
		// A last page that is exactly full has no paging.next (no empty page after it).
		expect((await pagesOf(200)).map((p) => p.length)).toEqual([200, 200, 200]);
		// The default page is 100.
		const byDefault = await ctx.call('GET', `${LISTS}/${listId}/memberships`);
		expect(byDefault.body.results).toHaveLength(100);
		expect(byDefault.body.paging.next.after).toEqual(expect.any(String));
	});

	test('limit above 250 or below 1, a bad cursor, and before without after are 400s', async () => {
		const listId = await newList('Limits');
		for (const query of ['limit=251', 'limit=0', 'limit=ten', 'after=bm9wZQ', 'before=abc']) {
			const r = await ctx.call('GET', `${LISTS}/${listId}/memberships?${query}`);
			expect(r.status).toBe(400);
			expect(r.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
		}
		expect((await ctx.call('GET', `${LISTS}/${listId}/memberships?limit=250`)).status).toBe(200);
		expect((await ctx.call('GET', `${LISTS}/424242/memberships`)).status).toBe(404);
	});

	test('a deleted or merged-away contact drops out of memberships and size; a restored one is back', async () => {
		const [a, b, c, d] = contacts(4);
		const listId = await newList('Churn');
		await ctx.call('PUT', `${LISTS}/${listId}/memberships/add`, [a, b, c, d]);
		expect((await ctx.call('DELETE', `/crm/objects/2026-09/contacts/${a}`)).status).toBe(204);
		const merged = await ctx.call('POST', '/crm/objects/2026-09/contacts/merge', {
			primaryObjectId: d,
			objectIdToMerge: c,
		});
		expect(merged.status).toBe(200);
		expect(await memberIds(listId)).toEqual([b, d]);
		const read = await ctx.call('GET', `${LISTS}/${listId}/memberships`);
		expect(read.body.total).toBe(2);
		expect((await ctx.call('GET', `${LISTS}/${listId}`)).body.list.size).toBe(2);
		// Restored from the recycle bin: a member again (memberships are filtered when read, not dropped).
		const restore = await fetch(`${ctx.sim.url}/_sim/crm/contacts/${a}/restore`, { method: 'POST' });
		expect(restore.status).toBe(200);
		expect(await memberIds(listId)).toEqual([a, b, d]);
	});

	test('reads need crm.lists.read and writes crm.lists.write, else 403 MISSING_SCOPES naming it', async () => {
		expect(ALL_SCOPES).toEqual(expect.arrayContaining(LIST_SCOPES));
		const listId = await newList('Scoped');
		const withScopes = async (scopes: string[], run: (c: typeof ctx) => Promise<void>) => {
			const other = await startSim({ scopes });
			try {
				await run(other);
			} finally {
				await other.sim.close();
			}
		};
		const required = (body: any) => [body.category, body.errors[0].context.requiredGranularScopes];
		const withoutLists = ALL_SCOPES.filter((s) => !LIST_SCOPES.includes(s));
		await withScopes(withoutLists, async (other) => {
			const create = await other.call('POST', LISTS, { name: 'N', objectTypeId: '0-1', processingType: 'MANUAL' });
			expect(create.status).toBe(403);
			expect(required(create.body)).toEqual(['MISSING_SCOPES', ['crm.lists.write']]);
			const get = await other.call('GET', `${LISTS}/1/memberships`);
			expect(get.status).toBe(403);
			expect(required(get.body)).toEqual(['MISSING_SCOPES', ['crm.lists.read']]);
			expect((await other.call('GET', '/crm/objects/2026-09/contacts')).status).toBe(200);
		});
		await withScopes(['crm.lists.read'], async (other) => {
			expect((await other.call('GET', `${LISTS}/424242`)).status).toBe(404);
			const add = await other.call('PUT', `${LISTS}/1/memberships/add`, []);
			expect(add.status).toBe(403);
			expect(required(add.body)).toEqual(['MISSING_SCOPES', ['crm.lists.write']]);
			expect((await other.call('DELETE', `${LISTS}/1`)).status).toBe(403);
		});
		// The specs ask for crm.lists.read on reads; crm.lists.write does not stand in for it.
		await withScopes(['crm.lists.write'], async (other) => {
			const get = await other.call('GET', `${LISTS}/1`);
			expect(required(get.body)).toEqual(['MISSING_SCOPES', ['crm.lists.read']]);
		});
		expect((await ctx.call('GET', `${LISTS}/${listId}`)).status).toBe(200);
	});

	test('list calls count against the ten-secondly limit like any other call', async () => {
		await ctx.sim.close();
		ctx = await startSim({ tenSecondlyLimit: 2 });
		const listId = await newList('Limited');
		const read = await ctx.call('GET', `${LISTS}/${listId}`);
		expect(read.status).toBe(200);
		expect(read.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
		const limited = await ctx.call('GET', `${LISTS}/${listId}/memberships`);
		expect(limited.status).toBe(429);
		expect(limited.body.policyName).toBe('TEN_SECONDLY_ROLLING');
	});

	test('deleting a list is 204; afterwards it, its memberships and its name are 404s', async () => {
		const [a] = contacts(1);
		const listId = await newList('Doomed');
		await ctx.call('PUT', `${LISTS}/${listId}/memberships/add`, [a]);
		const deleted = await ctx.call('DELETE', `${LISTS}/${listId}`);
		expect(deleted.status).toBe(204);
		expect(deleted.body).toBeUndefined();
		expect((await ctx.call('GET', `${LISTS}/${listId}`)).status).toBe(404);
		expect((await ctx.call('GET', `${LISTS}/${listId}/memberships`)).status).toBe(404);
		expect((await ctx.call('GET', `${LISTS}/object-type-id/0-1/name/Doomed`)).status).toBe(404);
		expect((await ctx.call('DELETE', `${LISTS}/${listId}`)).status).toBe(404);
		// The contact itself is untouched.
		expect((await ctx.call('GET', `/crm/objects/2026-09/contacts/${a}`)).status).toBe(200);
	});

	test('/crm/v3/lists is refused like other numbered paths, and served with numberedPaths: serve', async () => {
		const refused = await ctx.call('POST', '/crm/v3/lists', {
			name: 'V3',
			objectTypeId: '0-1',
			processingType: 'MANUAL',
		});
		expect(refused.status).toBe(404);
		expect(refused.body.message).toContain('numbered');
		await ctx.sim.close();
		ctx = await startSim({ numberedPaths: 'serve' });
		const listId = await newList('V3', 'MANUAL', '/crm/v3/lists');
		expect((await ctx.call('GET', `/crm/v3/lists/${listId}`)).body.list.name).toBe('V3');
		// One portal: the list is the same under the dated paths.
		expect((await ctx.call('GET', `${LISTS}/${listId}`)).body.list.name).toBe('V3');
	});

	test('createList makes a list with members in-process, as the API then shows it', async () => {
		const [a, b] = contacts(2);
		const list = createList(ctx.sim.store, 'Seeded', [b, a]);
		expect(list).toMatchObject({ name: 'Seeded', processingType: 'MANUAL', size: 2 });
		expect((await ctx.call('GET', `${LISTS}/${list.listId}`)).body.list).toEqual(list);
		expect(await memberIds(list.listId)).toEqual([a, b]);
		expect(() => createList(ctx.sim.store, 'Broken', ['999999'])).toThrow(/999999/);
		expect(() => createList(ctx.sim.store, 'Seeded')).toThrow(/already exists/);
	});
});
