import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { HealthTally, withHealth, type RunHealth } from '../shared/health/run-health';
import { HubSpotClient } from '../shared/hubspot/client';
import { isOwnStampedWrite } from '../shared/hubspot/own-write';
import { n8nPollBudgetMs } from '../shared/node/poll-budget';
import { skipIfPolling } from '../shared/node/poll-guard';
import { MODIFIED_PROPERTY, modifiedMs, walkChangedSince, WindowCursor } from '../shared/hubspot/search-window';
import type { HubSpotObject } from '../shared/hubspot/types';
import { contactItem } from './contact-item';
import { readParams, type PollParams } from './params';
import { RecentlyTaken } from './recent-taken';
import { sampleContact } from './sample';
import { initialPollState, readPollState, writePollState, type PollState } from './state';

/** At most this many recently taken ids are kept for the look-back (static data is saved with the workflow). */
export const RECENT_MAX = 2000;
/** Share of n8n's poll budget spent fetching before the poll returns what it has (the rest comes next poll). */
const BUDGET_SHARE = 0.8;

function pollBudgetMs(ctx: IPollFunctions): number {
	// n8n before 2.38 has no poll budget and gives a poll as long as it needs.
	const budget = n8nPollBudgetMs(ctx);
	return budget === undefined ? Infinity : budget * BUDGET_SHARE;
}

/**
 * One poll: look back over the overlap for changes the search index showed late, then walk on from the stored
 * position (search-window.ts: oldest change first, keyset pages, ties by id), taking at most Max Records per Poll.
 * Contacts already emitted and the sync's own writes are skipped. The whole cursor is one static-data record,
 * written once at the end of the poll (a failed poll writes nothing); n8n saves it with the run the poll starts.
 */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();
	const options = readParams(this);
	const staticData = this.getWorkflowStaticData('node');
	const client = await HubSpotClient.create(this);
	const properties = [...new Set([...options.properties, ...(options.skipOwnWrites ? [options.stampProperty] : [])])];
	if (this.getMode() === 'manual') {
		const stored = readPollState(this.getNode(), staticData, true);
		return await sampleContact(client, properties, startedAt, stored?.lastSuccessfulRunAt ?? null);
	}
	return await skipIfPolling(this, 'HubSpot Poll Trigger', async () => {
		const stored = readPollState(this.getNode(), staticData, false);
		return await pollOnce(this, client, staticData, stored, options, properties, startedAt);
	});
}

async function pollOnce(
	ctx: IPollFunctions,
	client: HubSpotClient,
	staticData: IDataObject,
	stored: PollState | undefined,
	options: PollParams,
	properties: string[],
	startedAt: number,
): Promise<INodeExecutionData[][] | null> {
	let state = stored && stored.startFrom === options.startFrom ? stored : undefined;
	if (!state) {
		state = initialPollState(options.startFrom, startedAt);
		// From Now: nothing before this first poll is wanted, so there is nothing to walk yet.
		if (options.startFrom === 'now') return finish(ctx, staticData, state, new HealthTally(startedAt), [], options);
	}

	const tally = new HealthTally(startedAt);
	const recent = new RecentlyTaken(state.recent, state.coveredFromMs);
	const out: INodeExecutionData[] = [];
	const take = (contact: HubSpotObject) => {
		const at = modifiedMs(contact, 'contacts');
		tally.read();
		tally.sawSourceUpdatedAt(at);
		if (recent.has(contact.id, at)) return tally.skipped();
		recent.add(contact.id, at);
		if (
			options.skipOwnWrites &&
			isOwnStampedWrite(at, contact.properties?.[options.stampProperty], options.ownWriteWindowMs)
		)
			return tally.skipped();
		tally.written();
		out.push({ json: contactItem(contact) });
	};

	// 1. Changes from just before the position that search showed late: since the last poll began, minus the overlap.
	const start = state.position;
	const lookBackFrom = Math.max(state.fromMs, state.coveredFromMs, state.lastPollStartedAt - options.overlapMs);
	if (lookBackFrom < start.sinceMs) {
		const before = { propertyName: MODIFIED_PROPERTY.contacts, operator: 'LT', value: String(start.sinceMs) };
		for await (const page of walkChangedSince(client, {
			objectType: 'contacts',
			sinceMs: lookBackFrom,
			properties,
			filters: [before],
		})) {
			page.objects.forEach(take);
		}
	}

	// 2. On from the position, at most Max Records per Poll (and within n8n's poll budget). The walk takes a time
	// shared by a page of contacts by id, so the stored position holds at most a page of ids.
	const cursor = new WindowCursor(start, 'contacts');
	const deadline = startedAt + pollBudgetMs(ctx);
	let taken = 0;
	walk: for await (const page of walkChangedSince(client, {
		objectType: 'contacts',
		sinceMs: start.sinceMs,
		start,
		properties,
	})) {
		for (const contact of page.objects) {
			cursor.take(contact, page.byId);
			take(contact);
			if (++taken >= options.maxRecordsPerPoll || Date.now() > deadline) break walk;
		}
	}

	recent.prune(startedAt - options.overlapMs, RECENT_MAX);
	state = {
		...state,
		position: cursor.position,
		lastPollStartedAt: startedAt,
		recent: recent.toJSON(),
		coveredFromMs: recent.coveredFromMs,
	};
	return finish(ctx, staticData, state, tally, out, options);
}

/** Records the poll in the state (one write), then emits the contacts — or a health item when idle, if asked. */
function finish(
	ctx: IPollFunctions,
	staticData: IDataObject,
	state: PollState,
	tally: HealthTally,
	out: INodeExecutionData[],
	options: PollParams,
): INodeExecutionData[][] | null {
	const health: RunHealth = tally.summary(state.lastSuccessfulRunAt);
	writePollState(staticData, { ...state, lastSuccessfulRunAt: health.runAt });
	if (out.length) return [withHealth(out, health)];
	if (options.emitHealthWhenIdle)
		return [[{ json: { idle: true, syncHealth: { ...health } as unknown as IDataObject } }]];
	ctx.logger.debug(`HubSpot Poll Trigger: nothing new (read ${health.read}, skipped ${health.skipped})`);
	return null;
}
