/** A small client for the parts of n8n's REST and public API the harness needs. */
export interface Execution {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	startedAt?: string;
	data?: {
		resultData?: {
			runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>>;
			error?: unknown;
		};
		/** As n8n stored it when it created the run; the trigger's items wait here until the first node has run. */
		executionData?: {
			nodeExecutionStack?: Array<{
				node?: { name?: string };
				data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
			}>;
		};
	};
}

export class N8nRest {
	cookie = '';
	apiKey = '';

	constructor(readonly baseUrl: string) {}

	async raw(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<{ status: number; text: string; headers: Headers }> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(this.apiKey && path.startsWith('/api/') ? { 'x-n8n-api-key': this.apiKey } : {}),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, text: await response.text(), headers: response.headers };
	}

	async json<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await this.raw(method, path, body);
		if (response.status >= 400)
			throw new Error(`${method} ${path} answered ${response.status}: ${response.text.slice(0, 500)}`);
		return (response.text ? JSON.parse(response.text) : {}) as T;
	}

	/** How many runs of the workflow have finished successfully (the editor's own list endpoint, which counts). */
	async successCount(workflowId: string): Promise<number> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ['success'] }));
		const page = await this.json<{ data: { count: number } }>('GET', `/rest/executions?filter=${filter}&limit=1`);
		return page.data.count;
	}

	/** Owner account, login cookie and a public-API key with the scopes the harness uses. */
	async setUpOwner(email: string, password: string): Promise<void> {
		const setup = await this.raw('POST', '/rest/owner/setup', { email, firstName: 'E2E', lastName: 'Owner', password });
		if (setup.status >= 400) {
			const login = await this.raw('POST', '/rest/login', { emailOrLdapLoginId: email, password });
			if (login.status >= 400)
				throw new Error(`owner setup and login failed: ${setup.text.slice(0, 200)} / ${login.text.slice(0, 200)}`);
			this.cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		} else {
			this.cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
		}
		const scopes = await this.json<{ data: string[] }>('GET', '/rest/api-keys/scopes');
		const key = await this.json<{ data: { rawApiKey: string } }>('POST', '/rest/api-keys', {
			label: `e2e-${Date.now()}`,
			expiresAt: null,
			scopes: scopes.data,
		});
		this.apiKey = key.data.rawApiKey;
	}

	/**
	 * Saves a credential the way the editor does (REST, not the public API: n8n 2.3.6's public API schema asks for
	 * `allowedDomains` on every credential with `authenticate`, even when domain restriction is off).
	 */
	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string }> {
		return (await this.json<{ data: { id: string } }>('POST', '/rest/credentials', { name, type, data })).data;
	}

	/**
	 * n8n's real credential test (the editor's "Test" button) on a saved credential, deleted afterwards: n8n 2.3.6
	 * tests only saved credentials (403 for an unsaved one); 2.41.1 tests either.
	 */
	async testCredential(type: string, data: Record<string, unknown>): Promise<{ status: string; message: string }> {
		const name = `test ${type} ${Date.now()}`;
		const { id } = await this.createCredential(name, type, data);
		try {
			const result = await this.json<{ data: { status: string; message: string } }>('POST', '/rest/credentials/test', {
				credentials: { id, name, type, data },
			});
			return result.data;
		} finally {
			await this.json('DELETE', `/rest/credentials/${id}`);
		}
	}

	createWorkflow(workflow: Record<string, unknown>): Promise<{ id: string }> {
		return this.json('POST', '/api/v1/workflows', workflow);
	}

	activate(id: string): Promise<unknown> {
		return this.json('POST', `/api/v1/workflows/${id}/activate`);
	}

	deactivate(id: string): Promise<unknown> {
		return this.json('POST', `/api/v1/workflows/${id}/deactivate`);
	}

	/**
	 * Id and status of a workflow's newest executions as the editor lists them: runs n8n has created but not started
	 * (status `new`, "Queued" in the editor) included.
	 */
	async executionStatuses(workflowId: string, limit = 100): Promise<Array<{ id: string; status: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.json<{ data: { results: Array<{ id: string; status: string }> } }>(
			'GET',
			`/rest/executions?filter=${filter}&limit=${limit}`,
		);
		return page.data.results.map(({ id, status }) => ({ id, status }));
	}

	/** Every execution of a workflow (the public API pages them by cursor, 250 at most per page). */
	async executions(workflowId: string, includeData = true): Promise<Execution[]> {
		const all: Execution[] = [];
		let cursor: string | undefined;
		do {
			const query = `workflowId=${workflowId}&includeData=${includeData}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
			const page = await this.json<{ data: Execution[]; nextCursor?: string | null }>(
				'GET',
				`/api/v1/executions?${query}`,
			);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}
}

/** The JSON of every item a node put out on its first output, in its first run. */
export function outputItems(execution: Execution, node: string): Array<Record<string, unknown>> {
	return (execution.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

/**
 * The items a trigger handed to the run: its output, or — for a run n8n lost (killed mid-run, then marked crashed at
 * the next start with no output or with n8n's placeholder item `isArtificialRecoveredEventItem`, see
 * packages/cli/src/executions/execution-recovery.service.ts) — the items the run was created with.
 */
export function triggeredItems(execution: Execution, trigger: string): Array<Record<string, unknown>> {
	const output = outputItems(execution, trigger).filter((json) => json.isArtificialRecoveredEventItem !== true);
	if (output.length > 0 || execution.status !== 'crashed') return output;
	return startItems(execution, trigger);
}

/** The items a run was created with for its trigger (what n8n stored before running anything). */
export function startItems(execution: Execution, trigger: string): Array<Record<string, unknown>> {
	const start = execution.data?.executionData?.nodeExecutionStack?.find((entry) => entry.node?.name === trigger);
	return (start?.data?.main?.[0] ?? []).map((item) => item.json);
}
