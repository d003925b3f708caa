import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface AttemptResult {
	/** HTTP status, or undefined when the connection failed or timed out. */
	status?: number;
	body: string;
	error?: string;
	durationMs: number;
	/** The receiver's Retry-After (seconds), when it sent one. */
	retryAfterSeconds?: number;
}

/** POSTs raw bytes exactly as given (signatures are over these bytes) and reports what came back. */
export function postRaw(
	url: string,
	body: Buffer,
	headers: Record<string, string>,
	timeoutMs: number,
): Promise<AttemptResult> {
	const started = Date.now();
	const target = new URL(url);
	const send = target.protocol === 'https:' ? httpsRequest : request;
	return new Promise((resolve) => {
		const req = send(
			target,
			{ method: 'POST', headers: { ...headers, 'content-length': String(body.length) }, timeout: timeoutMs },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode,
						body: Buffer.concat(chunks).toString('utf8').slice(0, 2000),
						durationMs: Date.now() - started,
						retryAfterSeconds: /^\d+$/.test(String(res.headers['retry-after'] ?? ''))
							? Number(res.headers['retry-after'])
							: undefined,
					}),
				);
				res.on('error', (e) => resolve({ body: '', error: e.message, durationMs: Date.now() - started }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
		req.on('error', (e) => resolve({ body: '', error: e.message, durationMs: Date.now() - started }));
		req.end(body);
	});
}

export type Verdict = 'success' | 'retry' | 'permanent';

export interface RetryPolicy {
	/** Wait before each attempt, in ms, attempt 1 first (its entry is usually 0). */
	delaysMs: number[];
	/** ± fraction applied to each delay (0.2 = ±20 %). */
	jitter: number;
	/** Multiplies every delay, so tests run a 31-hour schedule in milliseconds. */
	timeScale: number;
	classify(result: AttemptResult): Verdict;
}

export function scaledDelay(policy: RetryPolicy, attemptIndex: number, random = Math.random): number {
	const nominal = policy.delaysMs[attemptIndex] ?? 0;
	const factor = 1 + policy.jitter * (random() * 2 - 1);
	return Math.max(0, Math.round(nominal * factor * policy.timeScale));
}
