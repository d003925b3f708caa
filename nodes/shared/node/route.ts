import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

export type Operation<C> = (this: IExecuteFunctions, client: C) => Promise<INodeExecutionData[]>;
export type Operations<C> = Record<string, Record<string, Operation<C>>>;

/**
 * resource → operation → execute, for every action node (n8n's Airtable v2 router): a typo between an option
 * value and the map is a test failure. `check` may refuse an operation before the client is made or anything sent.
 */
export async function routeOperation<C>(
	ctx: IExecuteFunctions,
	operations: Operations<C>,
	createClient: (ctx: IExecuteFunctions) => Promise<C>,
	check?: (resource: string, operation: string) => void,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	check?.(resource, operation);
	const client = await createClient(ctx);
	return [await run.call(ctx, client)];
}
