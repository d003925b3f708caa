import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { errorJson } from './per-item';

/** What a batched operation's work returns for one item: the item it answers and, when it failed, why. */
export interface BatchedResult {
	itemIndex: number;
	error?: Error;
}

/**
 * The batched sibling of `forEachItem`, for operations that send many items in a few requests: every item's
 * request is read first (an item whose parameters are wrong fails alone), then `run` handles all of them at once,
 * then each result becomes the output item of the input item it answers — in input order, paired to it. An item's
 * failure (reading it, or its part of the batch) stops the node, or with continueOnFail() stays on that item's
 * output, next to what the batch did for it.
 */
export async function forItemsInBatch<Request, Result extends BatchedResult>(
	ctx: IExecuteFunctions,
	read: (itemIndex: number) => Request,
	run: (requests: Request[]) => Promise<Result[]>,
	toJson: (result: Result) => IDataObject,
	/**
	 * Items read and run per turn (default: all at once). Smaller turns let reading the next items' parameters —
	 * n8n evaluates each expression per item, tens of microseconds each — overlap the time a rate limit makes the
	 * requests wait, instead of coming before the first request.
	 */
	itemsPerTurn = Number.POSITIVE_INFINITY,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	const count = ctx.getInputData().length;
	for (let start = 0; start < count; start += itemsPerTurn) {
		const requests: Request[] = [];
		for (let itemIndex = start; itemIndex < Math.min(count, start + itemsPerTurn); itemIndex++) {
			try {
				requests.push(read(itemIndex));
			} catch (error) {
				if (!ctx.continueOnFail()) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
				out.push({ json: errorJson(error as Error), pairedItem: { item: itemIndex } });
			}
		}
		for (const result of await run(requests)) {
			if (result.error && !ctx.continueOnFail()) {
				const error = result.error as Error & { context?: IDataObject };
				error.context = { ...(error.context ?? {}), itemIndex: result.itemIndex };
				throw error;
			}
			out.push({
				json: { ...toJson(result), ...(result.error ? errorJson(result.error) : {}) },
				pairedItem: { item: result.itemIndex },
			});
		}
	}
	return out.sort((a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item);
}
