import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { lastSuccessRecord } from '../../shared/health/last-success';
import { HealthTally, withHealth } from '../../shared/health/run-health';
import type { HubSpotClient } from '../../shared/hubspot/client';
import { errorJson } from '../../shared/node/per-item';
import type { Operation } from '../../shared/node/route';

/** A write operation that counts its own figures (Reconcile: what it walked, found and repaired). */
export type CountingOperation = (
	this: IExecuteFunctions,
	client: HubSpotClient,
	tally: HealthTally,
) => Promise<INodeExecutionData[]>;

/** The source record's time, when an input item's own layout is not the default one. */
export type SourceTimeOf = (ctx: IExecuteFunctions, itemIndex: number) => unknown;

const WRITTEN = new Set(['create', 'update', 'link', 'unlink']);
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
 * history, `error` under continueOnFail): written = create/update/link/unlink, skipped = skip/conflict, rejected = an
 * item that failed. Read = the input items; lag from the newest source time among them.
 */
export function countedFromOutputs(run: Operation<HubSpotClient>, sourceTimeOf?: SourceTimeOf): CountingOperation {
	return async function (this: IExecuteFunctions, client: HubSpotClient, tally: HealthTally) {
		const input = this.getInputData();
		tally.read(input.length);
		for (let i = 0; i < input.length; i++)
			tally.sawSourceUpdatedAt(sourceTimeOf?.(this, i) ?? sourceUpdatedAtOf(input[i].json));
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
 * The shared last step of every HubSpot Sync write: the run's figures on every output item as `syncHealth`. The
 * run counts as successful unless every record failed or it failed outright. `lastSuccessfulRunAt` and
 * `secondsSinceLastSuccess` come from the node's record of its last successful run, which only a successful run
 * moves, so a series of failed runs shows a growing gap. The record is kept only below a trigger whose state it
 * cannot put back (last-success.ts); elsewhere both are null.
 *
 * A run that fails outright (a 401, HubSpot's daily limit) throws: the execution fails and n8n runs the workflow's
 * Error Workflow. Under Continue On Fail n8n would instead pass the input items on unchanged and count the
 * execution as a success (`packages/core/src/execution-engine/workflow-execute.ts`), so no IF after the node and
 * no Error Workflow would hear of it; here each input item comes out with the error and the figures instead, as
 * a failed item does in every other operation (per-item.ts).
 */
export function withSyncHealth(run: CountingOperation): Operation<HubSpotClient> {
	return async function (this: IExecuteFunctions, client: HubSpotClient) {
		const tally = new HealthTally();
		const record = lastSuccessRecord(this);
		const outcome = this.continueOnFail()
			? await itemsOrErrorItems(this, run, client, tally)
			: { items: await run.call(this, client, tally), failedOutright: false };
		const health = tally.summary(record?.previous ?? null);
		const succeeded = !outcome.failedOutright && (health.rejected === 0 || health.written + health.skipped > 0);
		if (succeeded) record?.save(health.runAt);
		return withHealth(outcome.items, health);
	};
}

/** Under Continue On Fail: the run's items, or, when it fails outright, each input item with the error (rejected). */
async function itemsOrErrorItems(
	ctx: IExecuteFunctions,
	run: CountingOperation,
	client: HubSpotClient,
	tally: HealthTally,
): Promise<{ items: INodeExecutionData[]; failedOutright: boolean }> {
	try {
		return { items: await run.call(ctx, client, tally), failedOutright: false };
	} catch (error) {
		const items = ctx.getInputData().map((_, item) => ({ json: errorJson(error as Error), pairedItem: { item } }));
		tally.rejected(items.length);
		return { items, failedOutright: true };
	}
}
