import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

export type Operation<C> = (this: IExecuteFunctions, client: C) => Promise<INodeExecutionData[]>;
export type Operations<C> = Record<string, Record<string, Operation<C>>>;

/** One option of a resource's Operation dropdown; its value is the operation's key in the router's map. */
export interface OperationOption {
	readonly name: string;
	readonly value: string;
	readonly action: string;
	readonly description?: string;
}

/** Each resource's dropdown options (declared `as const`), by resource value. */
export type Dropdowns = Record<string, readonly OperationOption[]>;

/**
 * resource → operation → execute with exactly one route per option a dropdown offers: a route missing for an
 * option, or one for an option no dropdown offers, does not compile.
 */
export type OperationMap<D extends Dropdowns, C> = {
	[R in keyof D]: { [V in D[R][number]['value']]: Operation<C> };
};

/** The Operation dropdown of one resource, shown when that resource is chosen. */
export function operationDropdown<const O extends readonly OperationOption[]>(
	resource: string,
	options: O,
	defaultOperation: O[number]['value'],
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [...options],
		default: defaultOperation,
	};
}

/** A resource's part of the panel: its Operation dropdown, then each operation's own fields, in the given order. */
export function resourceProperties<const O extends readonly OperationOption[]>(
	resource: string,
	options: O,
	defaultOperation: O[number]['value'],
	operations: ReadonlyArray<{ description: INodeProperties[] }>,
): INodeProperties[] {
	return [operationDropdown(resource, options, defaultOperation), ...operations.flatMap((op) => op.description)];
}

/**
 * resource → operation → execute, for every action node (n8n's Airtable v2 router); the map is an OperationMap, so
 * a pair it has no route for can only come from a saved workflow. `check` may refuse an operation before the client
 * is made or anything sent.
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
