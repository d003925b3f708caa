import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { TicketSyncResult } from './ticket-sync';
import { errorJson } from '../../../shared/node/per-item';

/**
 * Output items of a ticket operation: one per input item, paired to it, in input order. An item's error stops
 * the node, or with continueOnFail() stays on that item's output next to what was done.
 */
export function ticketOutput(
	ctx: IExecuteFunctions,
	results: TicketSyncResult[],
	early: INodeExecutionData[],
	json: (result: TicketSyncResult) => IDataObject,
): INodeExecutionData[] {
	const out = [...early];
	for (const result of results) {
		if (result.error && !ctx.continueOnFail()) {
			const error = result.error as Error & { context?: IDataObject };
			error.context = { ...(error.context ?? {}), itemIndex: result.itemIndex };
			throw error;
		}
		out.push({
			json: { ...json(result), ...(result.error ? errorJson(result.error) : {}) },
			pairedItem: { item: result.itemIndex },
		});
	}
	return out.sort((a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item);
}

/** What every ticket output item says, whatever the operation. */
export function ticketJson(result: TicketSyncResult): IDataObject {
	return {
		kirimConversationId: result.conversationId,
		hubspotTicketId: result.ticketId ?? null,
		operation: result.history.operation,
		path: result.path ?? null,
		stageId: result.stageId ?? null,
		...(result.duplicates ? { duplicateTicketIds: result.duplicates } : {}),
		sync: result.history as unknown as IDataObject,
	};
}
