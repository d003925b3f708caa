import { startSim } from './helpers';

let ctx: Awaited<ReturnType<typeof startSim>>;
afterEach(() => ctx.sim.close());

const list = '/crm/objects/2026-09/contacts';

describe('HubSpot simulator: rate limits', () => {
	test('every non-search answer carries X-HubSpot-RateLimit-* counting down', async () => {
		ctx = await startSim({ tenSecondlyLimit: 100, dailyLimit: 250_000 });
		const first = await ctx.call('GET', list);
		expect(
			Object.fromEntries(
				['max', 'remaining', 'interval-milliseconds', 'daily', 'daily-remaining'].map((h) => [
					h,
					first.headers.get(`x-hubspot-ratelimit-${h}`),
				]),
			),
		).toEqual({
			max: '100',
			remaining: '99',
			'interval-milliseconds': '10000',
			daily: '250000',
			'daily-remaining': '249999',
		});
		const notFound = await ctx.call('GET', `${list}/999999`);
		expect(notFound.headers.get('x-hubspot-ratelimit-remaining')).toBe('98');
	});

	test('the 10-second window is rolling: the 4th request in 10 s is 429 TEN_SECONDLY_ROLLING until the oldest leaves the window', async () => {
		ctx = await startSim({ tenSecondlyLimit: 3 });
		await ctx.call('GET', list);
		ctx.clock.advance(4000);
		await ctx.call('GET', list);
		await ctx.call('GET', list);
		const limited = await ctx.call('GET', list);
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({
			status: 'error',
			message: 'You have reached your ten secondly rate limit.',
			errorType: 'RATE_LIMIT',
			correlationId: expect.any(String),
			policyName: 'TEN_SECONDLY_ROLLING',
			requestId: expect.any(String),
		});
		expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
		ctx.clock.advance(6000); // the first request is now 10 s old
		expect((await ctx.call('GET', list)).status).toBe(200);
		expect((await ctx.call('GET', list)).status).toBe(429);
	});

	test('the daily limit answers 429 DAILY and resets at midnight (UTC)', async () => {
		ctx = await startSim({ dailyLimit: 2, tenSecondlyLimit: 100 });
		await ctx.call('GET', list);
		await ctx.call('GET', list);
		const limited = await ctx.call('GET', list);
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({
			message: 'You have reached your daily limit.',
			policyName: 'DAILY',
			errorType: 'RATE_LIMIT',
		});
		ctx.clock.advance(12 * 3600 * 1000); // 12:00 → 00:00 next day
		expect((await ctx.call('GET', list)).status).toBe(200);
	});

	test('limits can be drained and changed over the admin routes', async () => {
		ctx = await startSim();
		await fetch(`${ctx.sim.url}/_sim/rate-limits/drain`, {
			method: 'POST',
			body: JSON.stringify({ bucket: 'tenSecondly' }),
		});
		expect((await ctx.call('GET', list)).body.policyName).toBe('TEN_SECONDLY_ROLLING');
		const set = await fetch(`${ctx.sim.url}/_sim/rate-limits`, {
			method: 'PUT',
			body: JSON.stringify({ tenSecondly: 0 }),
		});
		expect(set.status).toBe(400);
	});
});
