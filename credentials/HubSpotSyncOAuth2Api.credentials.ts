import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * A HubSpot OAuth app (a project app with `auth.type: "oauth"`) installed in one portal through n8n's OAuth 2.0
 * flow: authorize at app.hubspot.com, tokens from POST /oauth/v3/token with the client id and secret in the body
 * (https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/guide). n8n refreshes the 30-minute access
 * token. The client secret also signs the app's webhooks; the App ID recognises the sync's own writes.
 */
export class HubSpotSyncOAuth2Api implements ICredentialType {
	name = 'hubSpotSyncOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HubSpot Sync OAuth2 API';

	icon: Icon = { light: 'file:../icons/hubspotSync.svg', dark: 'file:../icons/hubspotSync.dark.svg' };

	documentationUrl =
		'https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/oauth/working-with-oauth';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: '4242',
			description:
				'The app’s ID (its Auth page). Changes this app writes are recognised by it, so the sync does not react to its own writes.',
		},
		{
			displayName: 'Authorization Base URL',
			name: 'authBaseUrl',
			type: 'string',
			default: 'https://app.hubspot.com',
			description: 'Where HubSpot asks the portal’s user to install the app. Change only for a test server.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: 'Change only for a proxy or a test server',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{$self["authBaseUrl"].replace(/\\/+$/, "")}}/oauth/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["baseUrl"].replace(/\\/+$/, "")}}/oauth/v3/token',
			required: true,
		},
		{
			// The same list as HUBSPOT_OAUTH_SCOPES in nodes/shared/hubspot/auth.ts (a test keeps the two the same).
			// The app's configured scopes must include them all, or HubSpot refuses the install.
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default:
				'oauth crm.objects.contacts.read crm.objects.contacts.write crm.schemas.contacts.read crm.schemas.contacts.write tickets crm.objects.owners.read crm.lists.read crm.lists.write crm.objects.companies.read crm.objects.companies.write',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// HubSpot's v3 token endpoint reads client_id and client_secret from the form body only.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	// The same one-scope probe as the access-token credential: a 403 can only mean contacts.read is missing.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			// The API version named in nodes/shared/hubspot/api-version.ts (a test keeps the two the same).
			url: '/crm/objects/2026-09/contacts',
			qs: { limit: 1 },
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'HubSpot refused the OAuth token (401). Reconnect the credential; if it happens again, check the app is still installed in the portal.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The connection lacks the scope crm.objects.contacts.read (403 MISSING_SCOPES). Add it to the app’s required scopes, upload the project and reconnect.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message: 'HubSpot rate-limited the test (429). Wait ten seconds and test again.',
				},
			},
		],
	};
}
