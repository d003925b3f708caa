import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ManualClock } from '../../../simulators/common/clock';
import {
	startHubSpotSimulator,
	type HubSpotSimulator,
	type HubSpotSimulatorOptions,
} from '../../../simulators/hubspot';

export interface Answer {
	status: number;
	headers: Headers;
	body: any;
}

/** A HubSpot API client for tests: JSON in, JSON out, the simulator's token unless told otherwise. */
export function client(sim: HubSpotSimulator) {
	return async function call(
		method: string,
		path: string,
		body?: unknown,
		token: string | null = sim.token,
	): Promise<Answer> {
		const headers: Record<string, string> = {};
		if (token !== null) headers.authorization = `Bearer ${token}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(`${sim.url}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
	};
}

/** A simulator on a ManualClock with a tiny webhook time scale, plus its client. */
export async function startSim(options: HubSpotSimulatorOptions = {}) {
	const clock = new ManualClock(Date.UTC(2026, 10, 22, 12));
	const sim = await startHubSpotSimulator({ clock, webhookTimeScale: 0.000001, ...options });
	return { sim, clock, call: client(sim) };
}

export async function uniqueProperty(
	call: ReturnType<typeof client>,
	objectType = 'contacts',
	name = 'kirim_contact_id',
): Promise<void> {
	const r = await call('POST', `/crm/properties/2026-09/${objectType}`, {
		name,
		label: name,
		type: 'string',
		fieldType: 'text',
		groupName: 'kirim',
		hasUniqueValue: true,
	});
	if (r.status !== 201) throw new Error(`could not create ${name}: ${JSON.stringify(r.body)}`);
}

export interface Received {
	headers: IncomingHttpHeaders;
	body: string;
	method: string;
}

/**
 * A real HTTP receiver for webhooks. `statuses` scripts the answers (the last repeats); `onRequest` runs before
 * answering (e.g. to move a ManualClock); `delayMs` holds each answer back.
 */
export async function webhookReceiver(
	options: { statuses?: number[]; onRequest?: (r: Received) => void; delayMs?: number[] } = {},
) {
	const statuses = options.statuses ?? [200];
	const got: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), method: req.method ?? '' };
			got.push(received);
			options.onRequest?.(received);
			const n = got.length - 1;
			const delay = options.delayMs?.[Math.min(n, options.delayMs.length - 1)] ?? 0;
			setTimeout(() => {
				if (!res.destroyed) res.writeHead(statuses[Math.min(n, statuses.length - 1)]).end('ok');
			}, delay);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hubspot/webhook`,
		got,
		events: () => got.flatMap((g) => JSON.parse(g.body) as Array<Record<string, any>>),
		close: () => {
			server.closeAllConnections();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
