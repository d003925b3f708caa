import type { IWebhookFunctions } from 'n8n-workflow';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** How n8n answered a request: the status it chose, and whether the sender had hung up before that. */
export interface Answered {
	status: number;
	hungUp: boolean;
	atMs: number;
}

interface Hook {
	listeners: Array<(answered: Answered) => void>;
	answered?: Answered;
	hungUp: boolean;
}

const hooks = new WeakMap<Response, Hook>();

/**
 * Calls `listener` once n8n answers the request, with the status it chose. n8n always ends the response through
 * `res.end` (express's `json`/`send` call it, and so does its error path: packages/cli/src/webhooks/
 * webhook-request-handler.ts), also when the sender has hung up meanwhile — and then Node emits no 'finish', so
 * 'finish' alone would miss exactly the deliveries the sender will retry. So `end` itself is observed.
 */
export function onAnswered(res: Response, listener: (answered: Answered) => void): void {
	let hook = hooks.get(res);
	if (!hook) {
		const created: Hook = { listeners: [], hungUp: false };
		hook = created;
		hooks.set(res, created);
		res.once('close', () => {
			if (!created.answered) created.hungUp = true;
		});
		const end = res.end;
		res.end = function (this: Response, ...args: unknown[]) {
			if (!created.answered) {
				const answered = { status: res.statusCode, hungUp: created.hungUp, atMs: Date.now() };
				created.answered = answered;
				for (const call of created.listeners.splice(0)) call(answered);
			}
			return (end as (...a: unknown[]) => Response).apply(this, args);
		} as Response['end'];
	}
	if (hook.answered) listener(hook.answered);
	else hook.listeners.push(listener);
}

/** Whether n8n has answered the request (see `onAnswered`). */
export function isAnswered(res: Response): boolean {
	return hooks.get(res)?.answered !== undefined;
}
