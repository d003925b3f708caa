import type { IExecuteFunctions } from 'n8n-workflow';

/** A message's source time for the run's lag figure: when it was sent (the Sent At parameter). */
export function messageSentAt(ctx: IExecuteFunctions, itemIndex: number): unknown {
	return ctx.getNodeParameter('sentAt', itemIndex, undefined);
}
