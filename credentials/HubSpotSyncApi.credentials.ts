import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A HubSpot private app dedicated to the sync: its token writes to the CRM, its client secret signs the
 * webhooks it sends, and its id is how the trigger recognises the sync's own writes
 * (https://developers.hubspot.com/docs/api/webhooks).
 * Named so it never collides with n8n's built-in HubSpot credentials.
 */
export class HubSpotSyncApi implements ICredentialType {
	name = 'hubSpotSyncApi';

	displayName = 'HubSpot Sync API';

	icon: Icon = { light: 'file:../icons/hubspotSync.svg', dark: 'file:../icons/hubspotSync.dark.svg' };

	documentationUrl = 'https://developers.hubspot.com/docs/apps/legacy-apps/private-apps/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'Private App Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'pat-na1-…',
			description:
				'From the private app’s Auth tab. Scopes: crm.objects.contacts.read and .write; crm.schemas.contacts.write for Ensure Properties; tickets and crm.objects.owners.read for tickets.',
		},
		{
			displayName: 'App Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Verifies the signatures of the webhooks this app sends (HubSpot Sync Trigger). Not needed by the action nodes.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: '4242',
			description:
				'The private app’s ID. Changes this app writes are recognised by it, so the sync does not react to its own writes.',
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
						'HubSpot refused the access token (401). Copy it again from the private app’s Auth tab; a rotated token replaces the old one.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The private app lacks the scope crm.objects.contacts.read (403 MISSING_SCOPES). Add it in the app’s Scopes tab.',
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
