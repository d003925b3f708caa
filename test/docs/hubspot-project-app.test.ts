import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SUBSCRIPTION_TYPES } from '../../nodes/HubSpotSyncTrigger/description';
import { HUBSPOT_OAUTH_SCOPES } from '../../nodes/shared/hubspot/auth';
import { ALL_SCOPES } from '../../simulators/hubspot';
import {
	COMPANY_FIELDS_TO_KIRIM,
	CRM_FIELDS_TO_KIRIM,
	LABEL_CHOICE_PROPERTY,
	RECORD_EVENTS_TO_KIRIM,
} from '../../testkit/sandbox';

// The HubSpot project files shipped in docs/ (a static-auth app dedicated to the sync, and its webhooks) must ask
// for what the nodes need and subscribe only to what the trigger handles. Shapes follow HubSpot's app
// configuration reference (https://developers.hubspot.com/docs/apps/developer-platform/build-apps/app-configuration).

const dir = join(__dirname, '..', '..', 'docs', 'hubspot-project-app');
const json = (path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8'));

describe('docs/hubspot-project-app', () => {
	const project = json('hsproject.json');
	const app = json('src/app/app-hsmeta.json');
	const webhooks = json('src/app/webhooks/webhooks-hsmeta.json');

	test('a project whose source is src/', () => {
		expect(project).toEqual({
			name: expect.any(String),
			srcDir: 'src',
			platformVersion: expect.stringMatching(/^\d{4}\.\d{2}$/),
		});
	});

	test('a privately distributed app with static auth: required scopes only, no redirect URLs', () => {
		expect(app.type).toBe('app');
		expect(app.config).toMatchObject({ distribution: 'private', permittedUrls: { fetch: [], iframe: [], img: [] } });
		expect(Object.keys(app.config.auth).sort()).toEqual(['requiredScopes', 'type']);
		expect(app.config.auth.type).toBe('static');
	});

	test('asks for every scope the nodes use', () => {
		expect(app.config.auth.requiredScopes).toEqual(expect.arrayContaining([...ALL_SCOPES]));
	});

	test('webhooks: an HTTPS target, concurrency HubSpot accepts (more than 5), only events the trigger handles', () => {
		const { settings, subscriptions } = webhooks.config;
		expect(webhooks.type).toBe('webhooks');
		expect(new URL(settings.targetUrl).protocol).toBe('https:');
		expect(settings.maxConcurrentRequests).toBeGreaterThan(5);
		expect(settings.maxConcurrentRequests).toBeLessThanOrEqual(10);
		const handled = SUBSCRIPTION_TYPES.map((t) => t.value);
		const subscribed = [...(subscriptions.legacyCrmObjects ?? []), ...(subscriptions.hubEvents ?? [])];
		expect(subscribed.length).toBeGreaterThan(0);
		for (const s of subscribed) {
			expect(handled).toContain(s.subscriptionType);
			expect(s.active).toBe(true);
			if (s.subscriptionType.endsWith('.propertyChange')) expect(typeof s.propertyName).toBe('string');
		}
	});

	test('webhooks: everything the HubSpot → Kirim example acts on (its fields and the record events)', () => {
		const { subscriptions } = webhooks.config;
		const subscribed = [...(subscriptions.legacyCrmObjects ?? []), ...(subscriptions.hubEvents ?? [])];
		const properties = subscribed
			.filter((s) => s.subscriptionType === 'contact.propertyChange')
			.map((s) => s.propertyName);
		expect(properties).toEqual(expect.arrayContaining([...CRM_FIELDS_TO_KIRIM, LABEL_CHOICE_PROPERTY]));
		expect(subscribed.map((s) => s.subscriptionType)).toEqual(expect.arrayContaining(RECORD_EVENTS_TO_KIRIM));
		const companyProperties = subscribed
			.filter((s) => s.subscriptionType === 'company.propertyChange')
			.map((s) => s.propertyName);
		expect(companyProperties).toEqual(expect.arrayContaining(COMPANY_FIELDS_TO_KIRIM));
	});

	test('the OAuth variant: OAuth auth, n8n’s OAuth callback as the redirect URL, the scopes the OAuth2 credential asks for', () => {
		const oauth = json('oauth/app-hsmeta.json');
		expect({ ...oauth.config, auth: undefined }).toEqual({ ...app.config, auth: undefined });
		expect(oauth.config.auth.type).toBe('oauth');
		expect(new URL(oauth.config.auth.redirectUrls[0]).pathname).toBe('/rest/oauth2-credential/callback');
		// HubSpot refuses an install whose requested scopes differ from the app's required ones.
		expect([...oauth.config.auth.requiredScopes].sort()).toEqual([...HUBSPOT_OAUTH_SCOPES].sort());
	});
});
