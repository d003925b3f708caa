import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** Our polling triggers; they keep their position in the workflow's static data. */
const POLL_TRIGGERS = ['kirimPollTrigger', 'hubSpotPollTrigger'];

/**
 * An action node that writes static data makes n8n save, when the run ends, the run's copy of the whole workflow's
 * static data — read when the run started — which can put an upstream poll trigger's position back, so it would
 * emit again after a restart (measured in real n8n; README, Kirim Poll Trigger guarantees). Such an action refuses
 * to write below one of our poll triggers and says what to do instead.
 */
export function refuseStaticDataBelowPollTrigger(ctx: IExecuteFunctions, setting: string): void {
	const node = ctx.getNode();
	const poller = ctx
		.getParentNodes(node.name)
		.find((parent) => POLL_TRIGGERS.some((name) => parent.type === name || parent.type.endsWith(`.${name}`)));
	if (!poller) return;
	throw new NodeOperationError(node, `${setting} cannot be used in a workflow started by "${poller.name}"`, {
		description: `${setting} keeps a position in the workflow's static data. Saving it at the end of this run would also save the poll trigger's position as it was when the run started, so after a restart the trigger would emit records again. Run this node in its own workflow (e.g. a Schedule Trigger), or set ${setting} to 0.`,
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
	const starts = ctx.getParentNodes(ctx.getNode().name).filter((parent) => ctx.getParentNodes(parent.name).length === 0);
	return starts.length > 0 && starts.every((start) => TRIGGERS_THAT_ALLOW_ACTION_STATE.includes(start.type));
}
