import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SimRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** Route parameters filled by the router (`:id` → params.id). */
	params: Record<string, string>;
}

export interface SimResponse {
	status: number;
	headers?: Record<string, string>;
	/** Objects are sent as JSON; strings and Buffers as they are. */
	body?: unknown;
}

/** How a request ends when a fault cuts the connection instead of answering. */
export interface DroppedResponse {
	drop: 'before-response' | 'mid-response';
}

export type Outcome = SimResponse | DroppedResponse;

export interface RunningServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

export function header(req: SimRequest, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function encodeBody(body: unknown): { bytes: Buffer; json: boolean } {
	if (body === undefined) return { bytes: Buffer.alloc(0), json: false };
	if (Buffer.isBuffer(body)) return { bytes: body, json: false };
	if (typeof body === 'string') return { bytes: Buffer.from(body), json: false };
	return { bytes: Buffer.from(JSON.stringify(body)), json: true };
}

function send(res: ServerResponse, socket: Socket, outcome: Outcome): void {
	if ('drop' in outcome) {
		if (outcome.drop === 'mid-response') {
			// Promise a long body, send a fragment, then cut the socket: the client sees a reset mid-read.
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
			res.write('{"data":[{"id":', () => socket.destroy());
		} else {
			socket.destroy();
		}
		return;
	}
	const { bytes, json } = encodeBody(outcome.body);
	const headers: Record<string, string> = { ...(outcome.headers ?? {}) };
	if (json && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
		headers['content-type'] = 'application/json';
	}
	headers['content-length'] = String(bytes.length);
	res.writeHead(outcome.status, headers);
	res.end(bytes);
}

/** A loopback HTTP server that hands each request, body read whole, to `handle`. */
export async function startServer(
	handle: (req: SimRequest) => Promise<Outcome>,
	options: { port?: number; host?: string } = {},
): Promise<RunningServer> {
	const host = options.host ?? '127.0.0.1';
	const sockets = new Set<Socket>();
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://sim.local');
			const simReq: SimRequest = {
				method: (req.method ?? 'GET').toUpperCase(),
				path: url.pathname,
				query: url.searchParams,
				headers: req.headers,
				rawBody: Buffer.concat(chunks),
				params: {},
			};
			handle(simReq).then(
				(outcome) => send(res, req.socket, outcome),
				(error: unknown) =>
					send(res, req.socket, {
						status: 500,
						body: { simulator_error: error instanceof Error ? error.message : String(error) },
					}),
			);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://${host}:${port}`,
		port,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
