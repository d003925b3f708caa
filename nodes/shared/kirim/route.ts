import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { KirimClient } from './client';

export type KirimOperation = (this: IExecuteFunctions, client: KirimClient) => Promise<INodeExecutionData[]>;
export type KirimOperations = Record<string, Record<string, KirimOperation>>;

/**
 * resource → operation → execute, for every Kirim action node; a typo between an option value and the map is a
 * test failure. `check` may refuse an operation before anything is sent.
 */
export async function routeKirimOperation(
	ctx: IExecuteFunctions,
	operations: KirimOperations,
	check?: (resource: string, operation: string) => void,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	check?.(resource, operation);
	const client = await KirimClient.create(ctx);
	return [await run.call(ctx, client)];
}
