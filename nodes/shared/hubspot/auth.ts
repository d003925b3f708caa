import type { ICredentialDataDecryptedObject, INode, INodeProperties } from 'n8n-workflow';

/** A HubSpot app's static access token, a legacy private app's token, or a service key. */
export const HUBSPOT_TOKEN_CREDENTIAL = 'hubSpotSyncApi';
/**
 * An OAuth app connected to one portal through n8n's OAuth 2.0 flow. (Named without "auth", which n8n's
 * secret lint takes for a secret.)
 */
export const HUBSPOT_CONNECTED_APP_CREDENTIAL = 'hubSpotSyncOAuth2Api';

export type HubSpotCredentialType = typeof HUBSPOT_TOKEN_CREDENTIAL | typeof HUBSPOT_CONNECTED_APP_CREDENTIAL;

/**
 * Scopes the sync asks for when a portal installs an OAuth app: contacts, their properties (Ensure Properties),
 * tickets, owners, lists (segment → label), companies (a contact's company), and `oauth`, which HubSpot adds to every app
 * (https://developers.hubspot.com/docs/apps/developer-platform/build-apps/app-configuration).
 */
export const HUBSPOT_OAUTH_SCOPES = [
	'oauth',
	'crm.objects.contacts.read',
	'crm.objects.contacts.write',
	'crm.schemas.contacts.read',
	'crm.schemas.contacts.write',
	'tickets',
	'crm.objects.owners.read',
	'crm.lists.read',
	'crm.lists.write',
	'crm.objects.companies.read',
	'crm.objects.companies.write',
] as const;

/**
 * The Authentication choice of the three HubSpot nodes. Its default is the credential every workflow saved before
 * OAuth existed uses, so those keep working unchanged. Each node lists both credentials with
 * `displayOptions: { show: { authentication: [...] } }` (written out there: n8n's lint reads them literally).
 */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{
			name: 'Access Token (Project App, Private App or Service Key)',
			value: 'accessToken',
		},
		{ name: 'OAuth2 (OAuth App)', value: 'oAuth2' },
	],
	default: 'accessToken',
};

/**
 * Which credential this node uses. Read from the node's parameters (n8n fills in defaults before a run), so it
 * works the same in every kind of node function.
 */
export function hubSpotCredentialTypeOf(node: INode): HubSpotCredentialType {
	return node.parameters?.authentication === 'oAuth2' ? HUBSPOT_CONNECTED_APP_CREDENTIAL : HUBSPOT_TOKEN_CREDENTIAL;
}

/** What the webhook trigger needs from either credential. */
export interface HubSpotAppIdentity {
	/** The app's client secret: it signs webhooks (X-HubSpot-Signature-v3). */
	clientSecret: string;
	/** The app's ID: `sourceId` of the app's own writes. */
	appId: string;
	/** The portal an OAuth install belongs to (`hub_id` of its token); undefined for token credentials. */
	portalId?: string;
	/** A service key: REST calls only, no webhooks. */
	serviceKey: boolean;
}

export function hubSpotAppIdentity(
	type: HubSpotCredentialType,
	credentials: ICredentialDataDecryptedObject,
): HubSpotAppIdentity {
	const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());
	if (type === HUBSPOT_CONNECTED_APP_CREDENTIAL) {
		const token = (credentials.oauthTokenData ?? {}) as { hub_id?: unknown };
		return {
			clientSecret: text(credentials.clientSecret),
			appId: text(credentials.appId),
			portalId: text(token.hub_id) || undefined,
			serviceKey: false,
		};
	}
	return {
		clientSecret: text(credentials.clientSecret),
		appId: text(credentials.appId),
		serviceKey: credentials.appType === 'serviceKey',
	};
}
