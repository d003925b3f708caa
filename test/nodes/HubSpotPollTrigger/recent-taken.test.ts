import { RecentlyTaken } from '../../../nodes/HubSpotPollTrigger/recent-taken';

describe('RecentlyTaken: the look-back’s memory of what was emitted', () => {
	it('knows a change by id and modification time; a later change of the same contact is new', () => {
		const taken = new RecentlyTaken({ '1': 100 }, 0);
		expect(taken.has('1', 100)).toBe(true);
		expect(taken.has('1', 101)).toBe(false);
		taken.add('1', 101);
		expect(taken.has('1', 101)).toBe(true);
		expect(taken.has('2', 100)).toBe(false);
	});

	it('forgets what the next look-back cannot reach, and says from where it is complete', () => {
		const taken = new RecentlyTaken({ a: 10, b: 20, c: 30 }, 0);
		taken.prune(20, 100);
		expect(taken.toJSON()).toEqual({ b: 20, c: 30 });
		expect(taken.coveredFromMs).toBe(20);
	});

	it('past its bound it drops whole times, oldest first, and moves its coverage above them', () => {
		const taken = new RecentlyTaken({ a: 10, b: 20, c: 20, d: 30, e: 40 }, 0);
		taken.prune(0, 3);
		// Keeping 3 would split time 20 (b, c): both go, so every remembered time stays complete.
		expect(taken.toJSON()).toEqual({ d: 30, e: 40 });
		expect(taken.coveredFromMs).toBe(21);
		expect(taken.size).toBe(2);
	});

	it('never lowers its coverage', () => {
		const taken = new RecentlyTaken({}, 500);
		taken.prune(100, 10);
		expect(taken.coveredFromMs).toBe(500);
	});
});
