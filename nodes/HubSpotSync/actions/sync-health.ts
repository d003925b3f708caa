import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { HealthTally, withHealth } from '../../shared/health/run-health';
import type { HubSpotClient } from '../../shared/hubspot/client';
import type { Operation } from '../../shared/node/route';

/** A write operation that counts its own figures (Reconcile: what it walked, found and repaired). */
export type CountingOperation = (this: IExecuteFunctions, client: HubSpotClient, tally: HealthTally) => Promise<INodeExecutionData[]>;

/** The source record's time, when an input item's own layout is not the default one. */
export type SourceTimeOf = (ctx: IExecuteFunctions, itemIndex: number) => unknown;

const WRITTEN = new Set(['create', 'update', 'link']);
const SKIPPED = new Set(['skip', 'conflict']);

/**
 * When the Kirim record of an input item last changed: a Kirim Trigger event's contact or conversation, a Kirim
 * record itself, and for an event that carries neither (conversation.assigned), the event's own time.
 */
export function sourceUpdatedAtOf(json: IDataObject | undefined): unknown {
	const data = json?.data as IDataObject | undefined;
	const record = (data?.contact ?? data?.conversation) as IDataObject | undefined;
	return record?.updated_at ?? json?.updated_at ?? (data ? json?.created_at : undefined);
}

/**
 * Figures read off a write's output items, which all say what happened the same way (`operation` from the sync
 * history, `error` under continueOnFail): written = create/update/link, skipped = skip/conflict, rejected = an
 * item that failed. Read = the input items; lag from the newest source time among them.
 */
export function countedFromOutputs(run: Operation<HubSpotClient>, sourceTimeOf?: SourceTimeOf): CountingOperation {
	return async function (this: IExecuteFunctions, client: HubSpotClient, tally: HealthTally) {
		const input = this.getInputData();
		tally.read(input.length);
		for (let i = 0; i < input.length; i++) tally.sawSourceUpdatedAt(sourceTimeOf?.(this, i) ?? sourceUpdatedAtOf(input[i].json));
		const items = await run.call(this, client);
		for (const { json } of items) {
			if (json.error !== undefined) tally.rejected();
			else if (WRITTEN.has(String(json.operation))) tally.written();
			else if (SKIPPED.has(String(json.operation))) tally.skipped();
		}
		return items;
	};
}

/**
 * The shared last step of every HubSpot Sync write: the run's figures (seed 003 "monitoring") on every output
 * item as `syncHealth`; the run counts as successful unless every record failed. Nothing is kept in static data
 * (see HealthTally.ofStatelessRun). A run that throws reports nothing: that is the Error Trigger's case.
 */
export function withSyncHealth(run: CountingOperation): Operation<HubSpotClient> {
	return async function (this: IExecuteFunctions, client: HubSpotClient) {
		const tally = new HealthTally();
		const items = await run.call(this, client, tally);
		const { written, skipped, rejected } = tally.summary(null);
		const succeeded = rejected === 0 || written + skipped > 0;
		return withHealth(items, tally.ofStatelessRun(succeeded));
	};
}
