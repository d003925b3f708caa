import type { Clock } from '../common/clock';
import type { SimRequest, SimResponse } from '../common/http';
import { TokenBucket, type TakeResult } from '../common/token-bucket';
import { hubSpotError } from './errors';

const taken = new WeakMap<SimRequest, { tenSecondly: TakeResult; daily: TakeResult }>();

export function rateLimited(policyName: string, message: string, headers: Record<string, string> = {}): SimResponse {
	const response = hubSpotError(429, 'RATE_LIMITS', message);
	const body = response.body as Record<string, unknown>;
	return { status: 429, headers, body: { ...body, errorType: 'RATE_LIMIT', policyName, requestId: body.correlationId } };
}

/** A rolling 10-second budget per app and a daily one (webhooks-hubspot.md §2.4); search has its own per-second limit. */
export class HubSpotRateLimits {
	readonly tenSecondly: TokenBucket;
	readonly daily: TokenBucket;
	readonly search: TokenBucket;

	constructor(clock: Clock, tenSecondly: number, daily: number, searchPerSecond: number) {
		this.tenSecondly = new TokenBucket(tenSecondly, 10_000, clock);
		this.daily = new TokenBucket(daily, 86_400_000, clock);
		this.search = new TokenBucket(searchPerSecond, 1000, clock);
	}

	take(req: SimRequest): SimResponse | undefined {
		if (req.path.endsWith('/search')) return undefined; // counted by the search bucket instead
		const daily = this.daily.take();
		if (!daily.ok) return rateLimited('DAILY', 'You have reached your daily limit.');
		const tenSecondly = this.tenSecondly.take();
		taken.set(req, { tenSecondly, daily });
		if (!tenSecondly.ok) return rateLimited('TEN_SECONDLY_ROLLING', 'You have reached your ten secondly rate limit.', this.headerValues(req) ?? {});
		return undefined;
	}

	/** Search answers carry no rate-limit headers; a 429 there says "secondly limit". */
	takeSearch(): SimResponse | undefined {
		return this.search.take().ok ? undefined : rateLimited('SECONDLY', 'You have reached your secondly limit.');
	}

	headerValues(req: SimRequest): Record<string, string> | undefined {
		const t = taken.get(req);
		if (!t) return undefined;
		return {
			'x-hubspot-ratelimit-max': String(t.tenSecondly.limit),
			'x-hubspot-ratelimit-remaining': String(t.tenSecondly.remaining),
			'x-hubspot-ratelimit-interval-milliseconds': '10000',
			'x-hubspot-ratelimit-daily': String(t.daily.limit),
			'x-hubspot-ratelimit-daily-remaining': String(t.daily.remaining),
		};
	}
}
