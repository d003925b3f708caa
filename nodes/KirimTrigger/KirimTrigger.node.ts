import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type ITriggerFunctions,
	type ITriggerResponse,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { getPhoneNumbers } from '../shared/kirim/accounts';
import { kirimWebhookSigningTest } from './credential-test';
import { triggerProperties } from './description';
import { createSubscription, deleteSubscription, subscriptionExists } from './lifecycle';
import { AFTER_RUN_WEBHOOK } from '../shared/webhook/after-run';
import { receive } from './receive';

export class KirimTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kirim Trigger',
		name: 'kirimTrigger',
		icon: { light: 'file:../../icons/kirim.svg', dark: 'file:../../icons/kirim.dark.svg' },
		group: ['trigger'],
		// 2 behaves as 1. n8n evaluates an expression on every request to a version-1 webhook node (whether it wants
		// the body as binary data: parseRequestBody in packages/cli/src/webhooks/webhook-helpers.ts), which costs
		// more than verifying the delivery; from version 2 it does not, and reads only the body types it parses.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow once per signed Kirim webhook event (community node, not made by Kirim)',
		defaults: { name: 'Kirim Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'kirimSyncApi', required: true, displayOptions: { show: { subscriptionMode: ['managed'] } } },
			{
				name: 'kirimWebhookSigningApi',
				required: true,
				testedBy: 'kirimWebhookSigningTest',
				displayOptions: { show: { subscriptionMode: ['existing'] } },
			},
		],
		// Static response settings: an expression here would be evaluated on every request, which under n8n's
		// default (isolate) expression engine costs more than verifying and deduping the delivery.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				responseMode: 'onReceived',
				// Empty, so n8n sends our own answer instead of its default, the literal string "firstEntryJson".
				responseData: '',
			},
			{
				// "Respond When the Workflow Finishes": Kirim is subscribed to this URL instead, answered after the run.
				name: AFTER_RUN_WEBHOOK,
				httpMethod: 'POST',
				path: 'webhook-after-run',
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		loadOptions: { getPhoneNumbers },
		credentialTest: { kirimWebhookSigningTest },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}

	/**
	 * Starts nothing: deliveries come in through webhook(). It makes this node one n8n re-activates when it starts:
	 * n8n 2.41's publication service activates at start only the in-memory triggers it has not registered yet
	 * (`getUnregisteredNonWebhookTriggerNodeIds`, packages/cli/src/workflows/publication/workflow-publication-applier.ts),
	 * and that activation runs this node's webhook checks too, so a restart re-creates a subscription Kirim lost and
	 * re-enables one it disabled. Older n8n runs the checks at start anyway.
	 */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return {};
	}

	/**
	 * Hands the delivery's items on. With trigger() present n8n would call it for this node when a run reaches it in
	 * a manual execution (packages/core/src/execution-engine/workflow-execute.ts, runNode); execute() comes first.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	}
}
