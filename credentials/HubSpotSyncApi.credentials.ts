import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A HubSpot app dedicated to the sync (a project app with static auth, or a legacy private app): its token writes
 * to the CRM, its client secret signs the webhooks it sends, and its id is how the trigger recognises the sync's
 * own writes (https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/overview).
 * Or a service key, for the REST-only nodes
 * (https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/account-service-keys).
 * Named so it never collides with n8n's built-in HubSpot credentials.
 */
export class HubSpotSyncApi implements ICredentialType {
	name = 'hubSpotSyncApi';

	displayName = 'HubSpot Sync API';

	icon: Icon = { light: 'file:../icons/hubspotSync.svg', dark: 'file:../icons/hubspotSync.dark.svg' };

	documentationUrl = 'https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'App Type',
			name: 'appType',
			type: 'options',
			options: [
				{
					name: 'Project App or Legacy Private App',
					value: 'app',
					description: 'An app’s static access token: REST calls and webhooks',
				},
				{
					name: 'Service Key',
					value: 'serviceKey',
					description: 'REST calls only: HubSpot sends no webhooks for service keys',
				},
			],
			// Credentials saved before this field existed hold an app token.
			default: 'app',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'pat-na1-…',
			description:
				'The app’s access token (a project app’s Distribution tab, a legacy private app’s Auth tab) or the service key. Scopes: crm.objects.contacts.read and .write; crm.schemas.contacts.write for Ensure Properties; tickets and crm.objects.owners.read for tickets.',
		},
		{
			displayName: 'App Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Verifies the signatures of the webhooks this app sends (HubSpot Sync Trigger). Not needed by the action nodes.',
			displayOptions: { show: { appType: ['app'] } },
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: '4242',
			description:
				'The app’s ID. Changes this app writes are recognised by it, so the sync does not react to its own writes.',
			displayOptions: { show: { appType: ['app'] } },
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: 'Change only for a proxy or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	// The test lists one contact, which needs exactly one scope: a 403 here can only mean that scope is missing.
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
						'HubSpot refused the access token (401). Copy it again from the app (or the service key); a rotated token replaces the old one.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The token lacks the scope crm.objects.contacts.read (403 MISSING_SCOPES). Add it to the app’s required scopes (and reinstall it) or to the service key.',
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
