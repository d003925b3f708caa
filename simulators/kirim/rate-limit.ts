import type { Clock } from '../common/clock';
import type { SimRequest, SimResponse } from '../common/http';
import { TokenBucket, type TakeResult } from '../common/token-bucket';
import { kirimError } from './errors';

export type Tier = 'default' | 'pro' | { writePerMinute: number; readPerMinute: number };

/** Kirim's tiers (https://developers.kirim.chat/concepts/rate-limits/): per organisation, one bucket per class. */
export function tierLimits(tier: Tier): { writePerMinute: number; readPerMinute: number } {
	if (tier === 'default') return { writePerMinute: 60, readPerMinute: 600 };
	if (tier === 'pro') return { writePerMinute: 600, readPerMinute: 6000 };
	return tier;
}

const lastTake = new WeakMap<SimRequest, TakeResult>();

export class KirimRateLimits {
	readonly write: TokenBucket;
	readonly read: TokenBucket;

	constructor(tier: Tier, clock: Clock) {
		const limits = tierLimits(tier);
		this.write = new TokenBucket(limits.writePerMinute, 60_000, clock);
		this.read = new TokenBucket(limits.readPerMinute, 60_000, clock);
	}

	/** write = POST/PUT/PATCH/DELETE, read = GET/HEAD; a 429 carries Retry-After in seconds. */
	take(req: SimRequest): SimResponse | undefined {
		const bucket = req.method === 'GET' || req.method === 'HEAD' ? this.read : this.write;
		const result = bucket.take();
		lastTake.set(req, result);
		if (result.ok) return undefined;
		const response = kirimError(429, 'rate_limit_error', 'rate_limit_exceeded', 'Too many requests. Slow down.');
		return { ...response, headers: { ...response.headers, 'retry-after': String(result.retryAfterSeconds) } };
	}

	/** X-RateLimit-* on every 2xx and 4xx. */
	headers(req: SimRequest, res: SimResponse): SimResponse {
		const taken = lastTake.get(req);
		if (!taken || res.status >= 500) return res;
		return {
			...res,
			headers: {
				...(res.headers ?? {}),
				'x-ratelimit-limit': String(taken.limit),
				'x-ratelimit-remaining': String(taken.remaining),
				'x-ratelimit-reset': String(taken.resetAtSeconds),
			},
		};
	}
}
