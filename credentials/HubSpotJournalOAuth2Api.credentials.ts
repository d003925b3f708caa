import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The app-level token of a HubSpot OAuth app, for its Webhooks Journal: n8n fetches it with the client-credentials
 * grant from POST /oauth/v3/token (client id and secret in the body) and fetches a new one when it expires
 * (https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide). Static-auth apps, legacy
 * private apps and service keys have no journal.
 */
export class HubSpotJournalOAuth2Api implements ICredentialType {
	name = 'hubSpotJournalOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HubSpot Journal OAuth2 API';

	icon: Icon = { light: 'file:../icons/hubspotSync.svg', dark: 'file:../icons/hubspotSync.dark.svg' };

	documentationUrl = 'https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Portal ID',
			name: 'portalId',
			type: 'number',
			default: 0,
			required: true,
			description:
				'The HubSpot account (portal) whose changes to read: the journal token is the app’s, for every account that installed it',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: '4242',
			description: 'The app’s ID (its Auth page), recorded with the subscriptions it creates',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: 'Change only for a proxy or a test server',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["baseUrl"].replace(/\\/+$/, "")}}/oauth/v3/token',
			required: true,
		},
		{
			// The journal's read and subscription scopes, and the object scope of what it subscribes to (contacts).
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default:
				'developer.webhooks_journal.read developer.webhooks_journal.subscriptions.read developer.webhooks_journal.subscriptions.write crm.objects.contacts.read',
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

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			// The journal API version named in nodes/shared/hubspot/journal.ts.
			url: '/webhooks-journal/subscriptions/2026-03',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'HubSpot refused the app token (401). Check the client ID and secret on the app’s Auth page; the journal needs an OAuth app.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The app lacks a journal scope (403 MISSING_SCOPES): add developer.webhooks_journal.read, .subscriptions.read and .subscriptions.write to the app and upload the project.',
				},
			},
		],
	};
}
