import { TokenBucketMirror } from '../../../../nodes/shared/transport/token-bucket-mirror';

/** A mirror of a 60-a-minute bucket (one token a second) on a fake clock; `waits` records every sleep. */
function mirror() {
	let now = 0;
	const waits: number[] = [];
	const m = new TokenBucketMirror({
		windowMs: 60_000,
		limitHeader: 'x-ratelimit-limit',
		remainingHeader: 'x-ratelimit-remaining',
		now: () => now,
		sleep: async (ms) => {
			waits.push(ms);
		},
	});
	const answer = (remaining: number, extra: Record<string, string> = {}) =>
		m.observe({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': String(remaining), ...extra });
	return { m, waits, answer, advance: (ms: number) => (now += ms) };
}

describe('TokenBucketMirror', () => {
	it('does not pace before an answer has said what the limit is, nor when answers carry no limit', async () => {
		const { m, waits } = mirror();
		for (let i = 0; i < 100; i++) await m.acquire();
		m.observe({ 'x-other': '1' });
		for (let i = 0; i < 100; i++) await m.acquire();
		expect(waits).toEqual([]);
	});

	it('counts the requests sent before the first answer, then reserves slots one refill apart, first come first served', async () => {
		const { m, waits, answer } = mirror();
		for (let i = 0; i < 4; i++) await m.acquire();
		answer(5); // processed first of the 4: the other 3 still take tokens
		expect(m.available()).toBe(2);
		await Promise.all([m.acquire(), m.acquire(), m.acquire(), m.acquire()]);
		expect(waits).toEqual([1000, 2000]);
	});

	it('refills continuously up to the capacity', async () => {
		const { m, waits, answer, advance } = mirror();
		await m.acquire();
		answer(0);
		advance(2500);
		expect(m.available()).toBe(2.5);
		advance(600_000);
		expect(m.available()).toBe(60);
		for (let i = 0; i < 60; i++) await m.acquire();
		expect(waits).toEqual([]);
		await m.acquire();
		expect(waits).toEqual([1000]);
	});

	it('an answer with fewer tokens left than counted (someone else spends the bucket) lowers the count; more never raises it', async () => {
		const { m, answer } = mirror();
		await m.acquire();
		answer(30);
		answer(10);
		expect(m.available()).toBe(10);
		answer(50);
		expect(m.available()).toBe(10);
	});

	it('a refusal (Retry-After) took no token: its slot is given back, and the count follows the server', async () => {
		const first = mirror();
		await first.m.acquire();
		first.answer(0, { 'retry-after': '1' }); // a refused first answer: the others sent with it were refused too
		expect(first.m.available()).toBe(0);

		const { m, answer, waits } = mirror();
		await m.acquire();
		answer(1);
		await m.acquire();
		await m.acquire(); // reserved one second ahead
		expect(waits).toEqual([1000]);
		expect(m.available()).toBe(-1);
		answer(0, { 'retry-after': '1' }); // one of them was refused after all
		expect(m.available()).toBe(0);
	});
});
