import type { KirimSimulator } from '../../../simulators/kirim';

export interface Reply {
	status: number;
	headers: Headers;
	body: Record<string, unknown> & {
		data?: unknown;
		error?: { type: string; code: string; message: string; param?: string; request_id: string };
	};
}

/** A plain HTTP client for simulator tests (no package code involved). */
export function api(sim: KirimSimulator) {
	return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
		const response = await fetch(`${sim.url}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${sim.apiKey}`,
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...headers,
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
	};
}
