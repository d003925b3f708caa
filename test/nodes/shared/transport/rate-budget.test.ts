import { RateBudget } from '../../../../nodes/shared/transport/rate-budget';

function budget(limit: number, intervalMs: number) {
	let now = 0;
	const waits: number[] = [];
	const b = new RateBudget({
		limit,
		intervalMs,
		remainingHeader: 'x-remaining',
		maxHeader: 'x-max',
		now: () => now,
		sleep: async (ms) => {
			waits.push(ms);
			now += ms;
		},
	});
	return { b, waits, advance: (ms: number) => (now += ms), at: () => now };
}

describe('RateBudget', () => {
	it('lets `limit` requests through, then waits for the oldest to leave the window', async () => {
		const { b, waits, advance, at } = budget(3, 1000);
		await b.acquire();
		advance(100);
		await b.acquire();
		await b.acquire();
		expect(waits).toEqual([]);
		await b.acquire();
		expect(at()).toBe(1500); // the window plus the safety margin
		expect(b.used()).toBe(3);
	});

	it('counts what the server says others spent', async () => {
		const { b, waits } = budget(10, 1000);
		await b.acquire();
		b.observe({ 'x-remaining': '0' });
		await b.acquire();
		expect(waits).toEqual([1500]);
	});

	it('lowers its limit to the server’s max, never raises it', async () => {
		const { b, waits } = budget(5, 1000);
		b.observe({ 'x-max': '2' });
		b.observe({ 'x-max': '50' });
		await b.acquire();
		await b.acquire();
		await b.acquire();
		expect(waits).toHaveLength(1);
	});

	it('ignores headers that are missing or not numbers', async () => {
		const { b } = budget(2, 1000);
		b.observe({ 'x-remaining': 'soon' });
		b.observe({});
		await b.acquire();
		expect(b.used()).toBe(1);
	});
});
