/** Wall clock the simulators read; tests swap in a manual one to move time without waiting. */
export interface Clock {
	now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class ManualClock implements Clock {
	constructor(private current = Date.UTC(2026, 4, 23, 10, 0, 0)) {}

	now(): number {
		return this.current;
	}

	advance(ms: number): void {
		this.current += ms;
	}

	set(ms: number): void {
		this.current = ms;
	}
}
