import { randomBytes, randomUUID } from 'node:crypto';

import type { Clock } from '../common/clock';
import { header, type SimRequest, type SimResponse } from '../common/http';
import type { Router } from '../common/router';
import { isJournalScope } from './journal';

/** A local OAuth app's client id, not a real app's. */
export const DEFAULT_HUBSPOT_CLIENT_ID = 'local-test-client-id-hubspot-sim';

/** HubSpot's access tokens last 30 minutes ("currently 30 minutes", HubSpot's OAuth quickstart guide). */
export const ACCESS_TOKEN_TTL_SECONDS = 1800;
/** How long an authorization code may wait for its exchange (HubSpot documents none; a browser round trip). */
const CODE_TTL_MS = 10 * 60_000;
/** The user who approved the install in the simulated HubSpot UI. */
const INSTALLING_USER_ID = 7001;

/** The token endpoint's paths: v3 and the two dated versions (the same operation, HubSpot's auth specs). */
export const TOKEN_PATHS = ['/oauth/v3/token', '/oauth/2026-03/token', '/oauth/2026-09/token'];

export interface OAuthAppOptions {
	clientId: string;
	clientSecret: string;
	portalId: number;
	appId: number;
	/** Scopes the app's configuration allows; an authorize or client-credentials request for another is refused. */
	appScopes: string[];
	accessTokenTtlSeconds: number;
}

export interface TokenRequest {
	grant_type: string;
	at: number;
}

/** What a bearer token grants, or why it grants nothing. */
export type BearerGrant =
	| { kind: 'granted'; scopes: ReadonlySet<string>; use: 'access_token' | 'client_credentials' }
	| { kind: 'expired'; secondsAgo: number }
	| { kind: 'unknown' };

interface AccessToken {
	scopes: Set<string>;
	use: 'access_token' | 'client_credentials';
	expiresAt: number;
}

class OAuthRefusal extends Error {
	constructor(
		message: string,
		readonly status = 400,
	) {
		super(message);
	}
}

/**
 * HubSpot's OAuth 2.0 for one app installed in one portal: the authorize page (approved at once, as by a signed-in
 * super admin), the token endpoint (authorization code, refresh token, client credentials; form bodies only, as v3
 * requires) and introspection. https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/guide
 */
export class HubSpotOAuth {
	readonly tokenRequests: TokenRequest[] = [];
	private readonly codes = new Map<string, { scopes: string[]; redirectUri: string; expiresAt: number }>();
	private readonly accessTokens = new Map<string, AccessToken>();
	private readonly refreshTokens = new Map<string, string[]>();

	constructor(
		private readonly clock: Clock,
		readonly app: OAuthAppOptions,
	) {}

	get clientId(): string {
		return this.app.clientId;
	}

	routes(router: Router): void {
		router.add('GET', '/oauth/authorize', (req) => this.answer(() => this.authorize(req)));
		router.add('GET', '/oauth/:portal/authorize', (req) => this.answer(() => this.authorize(req)));
		for (const path of TOKEN_PATHS) router.add('POST', path, (req) => this.answer(() => this.token(req)));
		router.add('POST', '/oauth/v3/token/introspect', (req) => this.answer(() => this.introspect(req)));
	}

	/** What the bearer token of an API request grants. */
	lookup(bearer: string): BearerGrant {
		const token = this.accessTokens.get(bearer);
		if (!token) return { kind: 'unknown' };
		const now = this.clock.now();
		if (token.expiresAt <= now) return { kind: 'expired', secondsAgo: Math.floor((now - token.expiresAt) / 1000) };
		return { kind: 'granted', scopes: token.scopes, use: token.use };
	}

	/** Ends every access token now, as if 30 minutes had passed (refresh tokens stay valid). */
	expireAccessTokens(): number {
		const now = this.clock.now();
		for (const token of this.accessTokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
		return this.accessTokens.size;
	}

	private answer(run: () => SimResponse): SimResponse {
		try {
			return run();
		} catch (error) {
			if (!(error instanceof OAuthRefusal)) throw error;
			return {
				status: error.status,
				body: { message: error.message, correlationId: randomUUID(), category: 'VALIDATION_ERROR' },
			};
		}
	}

	private authorize(req: SimRequest): SimResponse {
		const clientId = req.query.get('client_id');
		const redirectUri = req.query.get('redirect_uri');
		if (clientId !== this.app.clientId) throw new OAuthRefusal(`unknown client_id ${clientId ?? '(none)'}`);
		if (!redirectUri) throw new OAuthRefusal('redirect_uri is required');
		const scopes = scopeList(req.query.get('scope'));
		const optional = scopeList(req.query.get('optional_scope'));
		const notAllowed = scopes.filter((s) => !this.app.appScopes.includes(s));
		if (notAllowed.length)
			throw new OAuthRefusal(`the app's configuration does not allow the scopes ${notAllowed.join(', ')}`);
		const code = randomUUID();
		this.codes.set(code, {
			scopes: [...scopes, ...optional.filter((s) => this.app.appScopes.includes(s) && !scopes.includes(s))],
			redirectUri,
			expiresAt: this.clock.now() + CODE_TTL_MS,
		});
		const target = new URL(redirectUri);
		target.searchParams.set('code', code);
		const state = req.query.get('state');
		if (state !== null) target.searchParams.set('state', state);
		return { status: 302, headers: { location: target.toString() }, body: '' };
	}

	private token(req: SimRequest): SimResponse {
		const form = formBody(req);
		const grantType = form.get('grant_type') ?? '';
		this.tokenRequests.push({ grant_type: grantType, at: this.clock.now() });
		if (form.get('client_id') !== this.app.clientId || form.get('client_secret') !== this.app.clientSecret)
			throw new OAuthRefusal('client_id and client_secret must be those of the app, in the request body', 401);
		switch (grantType) {
			case 'authorization_code':
				return this.exchangeCode(form);
			case 'refresh_token':
				return this.refresh(form);
			case 'client_credentials':
				return this.clientCredentials(form);
			default:
				throw new OAuthRefusal(
					`grant_type must be authorization_code, refresh_token or client_credentials, not "${grantType}"`,
				);
		}
	}

	private exchangeCode(form: URLSearchParams): SimResponse {
		const code = this.codes.get(form.get('code') ?? '');
		if (!code || code.expiresAt <= this.clock.now()) throw new OAuthRefusal('the authorization code is invalid');
		this.codes.delete(form.get('code') ?? '');
		if (form.get('redirect_uri') !== code.redirectUri)
			throw new OAuthRefusal('redirect_uri must be the one the code was issued for');
		return this.userTokens(code.scopes);
	}

	private refresh(form: URLSearchParams): SimResponse {
		const scopes = this.refreshTokens.get(form.get('refresh_token') ?? '');
		if (!scopes) throw new OAuthRefusal('the refresh token is invalid');
		return this.userTokens(scopes, form.get('refresh_token') ?? '');
	}

	/** An app-level token: any webhooks-journal scope (developer scopes, not installed ones) or the app's own. */
	private clientCredentials(form: URLSearchParams): SimResponse {
		const scopes = scopeList(form.get('scope'));
		const notAllowed = scopes.filter((s) => !isJournalScope(s) && !this.app.appScopes.includes(s));
		if (notAllowed.length)
			throw new OAuthRefusal(`the app's configuration does not allow the scopes ${notAllowed.join(', ')}`);
		const access = this.issue(scopes, 'client_credentials');
		return {
			status: 200,
			body: {
				access_token: access,
				expires_in: this.app.accessTokenTtlSeconds,
				token_type: 'bearer',
				token_use: 'client_credentials',
				scopes,
			},
		};
	}

	private userTokens(scopes: string[], keptRefreshToken?: string): SimResponse {
		const refreshToken = keptRefreshToken ?? `na1-${randomUUID()}`;
		this.refreshTokens.set(refreshToken, scopes);
		return {
			status: 200,
			body: {
				access_token: this.issue(scopes, 'access_token'),
				refresh_token: refreshToken,
				expires_in: this.app.accessTokenTtlSeconds,
				token_type: 'bearer',
				token_use: 'access_token',
				hub_id: this.app.portalId,
				user_id: INSTALLING_USER_ID,
				scopes,
			},
		};
	}

	private issue(scopes: string[], use: AccessToken['use']): string {
		const token = `sim-oauth-${randomBytes(24).toString('base64url')}`;
		const expiresAt = this.clock.now() + this.app.accessTokenTtlSeconds * 1000;
		this.accessTokens.set(token, { scopes: new Set(scopes), use, expiresAt });
		return token;
	}

	private introspect(req: SimRequest): SimResponse {
		const form = formBody(req);
		if (form.get('client_id') !== this.app.clientId || form.get('client_secret') !== this.app.clientSecret)
			throw new OAuthRefusal('client_id and client_secret must be those of the app, in the request body', 401);
		const token = this.accessTokens.get(form.get('token') ?? '');
		const now = this.clock.now();
		if (!token || token.expiresAt <= now) return { status: 200, body: { active: false } };
		return {
			status: 200,
			body: {
				active: true,
				app_id: this.app.appId,
				client_id: this.app.clientId,
				hub_id: this.app.portalId,
				scopes: [...token.scopes],
				token_use: token.use,
				expires_in: Math.floor((token.expiresAt - now) / 1000),
				user_id: INSTALLING_USER_ID,
				is_private_distribution: true,
			},
		};
	}
}

/** Scopes as a query or form value carries them: space-separated (a `+` arrives decoded), commas tolerated. */
function scopeList(value: string | null): string[] {
	return (value ?? '').split(/[\s,]+/).filter((s) => s.length > 0);
}

/** v3 takes its parameters in an `application/x-www-form-urlencoded` body only (query parameters were v1's). */
function formBody(req: SimRequest): URLSearchParams {
	const type = header(req, 'content-type') ?? '';
	if (!type.startsWith('application/x-www-form-urlencoded'))
		throw new OAuthRefusal(
			`the body must be application/x-www-form-urlencoded (got ${type || 'no content type'}); query parameters are not read`,
		);
	return new URLSearchParams(req.rawBody.toString('utf8'));
}
