import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { getPhoneNumbersOrDefault } from '../shared/kirim/accounts';
import { triggerProperties } from './description';
import { poll } from './poll';

/** Polling trigger for teams that cannot receive Kirim's webhooks, and for backfills. Thin: see poll.ts. */
export class KirimPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kirim Poll Trigger',
		name: 'kirimPollTrigger',
		icon: { light: 'file:../../icons/kirim.svg', dark: 'file:../../icons/kirim.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["resource"] === "conversation" ? "Conversations" : ($parameter["event"] === "changedContacts" ? "Changed contacts" : "New contacts")}}',
		description:
			'Starts the workflow with Kirim contacts or conversations that are new or changed, by polling Kirim’s API (community node, not made by Kirim)',
		defaults: { name: 'Kirim Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kirimSyncApi', required: true }],
		properties: triggerProperties,
	};

	methods = {
		loadOptions: { getPhoneNumbersOrDefault },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this);
	}
}
