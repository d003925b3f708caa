import type { IExecuteFunctions } from 'n8n-workflow';

import { actionMayKeepStaticData } from '../state/action-static-data';
import { loadState, writeState, type StateSchema } from '../state/versioned-state';
import { parseDateMs } from '../sync/dates';

interface LastSuccess {
	/** The `runAt` of the node's last successful run. */
	at: string;
}

/** HubSpot Sync's last successful run, in the node's static data; format 1 is the first. */
export const LAST_SUCCESS: StateSchema<LastSuccess> = {
	key: 'lastSuccess',
	label: 'last successful run',
	version: 1,
	upgrades: {},
	decode: (record) =>
		typeof record.at === 'string' && parseDateMs(record.at) !== undefined ? { at: record.at } : undefined,
};

export interface LastSuccessRecord {
	/** The last successful run before this one; null when none is kept yet. */
	previous: string | null;
	/** Called only when this run succeeded: a failed run leaves the record as it was, so the gap keeps growing. */
	save(runAt: string): void;
}

/**
 * The action's own record of its last successful run, or undefined where the action must not keep one (see
 * actionMayKeepStaticData): then the run reports no last successful run. n8n saves the record only for runs of an
 * active workflow (`packages/cli/src/execution-lifecycle/execution-lifecycle-hooks.ts` skips manual runs).
 */
export function lastSuccessRecord(ctx: IExecuteFunctions): LastSuccessRecord | undefined {
	if (!actionMayKeepStaticData(ctx)) return undefined;
	const staticData = ctx.getWorkflowStaticData('node');
	const kept = loadState(ctx.getNode(), staticData, LAST_SUCCESS);
	return {
		previous: kept?.at ?? null,
		save: (runAt) => writeState(staticData, LAST_SUCCESS, { at: runAt }),
	};
}
