import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { HealthTally, withHealth } from '../shared/health/run-health';
import { KirimClient } from '../shared/kirim/client';
import { n8nPollBudgetMs } from '../shared/node/poll-budget';
import { skipIfPolling } from '../shared/node/poll-guard';
import { pollChanges } from './changes.operation';
import { CONVERSATION_STATUSES } from '../shared/kirim/conversations';
import { pollNewContacts } from './newContacts.operation';
import { readParams, type PollParams } from './params';
import { fetchSample } from './sample';
import { readPollState, writePollState } from './state';
import { contactTracker, conversationTracker, type Tracker } from './trackers';
import type { Emission, PollRun } from './walk';

/** A poll stops fetching pages after this long (or n8n's poll budget, if shorter) and resumes at the next poll. */
const POLL_TIME_LIMIT_MS = 50_000;
/** n8n's default poll budget (IPollFunctions.getPollBudgetMs, 5 minutes) for n8n versions without it. */
const DEFAULT_POLL_BUDGET_MS = 300_000;

function trackerOf(params: PollParams): Tracker {
	if (params.resource === 'conversation') return conversationTracker(params.statuses, CONVERSATION_STATUSES);
	return contactTracker;
}

/** What the state belongs to; another scope (resource, event, statuses, first-run mode, Kirim account) starts over. */
function scopeOf(params: PollParams, client: KirimClient, path: string): string {
	const what = params.resource === 'contact' ? params.event : `conversations:${params.statuses.join(',')}`;
	return [what, params.firstRun, client.settings.baseUrl, path].join('|');
}

function itemOf(params: PollParams, emission: Emission): INodeExecutionData {
	const kirimPoll: IDataObject = { resource: params.resource, change: emission.change };
	if (emission.changes) kirimPoll.changes = emission.changes;
	if (emission.previous) kirimPoll.previous = emission.previous;
	return { json: { ...emission.record, kirimPoll } };
}

export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const params = readParams(this);
	const client = await KirimClient.create(this);
	const path = client.scopedPath(
		params.resource === 'contact' ? 'contacts' : 'conversations',
		'',
		params.phoneNumberId,
	);
	const tracker = trackerOf(params);
	if (this.getMode() === 'manual') return await fetchSample(this, client, path, params, tracker);

	return await skipIfPolling(
		this,
		'Kirim Poll Trigger',
		async () => await pollOnce(this, client, path, params, tracker),
	);
}

async function pollOnce(
	ctx: IPollFunctions,
	client: KirimClient,
	path: string,
	params: PollParams,
	tracker: Tracker,
): Promise<INodeExecutionData[][] | null> {
	const staticData = ctx.getWorkflowStaticData('node');
	const startedAt = Date.now();
	const budget = n8nPollBudgetMs(ctx) ?? DEFAULT_POLL_BUDGET_MS;
	const run: PollRun = {
		ctx,
		client,
		path,
		params,
		// A draft: if the poll fails, static data keeps the state before it and the next poll reads those pages again.
		state: readPollState(ctx.getNode(), staticData, scopeOf(params, client, path)),
		tally: new HealthTally(startedAt),
		emitted: [],
		deadline: startedAt + Math.min(POLL_TIME_LIMIT_MS, 0.8 * budget),
		now: Date.now,
	};
	if (params.resource === 'contact' && params.event === 'newContacts') await pollNewContacts(run);
	else await pollChanges(run, tracker);

	run.tally.written(run.emitted.length);
	const health = run.tally.summary(run.state.lastSuccessfulRunAt);
	run.state.lastSuccessfulRunAt = health.runAt;
	writePollState(staticData, run.state);
	if (run.emitted.length > 0)
		return [
			withHealth(
				run.emitted.map((e) => itemOf(params, e)),
				health,
			),
		];
	if (params.emitHealthWhenIdle)
		return [withHealth([{ json: { kirimPoll: { resource: params.resource, change: 'none' } } }], health)];
	return null;
}
