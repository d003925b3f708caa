import { sleep, type IDataObject, type INode } from 'n8n-workflow';

import { saveSubscription, type ManagedSubscription } from './state';

/**
 * What this n8n process knows about its managed subscriptions beyond static data, by trigger node (workflow id, node
 * id and webhook id: all three survive a rename of the node, its static data key does not).
 *
 * Two things static data cannot do:
 * - n8n calls the trigger's `delete()` both when the workflow is deactivated and when the trigger node of an active
 *   workflow changed, just before `checkExists`/`create()` for the new version (n8n 2.41: trigger-diff.js and
 *   workflow-publication-applier.js in packages/cli/src/workflows/publication; with the publication service off,
 *   on every re-publish). `delete()` cannot tell the two apart, so the subscription is removed only after a grace
 *   period, and an activation check inside it takes the subscription over instead.
 * - n8n saves the whole static-data column as each run loaded it, so a run that started before an activation made
 *   a new subscription can save the old record over the new one after it. The newest record made in this process
 *   is kept here, and a delivery puts it back.
 */

/** How long a removed subscription waits for the activation check of an edit before Kirim is asked to delete it. */
export const REMOVAL_GRACE_MS = 30_000;
const POLL_MS = 250;

export function triggerKey(workflowId: string | undefined, node: INode): string {
	return `${workflowId ?? ''}/${node.id ?? node.name}/${node.webhookId ?? ''}`;
}

export interface PendingRemoval {
	subscriptionId: string;
	/** When `delete()` ran: deliveries from then until the route is back met no webhook (404). */
	since: number;
	/** The node's static data when `delete()` ran (a renamed node finds its subscription, dedupe and ledger here). */
	nodeState: IDataObject;
}

interface Scheduled extends PendingRemoval {
	state: 'waiting' | 'cancelled' | 'due';
	done: Promise<void>;
}

const pending = new Map<string, Scheduled>();
const latest = new Map<string, ManagedSubscription>();
const restoredOnce = new Set<string>();

/** Runs `remove` after the grace period unless an activation check takes the subscription over first. */
export function scheduleRemoval(
	key: string,
	removal: PendingRemoval,
	remove: () => Promise<void>,
	graceMs = REMOVAL_GRACE_MS,
): void {
	const entry = { ...removal, state: 'waiting' } as Scheduled;
	entry.done = (async () => {
		const due = Date.now() + graceMs;
		while (entry.state === 'waiting' && Date.now() < due) await sleep(Math.min(POLL_MS, Math.max(0, due - Date.now())));
		if (pending.get(key) === entry) pending.delete(key);
		if (entry.state === 'cancelled') return;
		await remove();
	})();
	pending.set(key, entry);
}

/** The pending removal of this trigger, cancelled, if there is one for `subscriptionId` (any, when undefined). */
export function takeRemoval(key: string, subscriptionId?: string): PendingRemoval | undefined {
	const entry = pending.get(key);
	if (!entry || entry.state !== 'waiting' || (subscriptionId !== undefined && entry.subscriptionId !== subscriptionId))
		return undefined;
	entry.state = 'cancelled';
	pending.delete(key);
	return { subscriptionId: entry.subscriptionId, since: entry.since, nodeState: entry.nodeState };
}

/** Runs every waiting removal now and waits for all of them (tests; nothing in the nodes calls it). */
export async function settleRemovals(): Promise<void> {
	const entries = [...pending.values()];
	for (const entry of entries) if (entry.state === 'waiting') entry.state = 'due';
	await Promise.all(entries.map(async (entry) => await entry.done));
}

export const latestRecords = {
	remember: (key: string, record: ManagedSubscription) => latest.set(key, record),
	forget: (key: string) => latest.delete(key),
	get: (key: string) => latest.get(key),
};

/**
 * The record to trust: static data's, unless this process made a newer one since (a run that loaded the static data
 * before that activation saved the old record over it, or the node was renamed and its static data key is new).
 * A newer one is written back into static data, which n8n saves with this call's workflow; `onRestored` hears of it
 * once per record (until n8n has saved it back, every call that loaded the older copy lands here).
 */
export function trustedRecord(
	key: string,
	stored: ManagedSubscription | undefined,
	staticData: IDataObject,
	onRestored: (record: ManagedSubscription) => void,
): ManagedSubscription | undefined {
	const mine = latest.get(key);
	if (!mine || (stored && mine.id === stored.id)) return stored;
	saveSubscription(staticData, mine);
	if (!restoredOnce.has(`${key}/${mine.id}`)) {
		restoredOnce.add(`${key}/${mine.id}`);
		onRestored(mine);
	}
	return mine;
}

/** Forgets everything above without running a removal (tests start from an empty process; nothing in the nodes calls it). */
export function forgetSubscriptionMemory(): void {
	for (const entry of pending.values()) entry.state = 'cancelled';
	pending.clear();
	latest.clear();
	restoredOnce.clear();
}
