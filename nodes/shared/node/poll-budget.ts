import type { IPollFunctions } from 'n8n-workflow';

/**
 * n8n's time budget for one poll (IPollFunctions.getPollBudgetMs, added in n8n 2.38), or undefined where n8n has
 * none. Read through an optional view so the code also compiles against the typings of older n8n (README
 * "Compatibility": the oldest supported n8n, 2.30.8, has no poll budget).
 */
export function n8nPollBudgetMs(ctx: IPollFunctions): number | undefined {
	const poll = ctx as IPollFunctions & { getPollBudgetMs?: () => number };
	return typeof poll.getPollBudgetMs === 'function' ? poll.getPollBudgetMs() : undefined;
}
