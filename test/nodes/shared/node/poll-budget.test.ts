import type { IPollFunctions } from 'n8n-workflow';

import { n8nPollBudgetMs } from '../../../../nodes/shared/node/poll-budget';

describe('n8nPollBudgetMs', () => {
	test("n8n's budget where n8n gives one (2.38 and later), called on n8n's context", () => {
		const ctx = {
			budget: 120_000,
			getPollBudgetMs(this: { budget: number }) {
				return this.budget;
			},
		};
		expect(n8nPollBudgetMs(ctx as unknown as IPollFunctions)).toBe(120_000);
	});

	test('undefined where n8n has none (before 2.38), so each trigger applies its own default', () => {
		expect(n8nPollBudgetMs({} as IPollFunctions)).toBeUndefined();
	});
});
