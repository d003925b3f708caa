import { randomUUID } from 'node:crypto';

import type { Clock } from '../common/clock';
import type { SimRequest, SimResponse } from '../common/http';
import { hubSpotError } from './errors';

/** A rolling window: at most `limit` requests in any `windowMs` (HubSpot's TEN_SECONDLY_ROLLING). */
export class RollingWindow {
	private stamps: number[] = [];

	constructor(
		public limit: number,
		readonly windowMs: number,
		private readonly clock: Clock,
	) {}

	/** Counts a request if there is room; returns whether there was. */
	take(): boolean {
		this.prune();
		if (this.stamps.length >= this.limit) return false;
		this.stamps.push(this.clock.now());
		return true;
	}

	get remaining(): number {
		this.prune();
		return Math.max(0, this.limit - this.stamps.length);
	}

	/** Fills the window as a burst from other clients would. */
	drain(): void {
		this.prune();
		while (this.stamps.length < this.limit) this.stamps.push(this.clock.now());
	}

	private prune(): void {
		const cutoff = this.clock.now() - this.windowMs;
		while (this.stamps.length && this.stamps[0] <= cutoff) this.stamps.shift();
	}
}

/** The daily budget; it resets at midnight in the account's time zone (HubSpot's usage guidelines), UTC here. */
export class DailyCounter {
	private day = -1;
	private used = 0;

	constructor(
		public limit: number,
		private readonly clock: Clock,
	) {}

	take(): boolean {
		this.roll();
		if (this.used >= this.limit) return false;
		this.used += 1;
		return true;
	}

	get remaining(): number {
		this.roll();
		return Math.max(0, this.limit - this.used);
	}

	drain(): void {
		this.roll();
		this.used = this.limit;
	}

	private roll(): void {
		const day = Math.floor(this.clock.now() / 86_400_000);
		if (day !== this.day) {
			this.day = day;
			this.used = 0;
		}
	}
}

export type PolicyName = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';

const MESSAGES: Record<PolicyName, string> = {
	TEN_SECONDLY_ROLLING: 'You have reached your ten secondly rate limit.',
	DAILY: 'You have reached your daily limit.',
	SECONDLY: 'You have reached your secondly limit.',
};

/**
 * HubSpot's 429 body (its official example is quoted in
 * https://community.hubspot.com/t5/APIs-Integrations/Hubspot-User-experience/m-p/511719): errorType RATE_LIMIT,
 * policyName naming the limit hit.
 */
export function rateLimited(policyName: PolicyName, headers: Record<string, string> = {}): SimResponse {
	const base = hubSpotError(429, 'RATE_LIMITS', MESSAGES[policyName]).body as Record<string, unknown>;
	const { category: _category, ...rest } = base;
	return { status: 429, headers, body: { ...rest, errorType: 'RATE_LIMIT', policyName, requestId: randomUUID() } };
}

export function isPolicyName(value: unknown): value is PolicyName {
	return value === 'TEN_SECONDLY_ROLLING' || value === 'DAILY' || value === 'SECONDLY';
}

const SEARCH = /\/search$/;

/**
 * Private-app limits (https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines): a rolling
 * 10-second budget per app and a daily one per account. Search is exempt from both (its operation carries
 * "x-hubspot-rate-limit-exemptions: ten-secondly" in HubSpot's OpenAPI spec) and has its own per-second limit; its
 * answers carry no X-HubSpot-RateLimit headers.
 */
export class HubSpotRateLimits {
	readonly tenSecondly: RollingWindow;
	readonly daily: DailyCounter;
	readonly search: RollingWindow;

	constructor(clock: Clock, tenSecondly: number, daily: number, searchPerSecond: number) {
		this.tenSecondly = new RollingWindow(tenSecondly, 10_000, clock);
		this.daily = new DailyCounter(daily, clock);
		this.search = new RollingWindow(searchPerSecond, 1000, clock);
	}

	static isSearch(req: SimRequest): boolean {
		return SEARCH.test(req.path);
	}

	/** Counts a non-search request; a 429 when a budget is spent (the daily one is checked first). */
	take(req: SimRequest): SimResponse | undefined {
		if (HubSpotRateLimits.isSearch(req)) return undefined;
		if (this.daily.remaining === 0) return rateLimited('DAILY', this.headers());
		if (!this.tenSecondly.take()) return rateLimited('TEN_SECONDLY_ROLLING', this.headers());
		this.daily.take();
		return undefined;
	}

	/** Counts a search; a 429 SECONDLY when the per-second limit is spent. */
	takeSearch(): SimResponse | undefined {
		return this.search.take() ? undefined : rateLimited('SECONDLY');
	}

	headers(): Record<string, string> {
		return {
			'x-hubspot-ratelimit-max': String(this.tenSecondly.limit),
			'x-hubspot-ratelimit-remaining': String(this.tenSecondly.remaining),
			'x-hubspot-ratelimit-interval-milliseconds': String(this.tenSecondly.windowMs),
			'x-hubspot-ratelimit-daily': String(this.daily.limit),
			'x-hubspot-ratelimit-daily-remaining': String(this.daily.remaining),
		};
	}
}
