import { NodeHelpers, type INode, type INodeType } from 'n8n-workflow';

import { HubSpotSyncOAuth2Api } from '../../../../credentials/HubSpotSyncOAuth2Api.credentials';
import { HubSpotPollTrigger } from '../../../../nodes/HubSpotPollTrigger/HubSpotPollTrigger.node';
import { HubSpotSync } from '../../../../nodes/HubSpotSync/HubSpotSync.node';
import { HubSpotSyncTrigger } from '../../../../nodes/HubSpotSyncTrigger/HubSpotSyncTrigger.node';
import {
	HUBSPOT_CONNECTED_APP_CREDENTIAL,
	HUBSPOT_OAUTH_SCOPES,
	HUBSPOT_TOKEN_CREDENTIAL,
	hubSpotCredentialTypeOf,
} from '../../../../nodes/shared/hubspot/auth';

const NODES: INodeType[] = [new HubSpotSync(), new HubSpotSyncTrigger(), new HubSpotPollTrigger()];

function shownCredentials(node: INodeType, saved: INode['parameters']): string[] {
	const parameters = NodeHelpers.getNodeParameters(
		node.description.properties,
		saved,
		true,
		false,
		null,
		node.description,
	)!;
	return (node.description.credentials ?? [])
		.filter((c) => NodeHelpers.displayParameter(parameters, c, null, node.description, parameters))
		.map((c) => c.name);
}

describe('HubSpot authentication', () => {
	test.each(NODES.map((n) => [n.description.displayName, n] as const))(
		'%s: a workflow saved before OAuth existed (no authentication parameter) keeps the access-token credential',
		(_, node) => {
			expect(shownCredentials(node, {})).toContain(HUBSPOT_TOKEN_CREDENTIAL);
			expect(shownCredentials(node, {})).not.toContain(HUBSPOT_CONNECTED_APP_CREDENTIAL);
			expect(shownCredentials(node, { authentication: 'oAuth2' })).toContain(HUBSPOT_CONNECTED_APP_CREDENTIAL);
			expect(shownCredentials(node, { authentication: 'oAuth2' })).not.toContain(HUBSPOT_TOKEN_CREDENTIAL);
		},
	);

	test('the credential type follows the node’s Authentication parameter', () => {
		const node = (parameters: INode['parameters']) => ({ parameters }) as INode;
		expect(hubSpotCredentialTypeOf(node({}))).toBe(HUBSPOT_TOKEN_CREDENTIAL);
		expect(hubSpotCredentialTypeOf(node({ authentication: 'accessToken' }))).toBe(HUBSPOT_TOKEN_CREDENTIAL);
		expect(hubSpotCredentialTypeOf(node({ authentication: 'oAuth2' }))).toBe(HUBSPOT_CONNECTED_APP_CREDENTIAL);
	});

	test('the OAuth2 credential asks for the scopes the sync needs, space-separated as HubSpot reads them', () => {
		const scope = new HubSpotSyncOAuth2Api().properties.find((p) => p.name === 'scope');
		expect(String(scope?.default).split(' ')).toEqual([...HUBSPOT_OAUTH_SCOPES]);
	});

	test('the OAuth2 credential sends the client id and secret in the token request body (HubSpot v3 requires it)', () => {
		const credential = new HubSpotSyncOAuth2Api();
		const value = (name: string) => credential.properties.find((p) => p.name === name)?.default;
		expect(credential.extends).toEqual(['oAuth2Api']);
		expect(value('authentication')).toBe('body');
		expect(value('grantType')).toBe('authorizationCode');
		expect(value('accessTokenUrl')).toMatch(/\/oauth\/v3\/token$/);
		expect(value('authUrl')).toMatch(/\/oauth\/authorize$/);
	});
});
