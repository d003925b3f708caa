import { createServer } from 'node:net';

/** A free loopback port (the OS picks one; the socket is closed before n8n takes it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Free ports that differ from each other: the OS may hand out a port again once its probe socket is closed, so
 * ports taken one after the other for processes that have not bound them yet can collide.
 */
export class DistinctPorts {
	private readonly taken = new Set<number>();

	async next(): Promise<number> {
		for (;;) {
			const port = await freePort();
			if (!this.taken.has(port)) {
				this.taken.add(port);
				return port;
			}
		}
	}
}
