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
