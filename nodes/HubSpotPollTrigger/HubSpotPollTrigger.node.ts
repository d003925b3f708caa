import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { triggerProperties } from './description';
import { poll } from './poll';

/** Polls HubSpot's contact search for changes since the last poll (the pull side of the sync). Thin: see poll.ts. */
export class HubSpotPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Poll Trigger',
		name: 'hubSpotPollTrigger',
		icon: { light: 'file:../../icons/hubspotSync.svg', dark: 'file:../../icons/hubspotSync.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["startFrom"] === "everything" ? "Contacts: everything, then changes" : "Changed contacts"}}',
		description:
			'Starts the workflow with HubSpot contacts changed since the last poll, oldest first, with an optional backfill (community node, not n8n’s built-in HubSpot Trigger)',
		defaults: { name: 'HubSpot Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'hubSpotSyncApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
			{ name: 'hubSpotSyncOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this);
	}
}
