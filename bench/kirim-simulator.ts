// The Kirim simulator in a process of its own for the Kirim benchmarks, as a real Kirim would be: its CPU work
// (parsing, validating 1000 ids, paging) does not run on the event loop of the node being measured. Controlled
// through its /_sim/ admin routes (simulators/kirim/admin.ts, simulators/common/pipeline.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';

import type { IDataObject } from 'n8n-workflow';

import { KirimSyncApi } from '../credentials/KirimSyncApi.credentials';
import { Kirim } from '../nodes/Kirim/Kirim.node';
import { DEFAULT_KIRIM_API_KEY, DEFAULT_PHONE_NUMBER_ID } from '../simulators/kirim';
import { runNode, type NodeRunResult } from '../test/harness/run-node';

export interface SimulatorProcess {
	url: string;
	apiKey: string;
	phoneNumberIds: string[];
	/** A call to the simulator with the API key (an API route) or without (a /_sim/ route). */
	call<T = Record<string, unknown>>(
		method: string,
		path: string,
		body?: unknown,
		headers?: Record<string, string>,
	): Promise<{ status: number; body: T }>;
	/** A GET with the API key on a connection of its own (no keep-alive), as n8n's HTTP helper makes every request. */
	getOnNewConnection(path: string): Promise<{ status: number; body: string }>;
	/** What the simulator logged (method, path, status, idempotency key, body), then the log is cleared. */
	takeLog(): Promise<Array<{ method: string; path: string; status: number | 'dropped'; idempotencyKey?: string }>>;
	close(): Promise<void>;
}

export async function startSimulatorProcess(tier: 'default' | 'pro'): Promise<SimulatorProcess> {
	const child: ChildProcess = spawn(
		process.execPath,
		['--import', 'tsx', 'simulators/kirim/cli.ts', '--port', '0', '--tier', tier],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const url = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			const match = /Kirim simulator on (http:\/\/\S+)/.exec(output);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`the simulator process exited (${code}) before it listened`)));
	});
	child.stdout?.resume();
	const call: SimulatorProcess['call'] = async (method, path, body, headers = {}) => {
		const response = await fetch(`${url}${path}`, {
			method,
			headers: {
				...(path.startsWith('/_sim/') ? {} : { authorization: `Bearer ${DEFAULT_KIRIM_API_KEY}` }),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : {} };
	};
	return {
		url,
		apiKey: DEFAULT_KIRIM_API_KEY,
		phoneNumberIds: [DEFAULT_PHONE_NUMBER_ID],
		call,
		getOnNewConnection: (path) =>
			new Promise((resolve, reject) => {
				const req = request(
					`${url}${path}`,
					{ agent: false, headers: { authorization: `Bearer ${DEFAULT_KIRIM_API_KEY}` } },
					(res) => {
						let body = '';
						res.setEncoding('utf8');
						res.on('data', (chunk: string) => (body += chunk));
						res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
					},
				);
				req.on('error', reject);
				req.end();
			}),
		takeLog: async () => {
			const { body } = await call<{ requests: Awaited<ReturnType<SimulatorProcess['takeLog']>> }>(
				'GET',
				'/_sim/requests',
			);
			await call('DELETE', '/_sim/requests');
			return body.requests;
		},
		close: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/** The Kirim node through n8n-core against the simulator process (phone-scoped credential), as the tests run it. */
export async function runKirim(
	sim: SimulatorProcess,
	parameters: IDataObject,
	input: IDataObject[] = [{}],
): Promise<NodeRunResult & { nodeMs: number }> {
	const result = await runNode({
		node: new Kirim(),
		parameters: parameters as never,
		credentialTypes: { kirimSyncApi: new KirimSyncApi() },
		credentials: {
			kirimSyncApi: {
				apiKey: sim.apiKey,
				baseUrl: sim.url,
				pathStyle: 'phoneScoped',
				phoneNumberId: sim.phoneNumberIds[0],
			},
		},
		input,
	});
	// n8n's own measure of the node's run (ITaskData.executionTime): the Kirim node alone, not the source node
	// that hands it the input items.
	const task = Object.entries(result.run.data.resultData.runData).find(([name]) => name !== 'Items Source')?.[1][0];
	return { ...result, nodeMs: task?.executionTime ?? Number.NaN };
}
