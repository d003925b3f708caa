import {
	NodeConnectionTypes,
	NodeOperationError,
	sleep,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IRun,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { CONTACT_OBJECT_TYPE } from '../shared/hubspot/events';
import { JournalClient } from '../shared/hubspot/journal';
import { DEFAULT_SYNC_STAMP_PROPERTY } from '../shared/hubspot/sync-properties';
import { journalTriggerProperties, POLL_INTERVALS } from './description';
import type { ItemRules } from './items';
import { chooseStart, pollJournal, type JournalState } from './poll';

/** Entries read per poll at most. */
const MAX_ENTRIES_PER_POLL = 500;
/** How long a poll waits for n8n to settle one run before leaving the entry to the next poll (n8n's key stays). */
const RUN_WAIT_MS = 10 * 60_000;
const RUN_STEP_MS = 100;

function rulesOf(ctx: ITriggerFunctions, portalId: number, appId: string): ItemRules {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return {
		portalId,
		actions: ctx.getNodeParameter('actions', []) as string[],
		combine: options.combinePropertyChanges !== false,
		skipOwnWrites: options.skipOwnWrites !== false,
		appId,
		stampProperty: DEFAULT_SYNC_STAMP_PROPERTY,
	};
}

function watchedProperties(ctx: ITriggerFunctions): string[] {
	const listed = String(ctx.getNodeParameter('properties', '') ?? '')
		.split(',')
		.map((p) => p.trim())
		.filter((p) => p.length > 0);
	return [...new Set([...listed, DEFAULT_SYNC_STAMP_PROPERTY])];
}

/**
 * HubSpot Webhooks Journal → n8n, pulled on a schedule. A trigger node on n8n's cron, not a poll node: it needs its
 * own start (the subscription) and a run per journal entry under n8n's deduplication key. Its close function runs at
 * every n8n shutdown, so it never removes the subscription.
 */
export class HubSpotJournalTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Journal Trigger',
		name: 'hubSpotJournalTrigger',
		icon: { light: 'file:../../icons/hubspotSync.svg', dark: 'file:../../icons/hubspotSync.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["actions"].join(", ")}}',
		description:
			'Starts the workflow for HubSpot contact changes read from your OAuth app’s Webhooks Journal: no public URL, nothing lost while n8n is down for up to 3 days',
		defaults: { name: 'HubSpot Journal Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hubSpotJournalOAuth2Api', required: true }],
		properties: journalTriggerProperties,
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const client = await JournalClient.create(this);
		if (!Number.isInteger(client.portal) || client.portal <= 0) {
			throw new NodeOperationError(this.getNode(), 'The HubSpot Journal credential has no Portal ID', {
				description: 'Enter the ID of the HubSpot account whose changes to read (shown in HubSpot’s account menu).',
			});
		}
		const rules = rulesOf(this, client.portal, client.appId);
		if (rules.actions.length === 0) throw new NodeOperationError(this.getNode(), 'Choose at least one event');
		const state = this.getWorkflowStaticData('node') as JournalState;
		let closed = false;

		if (this.getMode() === 'manual') {
			// A test run: the next entry with items after the current newest, without moving the stored offset.
			const probe: JournalState = { offset: await client.latestOffset(), started: true };
			const manualTriggerFunction = async () => {
				while (!closed) {
					await pollJournal({
						client,
						state: probe,
						rules,
						run: async (items) => {
							this.emit([items.map((json) => ({ json }))]);
							closed = true;
						},
						keyOf: (offset) => offset,
						reportGap: () => undefined,
						maxEntries: MAX_ENTRIES_PER_POLL,
						isClosed: () => closed,
					});
					if (!closed) await sleep(2000);
				}
			};
			return { manualTriggerFunction, closeFunction: async () => void (closed = true) };
		}

		await client.upsertSubscription({
			subscriptionType: 'OBJECT',
			objectTypeId: CONTACT_OBJECT_TYPE,
			portalId: client.portal,
			actions: rules.actions,
			properties: watchedProperties(this),
		});
		await chooseStart({ client, state }, this.getNodeParameter('startFrom', 'now') as 'now' | 'earliest');

		const workflowId = this.getWorkflow().id ?? '';
		const nodeId = this.getNode().id;
		let polling = false;
		const poll = async () => {
			if (polling || closed) return;
			polling = true;
			try {
				await pollJournal({
					client,
					state,
					rules,
					run: async (items, key) => await runEntry(this, items, key),
					keyOf: (offset) => `hubspot-journal:${workflowId}:${nodeId}:${offset}`,
					reportGap: (message) => this.saveFailedExecution(new NodeOperationError(this.getNode(), message)),
					maxEntries: MAX_ENTRIES_PER_POLL,
					isClosed: () => closed,
				});
			} catch (error) {
				this.saveFailedExecution(
					new NodeOperationError(this.getNode(), error as Error, {
						message: `Reading the HubSpot journal failed: ${(error as Error).message}. The next poll reads again from the same entry.`,
					}),
				);
			} finally {
				polling = false;
			}
		};
		const interval = String(this.getNodeParameter('interval', 'everyMinute'));
		this.helpers.registerCron({ expression: (POLL_INTERVALS[interval] ?? POLL_INTERVALS.everyMinute) as never }, () => {
			void poll();
		});
		return { closeFunction: async () => void (closed = true) };
	}
}

/**
 * Emits one entry's items and waits until n8n has settled the run, or refused it as a duplicate of its key. n8n
 * 2.30 never settles the promise when it fails to create the run, so the wait is bounded; the entry then stays
 * unread and the next poll emits it again under the same key.
 */
async function runEntry(ctx: ITriggerFunctions, items: IDataObject[], key: string): Promise<void> {
	const done = ctx.helpers.createDeferredPromise<IRun>();
	ctx.emit([items.map((json) => ({ json }))], undefined, done, key);
	let settled = false;
	let failure: Error | undefined;
	done.promise.then(
		() => void (settled = true),
		(error: Error) => {
			settled = true;
			failure = error;
		},
	);
	// Short steps rather than one long timer, so nothing outlives the wait.
	const due = Date.now() + RUN_WAIT_MS;
	while (!settled && Date.now() < due) await sleep(RUN_STEP_MS);
	if (failure) throw new NodeOperationError(ctx.getNode(), failure);
	if (!settled)
		throw new NodeOperationError(
			ctx.getNode(),
			`n8n did not settle the run of journal entry ${key} within ${RUN_WAIT_MS / 60_000} minutes`,
		);
}
