import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

/** What an item's work returns: one object, several, or nothing (an operation that outputs nothing for it). */
export type ItemResult = IDataObject | IDataObject[] | undefined;

/** The error an item carries on its output under "Continue (using error output)"/"Continue": never a secret. */
export function errorJson(error: Error & { description?: string | null; httpCode?: string | null }): IDataObject {
	return {
		error: error.message,
		...(error.description ? { description: error.description } : {}),
		...(error.httpCode ? { httpCode: error.httpCode } : {}),
	};
}

/**
 * Runs `work` for every input item: its results are paired to the item; a failure stops the node, or with
 * continueOnFail() becomes that item's error output and the next item runs. Every operation uses this, so
 * the rules live in one place.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	work: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	const count = ctx.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const result = await work(itemIndex);
			if (result === undefined) continue;
			for (const json of Array.isArray(result) ? result : [result]) out.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (ctx.continueOnFail()) {
				out.push({ json: errorJson(error as Error), pairedItem: { item: itemIndex } });
				continue;
			}
			// Both constructors hand back an error of their own kind unchanged, so nothing is re-wrapped.
			if (error instanceof NodeApiError)
				throw new NodeApiError(ctx.getNode(), error as unknown as JsonObject, { itemIndex });
			throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		}
	}
	return out;
}

/** Wraps an unexpected value from an API as a NodeApiError (used where a response shape is checked). */
export function unexpectedResponse(
	ctx: IExecuteFunctions,
	what: string,
	body: unknown,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(ctx.getNode(), (body ?? {}) as JsonObject, {
		message: `Unexpected response: ${what}`,
		itemIndex,
	});
}
