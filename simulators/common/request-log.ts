import { header, type SimRequest } from './http';

export interface LoggedRequest {
	at: number;
	method: string;
	path: string;
	query: Record<string, string>;
	idempotencyKey?: string;
	body?: unknown;
	status: number | 'dropped';
}

/** What the simulator was asked, for tests that count requests (never the Authorization value). */
export class RequestLog {
	readonly entries: LoggedRequest[] = [];

	record(req: SimRequest, at: number, status: number | 'dropped'): void {
		let body: unknown;
		if (req.rawBody.length > 0) {
			try {
				body = JSON.parse(req.rawBody.toString('utf8'));
			} catch {
				body = req.rawBody.toString('utf8');
			}
		}
		this.entries.push({
			at,
			method: req.method,
			path: req.path,
			query: Object.fromEntries(req.query.entries()),
			idempotencyKey: header(req, 'idempotency-key'),
			body,
			status,
		});
	}

	count(method: string, path: string | RegExp): number {
		return this.entries.filter(
			(e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path)),
		).length;
	}

	clear(): void {
		this.entries.length = 0;
	}
}
