import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { HubSpotClient } from '../../nodes/shared/hubspot/client';
import { KirimClient } from '../../nodes/shared/kirim/client';
import { idempotencyKeyFor } from '../../nodes/shared/node/idempotency-key';
import { collect } from '../../nodes/shared/transport/pagination';
import type { SendOptions } from '../../nodes/shared/transport/request';

/** Send options the probes hand to the clients: tests inject a recording sleep so nothing waits. */
export const probeSendOptions: SendOptions = {};

function description(name: string, credential: string): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: 'Drives a shared API client from inside a real n8n execution (tests only)',
		defaults: { name },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: credential, required: true }],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '' },
			{ displayName: 'Scoped Resource', name: 'scopedResource', type: 'string', default: '' },
			{ displayName: 'Phone Number ID', name: 'phoneNumberId', type: 'string', default: '' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
			{ displayName: 'Idempotency Key', name: 'idempotencyKey', type: 'string', default: '' },
			{ displayName: 'Derive Key', name: 'deriveKey', type: 'boolean', default: false },
			{ displayName: 'List', name: 'list', type: 'boolean', default: false },
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 0 },
			{ displayName: 'Page Size', name: 'pageSize', type: 'number', default: 100 },
		],
	};
}

function params(ctx: IExecuteFunctions, i: number) {
	const body = ctx.getNodeParameter('body', i) as string;
	return {
		method: ctx.getNodeParameter('method', i) as 'GET',
		path: ctx.getNodeParameter('path', i) as string,
		body: body ? (JSON.parse(body) as IDataObject) : undefined,
		idempotencyKey: (ctx.getNodeParameter('idempotencyKey', i) as string) || undefined,
		list: ctx.getNodeParameter('list', i) as boolean,
		limit: (ctx.getNodeParameter('limit', i) as number) || undefined,
		pageSize: ctx.getNodeParameter('pageSize', i) as number,
	};
}

/** Calls Kirim through KirimClient for each input item. */
export class KirimProbe implements INodeType {
	description = description('kirimProbe', 'kirimSyncApi');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await KirimClient.create(this, probeSendOptions);
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const p = params(this, i);
			const scoped = this.getNodeParameter('scopedResource', i) as string;
			const path = scoped
				? client.scopedPath(scoped as 'contacts', p.path, this.getNodeParameter('phoneNumberId', i) as string, i)
				: p.path;
			if (p.list) {
				const items = await collect(client.listPages<IDataObject>(path, {}, p.pageSize, i), p.limit);
				out.push(...items.map((json) => ({ json, pairedItem: { item: i } })));
			} else {
				const derive = this.getNodeParameter('deriveKey', i) as boolean;
				const idempotencyKey = derive
					? idempotencyKeyFor(this, i, p.method, path, p.body, p.idempotencyKey)
					: p.idempotencyKey;
				const response = await client.send({ method: p.method, path, body: p.body, idempotencyKey }, i);
				out.push({ json: { status: response.status, body: response.body as IDataObject }, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}

/** Calls HubSpot through HubSpotClient for each input item. */
export class HubSpotProbe implements INodeType {
	description = description('hubSpotProbe', 'hubSpotSyncApi');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await HubSpotClient.create(this, probeSendOptions);
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const p = params(this, i);
			if (!p.path) throw new NodeOperationError(this.getNode(), 'probe needs a path');
			if (p.list) {
				const items = await collect(client.listPages<IDataObject>(p.path, {}, p.pageSize, i), p.limit);
				out.push(...items.map((json) => ({ json, pairedItem: { item: i } })));
			} else {
				const response = await client.send({ method: p.method, path: p.path, body: p.body }, i);
				out.push({ json: { status: response.status, body: response.body as IDataObject }, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}

/** What HubSpotWorkProbe runs: a test hands it code that drives a shared HubSpot module with a real client. */
export const hubSpotWork: { run?: (client: HubSpotClient) => Promise<IDataObject[]>; tenSecondBudget?: number } = {};

/** Runs `hubSpotWork.run` inside a real n8n execution, so shared HubSpot modules are tested through n8n-core. */
export class HubSpotWorkProbe implements INodeType {
	description = description('hubSpotWorkProbe', 'hubSpotSyncApi');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (!hubSpotWork.run) throw new NodeOperationError(this.getNode(), 'no work given to the probe');
		const client = await HubSpotClient.create(this, {
			...probeSendOptions,
			tenSecondBudget: hubSpotWork.tenSecondBudget ?? 0,
		});
		const results = await hubSpotWork.run(client);
		return [results.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}
