import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** Our triggers that keep state in the workflow's static data, and what each keeps there. */
const STATEFUL_TRIGGERS: Record<string, string> = {
	kirimPollTrigger: "the poll trigger's position",
	hubSpotPollTrigger: "the poll trigger's position",
	kirimTrigger: "the trigger's dedupe snapshot and its Kirim subscription",
	hubSpotSyncTrigger: "the trigger's dedupe snapshot",
};

function statefulTrigger(type: string): string | undefined {
	const name = Object.keys(STATEFUL_TRIGGERS).find((key) => type === key || type.endsWith(`.${key}`));
	return name === undefined ? undefined : STATEFUL_TRIGGERS[name];
}

/**
 * An action node that writes static data makes n8n save, when the run ends, the run's copy of the whole workflow's
 * static data — read when the run started. That copy can put back an upstream poll trigger's position (it would
 * emit again after a restart; measured in real n8n, README, Kirim Poll Trigger guarantees) or a webhook trigger's
 * dedupe snapshot and subscription record, written by deliveries and activations during the run. Such an action
 * refuses to write below one of our stateful triggers and says what to do instead.
 */
export function refuseStaticDataBelowStatefulTrigger(ctx: IExecuteFunctions, setting: string): void {
	const node = ctx.getNode();
	const trigger = ctx.getParentNodes(node.name).find((parent) => statefulTrigger(parent.type) !== undefined);
	if (!trigger) return;
	const kept = statefulTrigger(trigger.type) as string;
	throw new NodeOperationError(node, `${setting} cannot be used in a workflow started by "${trigger.name}"`, {
		description: `${setting} keeps a position in the workflow's static data. Saving it at the end of this run would also save ${kept} as it was when the run started, overwriting what changed meanwhile. Run this node in its own workflow (e.g. a Schedule Trigger), or set ${setting} to 0.`,
		itemIndex: 0,
	});
}

/**
 * Triggers below which an action may keep a small record of its own in static data, because they keep nothing
 * there that this run's copy could put back: the Manual Trigger keeps nothing (and n8n saves no static data for
 * manual runs); n8n's Schedule Trigger keeps only where it is in rules of every N hours, days, weeks or months
 * (N > 1), written at the tick before the run starts, so the run's copy already holds it (n8n's
 * `packages/nodes-base/nodes/Schedule/ScheduleTrigger.node.ts`; only a run that outlasts the next tick could put
 * that back). Any other trigger may write its state while a run is under way — our poll triggers' cursors, our
 * webhook triggers' dedupe snapshot and subscription secret, the cursors of n8n's own polling triggers — and the
 * end of this run would save the older copy over it.
 */
const TRIGGERS_THAT_ALLOW_ACTION_STATE = ['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.manualTrigger'];

/**
 * Whether an action may keep a record in static data without putting back another node's state: every node its
 * run can start from is a trigger listed above. False for a node with no trigger above it (e.g. used as an AI tool).
 */
export function actionMayKeepStaticData(ctx: IExecuteFunctions): boolean {
	const starts = ctx
		.getParentNodes(ctx.getNode().name)
		.filter((parent) => ctx.getParentNodes(parent.name).length === 0);
	return starts.length > 0 && starts.every((start) => TRIGGERS_THAT_ALLOW_ACTION_STATE.includes(start.type));
}
