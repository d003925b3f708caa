import {
	NodeConnectionTypes,
	NodeOperationError,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { HUBSPOT_CONNECTED_APP_CREDENTIAL, hubSpotAppIdentity, hubSpotCredentialTypeOf } from '../shared/hubspot/auth';
import { AFTER_RUN_WEBHOOK } from '../shared/webhook/after-run';
import { targetWebhook, triggerProperties, type TriggerOptions } from './description';
import { receive } from './receive';

/**
 * HubSpot private-app webhooks are configured in HubSpot, not through an API this node could call, so the
 * lifecycle registers nothing remotely: it checks that the credential can verify deliveries and says where to
 * point HubSpot.
 */
export class HubSpotSyncTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Sync Trigger',
		name: 'hubSpotSyncTrigger',
		icon: { light: 'file:../../icons/hubspotSync.svg', dark: 'file:../../icons/hubspotSync.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["subscriptionTypes"].join(", ")}}',
		description:
			'Starts the workflow for HubSpot contact changes sent by your private app, verified (v3) and deduped (community node, not n8n’s built-in HubSpot Trigger)',
		defaults: { name: 'HubSpot Sync Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'hubSpotSyncApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
			{ name: 'hubSpotSyncOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
			{ name: 'kirimSyncApi', required: true, displayOptions: { show: { dropValuesKirimHas: [true] } } },
		],
		webhooks: [
			// responseData empty: n8n then sends our own answer instead of its default literal "firstEntryJson".
			{ name: 'default', httpMethod: 'POST', path: 'webhook', responseMode: 'onReceived', responseData: '' },
			{
				// "Respond When the Workflow Finishes": HubSpot's target URL is this one instead, answered after the run
				// (2xx when it succeeded, 500 when it failed). 'noData', so a run whose last node has no item still
				// answers 2xx instead of n8n's "No item to return" error.
				name: AFTER_RUN_WEBHOOK,
				httpMethod: 'POST',
				path: 'webhook-after-run',
				responseMode: 'lastNode',
				responseData: 'noData',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const type = hubSpotCredentialTypeOf(this.getNode());
				const app = hubSpotAppIdentity(type, await this.getCredentials(type));
				if (app.serviceKey) {
					throw new NodeOperationError(this.getNode(), 'A HubSpot service key cannot receive webhooks', {
						description:
							'HubSpot sends webhooks only for apps (a project app or a legacy private app). Use a credential with an app’s access token, client secret and App ID here; service keys work with HubSpot Sync and the HubSpot Poll Trigger.',
					});
				}
				if (!app.clientSecret) {
					throw new NodeOperationError(this.getNode(), 'The HubSpot credential has no client secret', {
						description: 'Without it no delivery can be verified, so every one would be refused (401).',
					});
				}
				if (type === HUBSPOT_CONNECTED_APP_CREDENTIAL && !app.portalId) {
					throw new NodeOperationError(this.getNode(), 'The HubSpot OAuth2 credential is not connected', {
						description:
							'Its token names no portal (hub_id), so events from other portals could not be told apart. Open the credential and connect it to the portal this workflow syncs.',
					});
				}
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const options = this.getNodeParameter('options', {}) as TriggerOptions;
				this.logger.info(
					`HubSpot Sync Trigger: point the app's webhook target URL at ${this.getNodeWebhookUrl(targetWebhook(options))}`,
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				this.logger.info(
					'HubSpot Sync Trigger deactivated: HubSpot keeps sending until the app’s Target URL is changed',
				);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
