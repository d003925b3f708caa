import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation, type Operations } from './route';
import { KirimClient } from '../kirim/client';

/** The shared router with a Kirim client for the credential of the node. */
export async function routeKirimOperation(
	ctx: IExecuteFunctions,
	operations: Operations<KirimClient>,
	check?: (resource: string, operation: string) => void,
): Promise<INodeExecutionData[][]> {
	return await routeOperation(ctx, operations, async (c) => await KirimClient.create(c), check);
}
