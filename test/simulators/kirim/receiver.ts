import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	headers: IncomingHttpHeaders;
	body: string;
}

/** A real HTTP receiver answering from a script of statuses (the last one repeats). */
export async function receiver(
	statuses: number[] = [200],
): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
	const got: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(statuses[Math.min(got.length - 1, statuses.length - 1)]).end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		got,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
