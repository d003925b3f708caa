import {
	DEFAULT_HUBSPOT_CLIENT_ID,
	JOURNAL_MAX_BATCH_COUNT,
	JOURNAL_RETENTION_MS,
	type JournalEntry,
} from '../../../simulators/hubspot';
import { startSim } from './helpers';

// The webhooks journal: client-credentials auth and its scopes, OBJECT subscriptions, one entry per write,
// reads by offset (single and batch), pre-signed files, retention.

const SUBSCRIPTIONS = '/webhooks-journal/subscriptions/2026-03';
const LOCAL = '/webhooks-journal/journal-local/2026-03';
const GLOBAL = '/webhooks-journal/journal/2026-03';
const ALL_JOURNAL_SCOPES =
	'developer.webhooks_journal.read developer.webhooks_journal.subscriptions.read developer.webhooks_journal.subscriptions.write';

describe('HubSpot simulator: webhooks journal', () => {
	let ctx: Awaited<ReturnType<typeof startSim>>;
	let appToken: string;
	beforeEach(async () => {
		ctx = await startSim();
		appToken = await clientCredentials(ALL_JOURNAL_SCOPES);
	});
	afterEach(() => ctx.sim.close());

	const form = (fields: Record<string, string>) =>
		fetch(`${ctx.sim.url}/oauth/v3/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				client_id: DEFAULT_HUBSPOT_CLIENT_ID,
				client_secret: ctx.sim.clientSecret,
				...fields,
			}).toString(),
		}).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

	async function clientCredentials(scope: string): Promise<string> {
		const tokens = await form({ grant_type: 'client_credentials', scope });
		expect(tokens.status).toBe(200);
		return tokens.body.access_token as string;
	}

	const journal = (method: string, path: string, body?: unknown, token: string | null = appToken) =>
		ctx.call(method, path, body, token);
	const subscribe = (body: Record<string, unknown>) =>
		journal('POST', SUBSCRIPTIONS, { subscriptionType: 'OBJECT', objectTypeId: '0-1', ...body });
	const entries = (): readonly JournalEntry[] => ctx.sim.journal.entries;
	/** A contact made before any subscription, so that it writes no entry. */
	const contact = (properties: Record<string, string>) => ctx.sim.ui.create('contacts', properties);

	describe('auth', () => {
		test('the static token and a user access token are refused: the journal needs the client-credentials token', async () => {
			const staticToken = await journal('GET', SUBSCRIPTIONS, undefined, ctx.sim.token);
			expect(staticToken.status).toBe(401);
			expect(staticToken.body).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
			expect(staticToken.body.message).toContain('client credentials');

			const redirect = 'https://n8n.example.com/callback';
			const authorize = await fetch(
				`${ctx.sim.url}/oauth/authorize?${new URLSearchParams({ client_id: DEFAULT_HUBSPOT_CLIENT_ID, redirect_uri: redirect, scope: 'oauth' })}`,
				{ redirect: 'manual' },
			);
			const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
			const user = await form({ grant_type: 'authorization_code', code, redirect_uri: redirect });
			const userToken = await journal('GET', `${LOCAL}/latest`, undefined, user.body.access_token);
			expect(userToken.status).toBe(401);
			expect(userToken.body.message).toContain('client credentials');

			expect((await journal('GET', SUBSCRIPTIONS, undefined, null)).status).toBe(401);
			expect((await journal('GET', SUBSCRIPTIONS)).status).toBe(200);
		});

		test('a missing scope is 403 MISSING_SCOPES naming one that would do', async () => {
			const readOnly = await clientCredentials('developer.webhooks_journal.subscriptions.read');
			expect((await journal('GET', SUBSCRIPTIONS, undefined, readOnly)).status).toBe(200);
			const write = await journal('POST', SUBSCRIPTIONS, { subscriptionType: 'OBJECT' }, readOnly);
			expect(write.status).toBe(403);
			expect(write.body).toMatchObject({
				category: 'MISSING_SCOPES',
				errors: [{ context: { requiredGranularScopes: ['developer.webhooks_journal.subscriptions.write'] } }],
			});
			const read = await journal('GET', `${GLOBAL}/latest`, undefined, readOnly);
			expect(read.status).toBe(403);
			expect(read.body.errors[0].context.requiredGranularScopes).toEqual(['developer.webhooks_journal.read']);
		});

		test("the spec's scope names work as the guide's do", async () => {
			const spec = await clientCredentials('webhooks-journal-data-access webhooks-journal-subscription-management');
			expect(
				(
					await journal(
						'POST',
						SUBSCRIPTIONS,
						{ subscriptionType: 'OBJECT', objectTypeId: '0-1', actions: ['CREATE'] },
						spec,
					)
				).status,
			).toBe(200);
			expect((await journal('GET', SUBSCRIPTIONS, undefined, spec)).status).toBe(200);
			expect((await journal('GET', `${LOCAL}/latest`, undefined, spec)).status).toBe(204);
			const readOnly = await clientCredentials('webhooks-journal-subscription-read');
			expect((await journal('GET', SUBSCRIPTIONS, undefined, readOnly)).status).toBe(200);
			expect((await journal('DELETE', `${SUBSCRIPTIONS}/portals/62515`, undefined, readOnly)).status).toBe(403);
		});

		test('a client-credentials token may ask for journal scopes and the app’s own, nothing else', async () => {
			expect(
				(
					await form({
						grant_type: 'client_credentials',
						scope: 'crm.objects.contacts.read webhooks-journal-snapshot-management',
					})
				).status,
			).toBe(200);
			const refused = await form({ grant_type: 'client_credentials', scope: 'crm.objects.deals.read' });
			expect(refused.status).toBe(400);
			expect(refused.body.message).toContain('crm.objects.deals.read');
		});

		test('journal calls are not rate limited and carry no rate-limit headers', async () => {
			await ctx.call('POST', '/_sim/rate-limits/drain', undefined, null);
			const answer = await journal('GET', SUBSCRIPTIONS);
			expect(answer.status).toBe(200);
			expect(answer.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
			expect((await ctx.call('GET', '/crm/objects/2026-09/contacts')).status).toBe(429);
		});
	});

	describe('subscriptions', () => {
		test('upsert on (type, object type, portal) keeps the id and replaces the lists; list, get, delete', async () => {
			const first = await subscribe({ portalId: 62515, actions: ['CREATE', 'UPDATE'], properties: ['email'] });
			expect(first.status).toBe(200);
			expect(first.body).toEqual({
				id: expect.any(Number),
				appId: ctx.sim.appId,
				subscriptionType: 'OBJECT',
				objectTypeId: '0-1',
				portalId: 62515,
				actions: ['CREATE', 'UPDATE'],
				properties: ['email'],
				createdAt: expect.any(String),
				updatedAt: expect.any(String),
			});
			ctx.clock.advance(1000);
			const second = await subscribe({ portalId: 62515, actions: ['DELETE'], objectIds: [7] });
			expect(second.body).toMatchObject({ id: first.body.id, actions: ['DELETE'], objectIds: [7] });
			expect(second.body.properties).toBeUndefined();
			expect(second.body.createdAt).toBe(first.body.createdAt);
			expect(second.body.updatedAt).not.toBe(first.body.updatedAt);
			const tickets = await subscribe({ objectTypeId: '0-5', actions: ['CREATE'] });
			expect(tickets.body.id).not.toBe(first.body.id);

			const list = await journal('GET', SUBSCRIPTIONS);
			expect(list.body.results.map((s: any) => s.id)).toEqual([first.body.id, tickets.body.id]);
			expect((await journal('GET', `${SUBSCRIPTIONS}/${tickets.body.id}`)).body.objectTypeId).toBe('0-5');
			expect((await journal('DELETE', `${SUBSCRIPTIONS}/${tickets.body.id}`)).status).toBe(204);
			expect((await journal('GET', `${SUBSCRIPTIONS}/${tickets.body.id}`)).status).toBe(404);
			expect((await journal('DELETE', `${SUBSCRIPTIONS}/portals/62515`)).status).toBe(204);
			expect((await journal('GET', SUBSCRIPTIONS)).body.results).toEqual([]);
		});

		test('bodies outside the modelled OBJECT subscription are 400s naming the field', async () => {
			const association = await journal('POST', SUBSCRIPTIONS, {
				subscriptionType: 'ASSOCIATION',
				objectTypeId: '0-1',
				associatedObjectTypeIds: ['0-5'],
				actions: ['ASSOCIATION_ADDED'],
			});
			expect(association.status).toBe(400);
			expect(association.body.message).toContain('does not model');
			const unknown = await subscribe({ actions: ['CREATE'], propertyName: 'email' });
			expect(unknown.body).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ in: 'propertyName' }] });
			const badAction = await subscribe({ actions: ['CREATED'] });
			expect(badAction.body.errors[0].in).toBe('actions');
			const unmodelledAction = await subscribe({ actions: ['SNAPSHOT'] });
			expect(unmodelledAction.status).toBe(400);
			expect(unmodelledAction.body.message).toContain('not modelled');
			expect((await subscribe({ objectTypeId: '0-2', actions: ['CREATE'] })).body.errors[0].in).toBe('objectTypeId');
			expect(ctx.sim.journal.subscriptions).toEqual([]);
		});
	});

	describe('entries', () => {
		test('a UI edit is one entry carrying only the subscribed properties that changed', async () => {
			const ana = contact({ email: 'ana@example.com', firstname: 'Ana' });
			await subscribe({ actions: ['UPDATE'], properties: ['firstname', 'lastname'] });
			ctx.sim.ui.update('contacts', ana.id, { firstname: 'Anna', lastname: 'Lee', phone: '+62811' });
			expect(entries()).toHaveLength(1);
			expect(entries()[0]).toEqual({
				offset: expect.stringMatching(/^[0-9a-f-]{36}$/),
				publishedAt: new Date(ctx.clock.now()).toISOString(),
				journalEvents: [
					{
						type: 'OBJECT',
						portalId: ctx.sim.portalId,
						occurredAt: ctx.clock.now(),
						action: 'UPDATE',
						objectTypeId: '0-1',
						objectId: Number(ana.id),
						propertyChanges: [
							{ propertyName: 'firstname', newValue: 'Anna' },
							{ propertyName: 'lastname', newValue: 'Lee' },
						],
					},
				],
			});
		});

		test('a change to an unsubscribed property, or to an object not listed, writes nothing', async () => {
			const ana = contact({ email: 'ana@example.com' });
			const bob = contact({ email: 'bob@example.com' });
			await subscribe({ actions: ['UPDATE'], properties: ['firstname'], objectIds: [Number(ana.id)] });
			ctx.sim.ui.update('contacts', ana.id, { phone: '+62811' });
			ctx.sim.ui.update('contacts', bob.id, { firstname: 'Bob' });
			expect(entries()).toEqual([]);
			ctx.sim.ui.update('contacts', ana.id, { firstname: 'Ana' });
			expect(entries()).toHaveLength(1);
		});

		test('an API batch write is one entry with an event per object; creates carry what they set', async () => {
			const ana = contact({ email: 'ana@example.com' });
			await subscribe({ actions: ['CREATE', 'UPDATE'], properties: ['firstname'] });
			const created = await ctx.call('POST', '/crm/objects/2026-09/contacts/batch/create', {
				inputs: [
					{ properties: { email: 'c1@example.com', firstname: 'C1' } },
					{ properties: { email: 'c2@example.com' } },
				],
			});
			expect(created.status).toBe(200);
			const updated = await ctx.call('POST', '/crm/objects/2026-09/contacts/batch/update', {
				inputs: [
					{ id: ana.id, properties: { firstname: 'Ana', phone: '+62811' } },
					{ id: created.body.results[1].id, properties: { phone: '+62812' } },
				],
			});
			expect(updated.status).toBe(200);
			expect(entries()).toHaveLength(2);
			const ids = created.body.results.map((r: any) => Number(r.id)).sort();
			expect(entries()[0].journalEvents.map((e) => [e.action, e.objectId, e.propertyChanges])).toEqual([
				['CREATE', ids[0], [{ propertyName: 'firstname', newValue: 'C1' }]],
				['CREATE', ids[1], []],
			]);
			// The second contact's phone change is not subscribed: only Ana's event.
			expect(entries()[1].journalEvents).toEqual([
				expect.objectContaining({
					action: 'UPDATE',
					objectId: Number(ana.id),
					propertyChanges: [{ propertyName: 'firstname', newValue: 'Ana' }],
				}),
			]);
		});

		test('delete, restore and merge are journaled without property changes; tickets by 0-5', async () => {
			const ana = contact({ email: 'ana@example.com' });
			const bob = contact({ email: 'bob@example.com' });
			await subscribe({ actions: ['DELETE', 'RESTORE', 'MERGE'] });
			await subscribe({ objectTypeId: '0-5', actions: ['CREATE'] });
			ctx.sim.ui.delete('contacts', bob.id);
			ctx.sim.ui.restore('contacts', bob.id);
			await ctx.call('POST', '/crm/objects/2026-09/contacts/merge', {
				primaryObjectId: ana.id,
				objectIdToMerge: bob.id,
			});
			const ticket = ctx.sim.ui.create('tickets', { subject: 'Help', hs_pipeline: '0', hs_pipeline_stage: '1' });
			expect(entries().map((e) => e.journalEvents.map((j) => [j.action, j.objectTypeId, j.objectId]))).toEqual([
				[['DELETE', '0-1', Number(bob.id)]],
				[['RESTORE', '0-1', Number(bob.id)]],
				[['MERGE', '0-1', Number(ana.id)]],
				[['CREATE', '0-5', Number(ticket.id)]],
			]);
			expect(entries()[0].journalEvents[0].propertyChanges).toBeUndefined();
		});

		test("a subscription for another portal matches nothing in the simulator's", async () => {
			await subscribe({ portalId: 999, actions: ['CREATE'] });
			contact({ email: 'ana@example.com' });
			expect(entries()).toEqual([]);
		});
	});

	describe('reads', () => {
		/** Subscribes to contact creations and makes `n` contacts, one entry each, a second apart. */
		async function entriesOf(n: number): Promise<string[]> {
			await subscribe({ actions: ['CREATE'] });
			for (let i = 0; i < n; i++) {
				contact({ email: `p${i}@example.com` });
				ctx.clock.advance(1000);
			}
			return entries().map((e) => e.offset);
		}

		test('an empty journal: earliest and latest are 204, batches empty', async () => {
			for (const base of [LOCAL, GLOBAL]) {
				const earliest = await journal('GET', `${base}/earliest`);
				expect(earliest.status).toBe(204);
				expect(earliest.body).toBeUndefined();
				expect((await journal('GET', `${base}/latest`)).status).toBe(204);
				expect((await journal('GET', `${base}/batch/earliest/10`)).body).toMatchObject({
					status: 'COMPLETE',
					results: [],
				});
			}
		});

		test('earliest, latest and next walk the entries; next of the newest is 204', async () => {
			const offsets = await entriesOf(3);
			const earliest = await journal('GET', `${LOCAL}/earliest?installPortalId=${ctx.sim.portalId}`);
			expect(earliest.body).toEqual({
				currentOffset: offsets[0],
				expiresAt: new Date(Date.parse(entries()[0].publishedAt) + JOURNAL_RETENTION_MS).toISOString(),
				url: expect.stringContaining(`${ctx.sim.url}/_files/webhooks-journal/${offsets[0]}?`),
			});
			expect((await journal('GET', `${GLOBAL}/latest`)).body.currentOffset).toBe(offsets[2]);
			expect((await journal('GET', `${LOCAL}/offset/${offsets[0]}/next`)).body.currentOffset).toBe(offsets[1]);
			const end = await journal('GET', `${LOCAL}/offset/${offsets[2]}/next`);
			expect(end.status).toBe(204);
			expect(end.body).toBeUndefined();
			expect((await journal('GET', `${LOCAL}/offset/00000000-0000-4000-8000-000000000000/next`)).status).toBe(404);
			const otherPortal = await journal('GET', `${LOCAL}/latest?installPortalId=999`);
			expect(otherPortal.status).toBe(404);
		});

		test('batches page by count: earliest, next after an offset, latest (oldest first)', async () => {
			const offsets = await entriesOf(5);
			const page = async (path: string) => {
				const answer = await journal('GET', `${LOCAL}/${path}`);
				expect(answer.status).toBe(200);
				expect(answer.body).toMatchObject({
					status: 'COMPLETE',
					startedAt: expect.any(String),
					completedAt: expect.any(String),
				});
				return answer.body.results.map((r: any) => r.currentOffset);
			};
			expect(await page('batch/earliest/2')).toEqual(offsets.slice(0, 2));
			expect(await page(`batch/${offsets[1]}/next/2`)).toEqual(offsets.slice(2, 4));
			expect(await page(`batch/${offsets[3]}/next/2`)).toEqual([offsets[4]]);
			expect(await page(`batch/${offsets[4]}/next/2`)).toEqual([]);
			expect(await page('batch/latest/3')).toEqual(offsets.slice(2));
			expect(await page('batch/latest/100')).toEqual(offsets);
			for (const bad of ['0', String(JOURNAL_MAX_BATCH_COUNT + 1), 'ten'])
				expect((await journal('GET', `${LOCAL}/batch/earliest/${bad}`)).body).toMatchObject({
					category: 'VALIDATION_ERROR',
					errors: [{ in: 'count' }],
				});
		});

		test('an offset older than three days is gone: 404, and earliest moves on', async () => {
			const offsets = await entriesOf(1);
			ctx.clock.advance(JOURNAL_RETENTION_MS - 2000);
			contact({ email: 'late@example.com' });
			// The app's token lasts 30 minutes: an expired one is EXPIRED_AUTHENTICATION, as on the CRM routes.
			expect((await journal('GET', `${LOCAL}/earliest`)).body.category).toBe('EXPIRED_AUTHENTICATION');
			appToken = await clientCredentials(ALL_JOURNAL_SCOPES);
			expect((await journal('GET', `${LOCAL}/batch/${offsets[0]}/next/10`)).body.results).toHaveLength(1);
			ctx.clock.advance(2000);
			const expired = await journal('GET', `${LOCAL}/batch/${offsets[0]}/next/10`);
			expect(expired.status).toBe(404);
			expect(expired.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
			expect((await journal('GET', `${LOCAL}/offset/${offsets[0]}/next`)).status).toBe(404);
			expect((await journal('GET', `${LOCAL}/earliest`)).body.currentOffset).toBe(entries()[0].offset);
			expect(entries()).toHaveLength(1);
		});

		test('the retention is a control setting', async () => {
			await entriesOf(1);
			const set = await fetch(`${ctx.sim.url}/_sim/journal/retention`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ms: 500 }),
			});
			expect(set.status).toBe(200);
			// entriesOf advanced the clock a second past the entry.
			const listed = (await (await fetch(`${ctx.sim.url}/_sim/journal/entries`)).json()) as { results: unknown[] };
			expect(listed.results).toEqual([]);
			expect(ctx.sim.journal.retentionMs).toBe(500);
		});

		test('batch/read answers the offsets it has, 207 with errors for the others', async () => {
			const offsets = await entriesOf(2);
			const all = await journal('POST', `${GLOBAL}/batch/read`, { inputs: offsets });
			expect(all.status).toBe(200);
			expect(all.body.results.map((r: any) => r.currentOffset)).toEqual(offsets);
			const unknown = '00000000-0000-4000-8000-000000000000';
			const partial = await journal('POST', `${LOCAL}/batch/read`, { inputs: [offsets[1], unknown] });
			expect(partial.status).toBe(207);
			expect(partial.body).toMatchObject({
				status: 'COMPLETE',
				results: [{ currentOffset: offsets[1] }],
				numErrors: 1,
				errors: [{ category: 'OBJECT_NOT_FOUND', context: { offset: [unknown] } }],
			});
			expect((await journal('POST', `${LOCAL}/batch/read`, { offsets })).status).toBe(400);
		});
	});

	describe('files', () => {
		async function latestUrl(): Promise<string> {
			await subscribe({ actions: ['CREATE'] });
			contact({ email: 'ana@example.com', firstname: 'Ana' });
			return (await journal('GET', `${LOCAL}/latest`)).body.url as string;
		}

		test('the pre-signed URL serves the entry without a token, and is not an API call', async () => {
			const url = await latestUrl();
			const file = await fetch(url);
			expect(file.status).toBe(200);
			expect(file.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
			const entry = entries()[0];
			expect(await file.json()).toEqual({
				offset: entry.offset,
				journalEvents: entry.journalEvents,
				publishedAt: entry.publishedAt,
			});
			expect(entry.journalEvents[0].propertyChanges).toEqual(
				expect.arrayContaining([{ propertyName: 'firstname', newValue: 'Ana' }]),
			);
		});

		test('an Authorization header is a 400; a tampered signature or another offset a 403; an expired URL a 403', async () => {
			const url = await latestUrl();
			const withAuth = await fetch(url, { headers: { authorization: `Bearer ${appToken}` } });
			expect(withAuth.status).toBe(400);
			expect(await withAuth.text()).toContain('Only one auth mechanism');
			const signature = new URL(url).searchParams.get('signature') ?? '';
			const tampered = url.replace(signature, `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
			expect((await fetch(tampered)).status).toBe(403);
			const otherOffset = url.replace(entries()[0].offset, '00000000-0000-4000-8000-000000000000');
			expect((await fetch(otherOffset)).status).toBe(403);
			const later = new URL(url);
			later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 1));
			expect((await fetch(later)).status).toBe(403);
			ctx.clock.advance(JOURNAL_RETENTION_MS);
			expect((await fetch(url)).status).toBe(403);
		});
	});
});
