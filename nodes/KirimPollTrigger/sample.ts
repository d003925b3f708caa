import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { HealthTally, withHealth } from '../shared/health/run-health';
import type { KirimClient } from '../shared/kirim/client';
import type { PollParams } from './params';
import { peekPollState } from './state';
import type { Tracker } from './trackers';

/**
 * "Fetch test event": one record of the watched list, so the workflow can be built against a real item. It reads
 * static data but never writes it (n8n does not save manual runs' static data; here it is not even touched), so
 * the cursor and what the trigger has seen stay as the active workflow left them.
 */
export async function fetchSample(
	ctx: IPollFunctions,
	client: KirimClient,
	path: string,
	params: PollParams,
	tracker: Tracker,
): Promise<INodeExecutionData[][]> {
	const tally = new HealthTally();
	let record: IDataObject | undefined;
	for (const qs of tracker.parts) {
		const page = await client.listPages<IDataObject>(path, qs, 1).next();
		record = page.done ? undefined : page.value.items[0];
		if (record) break;
	}
	if (!record) {
		const what = params.resource === 'contact' ? 'contacts' : `conversations (${params.statuses.join(', ')})`;
		throw new NodeOperationError(ctx.getNode(), `Kirim has no ${what} yet to show as a test event`, {
			description: 'Create one in Kirim, or activate the workflow: it emits records as they appear.',
		});
	}
	tally.read();
	tally.written();
	tally.sawSourceUpdatedAt(record.updated_at);
	const stored = peekPollState(ctx.getNode(), ctx.getWorkflowStaticData('node'));
	const health = tally.summary(stored?.lastSuccessfulRunAt ?? null);
	return [withHealth([{ json: { ...record, kirimPoll: { resource: params.resource, change: 'sample' } } }], health)];
}
