import { DEFAULT_HUBSPOT_CLIENT_ID } from '../../../simulators/hubspot';
import { startSim } from './helpers';

// The simulator's OAuth app: the authorize redirect, the token endpoint's three grants (form bodies only, as v3
// requires), expiry and refresh, introspection, and what the CRM routes accept.

const REDIRECT = 'https://n8n.example.com/rest/oauth2-credential/callback';
const CONTACTS = '/crm/objects/2026-09/contacts';

describe('HubSpot simulator: OAuth', () => {
	let ctx: Awaited<ReturnType<typeof startSim>>;
	beforeEach(async () => {
		ctx = await startSim();
	});
	afterEach(() => ctx.sim.close());

	const form = (path: string, fields: Record<string, string>, type = 'application/x-www-form-urlencoded') =>
		fetch(`${ctx.sim.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': type },
			body: new URLSearchParams(fields).toString(),
		}).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

	const app = () => ({ client_id: DEFAULT_HUBSPOT_CLIENT_ID, client_secret: ctx.sim.clientSecret });

	async function authorize(scope: string, extra: Record<string, string> = {}) {
		const url = new URL(`${ctx.sim.url}/oauth/authorize`);
		for (const [k, v] of Object.entries({
			client_id: DEFAULT_HUBSPOT_CLIENT_ID,
			redirect_uri: REDIRECT,
			scope,
			...extra,
		}))
			url.searchParams.set(k, v);
		return fetch(url, { redirect: 'manual' });
	}

	async function connect(scope = 'oauth crm.objects.contacts.read') {
		const redirect = new URL((await authorize(scope, { state: 's-1' })).headers.get('location') ?? '');
		const tokens = await form('/oauth/v3/token', {
			grant_type: 'authorization_code',
			code: redirect.searchParams.get('code') ?? '',
			redirect_uri: REDIRECT,
			...app(),
		});
		expect(tokens.status).toBe(200);
		return tokens.body;
	}

	test('authorize redirects to redirect_uri with a code and the state; the code buys tokens for the portal', async () => {
		const answer = await authorize('oauth crm.objects.contacts.read', { state: 'xyz' });
		expect(answer.status).toBe(302);
		const location = new URL(answer.headers.get('location') ?? '');
		expect(location.origin + location.pathname).toBe(REDIRECT);
		expect(location.searchParams.get('state')).toBe('xyz');

		const tokens = await form('/oauth/2026-09/token', {
			grant_type: 'authorization_code',
			code: location.searchParams.get('code') ?? '',
			redirect_uri: REDIRECT,
			...app(),
		});
		expect(tokens.body).toMatchObject({
			token_type: 'bearer',
			token_use: 'access_token',
			expires_in: 1800,
			hub_id: ctx.sim.portalId,
			scopes: ['oauth', 'crm.objects.contacts.read'],
		});
		expect(typeof tokens.body.refresh_token).toBe('string');
		expect((await ctx.call('GET', CONTACTS, undefined, tokens.body.access_token)).status).toBe(200);
		// A code buys tokens once.
		const again = await form('/oauth/v3/token', {
			grant_type: 'authorization_code',
			code: location.searchParams.get('code') ?? '',
			redirect_uri: REDIRECT,
			...app(),
		});
		expect(again).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR' } });
	});

	test('authorize refuses a scope the app does not allow and an unknown client', async () => {
		const scope = await authorize('oauth crm.objects.deals.read');
		expect(scope.status).toBe(400);
		expect(((await scope.json()) as { message: string }).message).toContain('crm.objects.deals.read');
		const client = await authorize('oauth', { client_id: 'someone-else' });
		expect(client.status).toBe(400);
	});

	test('an OAuth token carries only the scopes granted: a write needs the write scope', async () => {
		const tokens = await connect('oauth crm.objects.contacts.read');
		const write = await ctx.call('POST', CONTACTS, { properties: { email: 'a@example.com' } }, tokens.access_token);
		expect(write.status).toBe(403);
		expect(write.body.category).toBe('MISSING_SCOPES');
	});

	test('an expired access token is 401 EXPIRED_AUTHENTICATION until refreshed; the refresh token stays', async () => {
		const tokens = await connect();
		ctx.clock.advance(1800 * 1000 + 5000);
		const expired = await ctx.call('GET', CONTACTS, undefined, tokens.access_token);
		expect(expired.status).toBe(401);
		expect(expired.body.category).toBe('EXPIRED_AUTHENTICATION');

		const refreshed = await form('/oauth/v3/token', {
			grant_type: 'refresh_token',
			refresh_token: tokens.refresh_token,
			...app(),
		});
		expect(refreshed.body.refresh_token).toBe(tokens.refresh_token);
		expect(refreshed.body.access_token).not.toBe(tokens.access_token);
		expect((await ctx.call('GET', CONTACTS, undefined, refreshed.body.access_token)).status).toBe(200);
		expect(ctx.sim.oauth.tokenRequests.map((r) => r.grant_type)).toEqual(['authorization_code', 'refresh_token']);
	});

	test('the control route expires every access token at once', async () => {
		const tokens = await connect();
		const answer = await fetch(`${ctx.sim.url}/_sim/oauth/expire-access-tokens`, { method: 'POST' });
		expect(answer.status).toBe(200);
		expect((await ctx.call('GET', CONTACTS, undefined, tokens.access_token)).body.category).toBe(
			'EXPIRED_AUTHENTICATION',
		);
	});

	test('the token endpoint reads a form body only, and needs the app secret in it', async () => {
		const json = await fetch(`${ctx.sim.url}/oauth/v3/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ grant_type: 'client_credentials', ...app() }),
		});
		expect(json.status).toBe(400);
		const wrongSecret = await form('/oauth/v3/token', {
			grant_type: 'client_credentials',
			client_id: DEFAULT_HUBSPOT_CLIENT_ID,
			client_secret: 'not-the-secret',
		});
		expect(wrongSecret.status).toBe(401);
		const grant = await form('/oauth/v3/token', { grant_type: 'password', ...app() });
		expect(grant.body.message).toContain('grant_type');
	});

	test('a client-credentials token is for the app, not a portal: no refresh token, refused by the CRM', async () => {
		const tokens = await form('/oauth/v3/token', {
			grant_type: 'client_credentials',
			scope: 'developer.webhooks_journal.read',
			...app(),
		});
		expect(tokens.body).toMatchObject({ token_use: 'client_credentials', expires_in: 1800 });
		expect(tokens.body.refresh_token).toBeUndefined();
		expect(tokens.body.hub_id).toBeUndefined();
		expect((await ctx.call('GET', CONTACTS, undefined, tokens.body.access_token)).status).toBe(401);
	});

	test('introspection names the portal and scopes of a live token, and reports an ended one inactive', async () => {
		const tokens = await connect();
		const live = await form('/oauth/v3/token/introspect', { token: tokens.access_token, ...app() });
		expect(live.body).toMatchObject({ active: true, hub_id: ctx.sim.portalId, token_use: 'access_token' });
		ctx.sim.oauth.expireAccessTokens();
		expect((await form('/oauth/v3/token/introspect', { token: tokens.access_token, ...app() })).body).toEqual({
			active: false,
		});
	});

	test('the OAuth endpoints count against no API limit; the static token still works beside them', async () => {
		await connect();
		const requests = await ctx.call('GET', CONTACTS);
		expect(requests.status).toBe(200);
		expect(Number(requests.headers.get('x-hubspot-ratelimit-remaining'))).toBe(99);
	});
});
