import type { Clock } from '../common/clock';
import { postRaw, scaledDelay, type AttemptResult, type RetryPolicy } from '../common/delivery';
import { signV1, signV2, signV3 } from './signing';
import type { HubSpotStore } from './store';
import {
	buildEvent,
	parseSubscriptionType,
	subscriptionFor,
	UNSUBSCRIBABLE_PROPERTIES,
	type WebhookEvent,
	type WebhookSubscription,
} from './webhook-events';

export type { WebhookEvent, WebhookSubscription } from './webhook-events';

/** "Each request can contain up to 100 events" (https://developers.hubspot.com/docs/api/webhooks). */
export const MAX_EVENTS_PER_REQUEST = 100;
/** A response slower than five seconds counts as a failure and is retried (HubSpot's webhook docs). */
export const DELIVERY_TIMEOUT_MS = 5_000;
/**
 * HubSpot retries "up to 10 times", "spread out over the next 24 hours" with "some randomization" (its webhook
 * docs); the exact delays are not published. Ours: first attempt at once, then 10 retries; nominal sum 19 h 46 min,
 * so even +20 % jitter stays inside 24 h.
 */
export const HUBSPOT_RETRY_SCHEDULE_MS = [
	0, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 14_400_000, 14_400_000, 18_000_000,
];
export const RETRY_JITTER = 0.2;

export interface WebhookSettings {
	targetUrl?: string;
	/** v3 by default; v1/v2 send X-HubSpot-Signature + X-HubSpot-Signature-Version instead. */
	signatureVersion: 'v1' | 'v2' | 'v3';
	/** How long changes are gathered into one POST, in real ms. */
	batchWindowMs: number;
	/** Concurrent POSTs at most ("must be a number greater than five"; HubSpot's default limit is 10). */
	maxConcurrentRequests: number;
	/** eventId counts up and wraps at this value, so ids repeat: the docs say eventId is not unique. */
	eventIdCycle: number;
}

/** One POST the sender made. */
export interface SentRequest {
	url: string;
	attempt: number;
	at: number;
	status?: number;
	error?: string;
	events: number;
	body: string;
	headers: Record<string, string>;
}

/** Gathers changes into signed batches for the app's target URL and retries failures, as HubSpot's delivery does. */
export class HubSpotWebhooks {
	readonly subscriptions: WebhookSubscription[] = [];
	readonly sent: SentRequest[] = [];
	settings: WebhookSettings = {
		signatureVersion: 'v3',
		batchWindowMs: 20,
		maxConcurrentRequests: 10,
		eventIdCycle: 1000,
	};
	private queue: WebhookEvent[] = [];
	private flushTimer?: NodeJS.Timeout;
	private readonly inFlight = new Set<Promise<void>>();
	private readonly waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	private active = 0;
	private readonly slotWaiters: Array<() => void> = [];
	private eventCounter = 0;
	private nextSubscriptionId = 1;
	private closed = false;
	private readonly policy: RetryPolicy;

	constructor(
		store: HubSpotStore,
		private readonly clock: Clock,
		private readonly clientSecret: string,
		private readonly identity: { appId: number; portalId: number },
		options: { timeScale: number; timeoutMs: number; random?: () => number },
	) {
		this.policy = {
			delaysMs: HUBSPOT_RETRY_SCHEDULE_MS,
			jitter: RETRY_JITTER,
			timeScale: options.timeScale,
			classify: (r) => (isSuccess(r) ? 'success' : 'retry'),
		};
		this.timeoutMs = options.timeoutMs;
		this.random = options.random ?? Math.random;
		store.listeners.push((change) => {
			const subscription = subscriptionFor(change, this.subscriptions);
			if (!subscription || !this.settings.targetUrl || this.closed) return;
			this.eventCounter = (this.eventCounter % this.settings.eventIdCycle) + 1;
			this.enqueue(buildEvent(change, subscription, this.identity, this.eventCounter));
		});
	}

	private readonly timeoutMs: number;
	private readonly random: () => number;

	/** Changes settings, checked as HubSpot's app settings page would. */
	configure(patch: Partial<WebhookSettings>): WebhookSettings {
		const next = { ...this.settings, ...patch };
		if (next.targetUrl !== undefined && !isHttpUrl(next.targetUrl)) throw new Error('targetUrl must be an http(s) URL');
		if (!['v1', 'v2', 'v3'].includes(next.signatureVersion)) throw new Error('signatureVersion must be v1, v2 or v3');
		if (!Number.isInteger(next.maxConcurrentRequests) || next.maxConcurrentRequests <= 5)
			throw new Error('maxConcurrentRequests must be a whole number greater than five');
		if (typeof next.batchWindowMs !== 'number' || next.batchWindowMs < 0)
			throw new Error('batchWindowMs must be a number ≥ 0');
		if (!Number.isInteger(next.eventIdCycle) || next.eventIdCycle < 1)
			throw new Error('eventIdCycle must be a whole number ≥ 1');
		this.settings = next;
		return next;
	}

	/** Adds a subscription (`contact.propertyChange` needs the property it follows). */
	subscribe(subscriptionType: string, propertyName?: string): WebhookSubscription {
		const parsed = parseSubscriptionType(subscriptionType);
		if (!parsed) throw new Error(`unknown subscriptionType "${subscriptionType}"`);
		if (parsed.kind === 'propertyChange' && !propertyName)
			throw new Error('a propertyChange subscription needs a propertyName');
		if (parsed.kind !== 'propertyChange' && propertyName)
			throw new Error('propertyName is only for propertyChange subscriptions');
		if (propertyName && UNSUBSCRIBABLE_PROPERTIES.has(propertyName))
			throw new Error(`${propertyName} cannot be subscribed to`);
		const existing = this.subscriptions.find(
			(s) => s.subscriptionType === subscriptionType && s.propertyName === propertyName,
		);
		if (existing) {
			existing.active = true;
			return existing;
		}
		const subscription: WebhookSubscription = {
			id: this.nextSubscriptionId++,
			subscriptionType,
			...(propertyName ? { propertyName } : {}),
			active: true,
		};
		this.subscriptions.push(subscription);
		return subscription;
	}

	unsubscribe(id: number): boolean {
		const subscription = this.subscriptions.find((s) => s.id === id);
		if (subscription) subscription.active = false;
		return Boolean(subscription);
	}

	/** Sends what is queued now, in batches of at most 100. */
	flush(): void {
		clearTimeout(this.flushTimer);
		this.flushTimer = undefined;
		while (this.queue.length) {
			const batch = this.queue.splice(0, MAX_EVENTS_PER_REQUEST);
			const run = this.deliver(batch).finally(() => this.inFlight.delete(run));
			this.inFlight.add(run);
		}
	}

	/** Resolves when nothing is queued or being delivered (retries included). */
	async idle(): Promise<void> {
		if (this.flushTimer) this.flush();
		while (this.inFlight.size > 0) {
			await Promise.all([...this.inFlight]);
			if (this.flushTimer) this.flush();
		}
	}

	/** Stops delivering: pending retries are dropped. */
	close(): void {
		this.closed = true;
		clearTimeout(this.flushTimer);
		this.flushTimer = undefined;
		this.queue = [];
		for (const wait of this.waits) {
			clearTimeout(wait.timer);
			wait.resolve();
		}
		this.waits.clear();
	}

	/** The headers HubSpot sends with `body` to `url`, signed with the configured version at `timestamp`. */
	signedHeaders(body: string, url: string, timestamp: number): Record<string, string> {
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'x-hubspot-timeout-millis': String(this.timeoutMs),
		};
		const version = this.settings.signatureVersion;
		if (version === 'v3') {
			headers['x-hubspot-signature-v3'] = signV3(this.clientSecret, 'POST', url, body, String(timestamp));
			headers['x-hubspot-request-timestamp'] = String(timestamp);
		} else {
			headers['x-hubspot-signature-version'] = version;
			headers['x-hubspot-signature'] =
				version === 'v2' ? signV2(this.clientSecret, 'POST', url, body) : signV1(this.clientSecret, body);
		}
		return headers;
	}

	private enqueue(event: WebhookEvent): void {
		this.queue.push(event);
		if (this.queue.length >= MAX_EVENTS_PER_REQUEST) this.flush();
		else if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), this.settings.batchWindowMs);
	}

	private async deliver(events: WebhookEvent[]): Promise<void> {
		for (let attempt = 0; attempt < HUBSPOT_RETRY_SCHEDULE_MS.length; attempt++) {
			await this.wait(scaledDelay(this.policy, attempt, this.random));
			const url = this.settings.targetUrl;
			if (!url || this.closed) return;
			// A retry is a new request: the same events with attemptNumber + 1, a fresh timestamp and signature.
			const body = JSON.stringify(events.map((event) => ({ ...event, attemptNumber: attempt })));
			const result = await this.post(url, body);
			if (isSuccess(result)) return;
		}
	}

	private async post(url: string, body: string): Promise<AttemptResult> {
		await this.slot();
		try {
			const at = this.clock.now();
			const headers = this.signedHeaders(body, url, at);
			const result = await postRaw(url, Buffer.from(body), headers, this.timeoutMs);
			const attempt = (JSON.parse(body) as WebhookEvent[])[0]?.attemptNumber ?? 0;
			this.sent.push({
				url,
				attempt,
				at,
				status: result.status,
				error: result.error,
				events: (JSON.parse(body) as unknown[]).length,
				body,
				headers,
			});
			return result;
		} finally {
			this.active -= 1;
			this.slotWaiters.shift()?.();
		}
	}

	/** At most maxConcurrentRequests POSTs at once. */
	private async slot(): Promise<void> {
		while (this.active >= this.settings.maxConcurrentRequests)
			await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
		this.active += 1;
	}

	private wait(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const entry = { timer: setTimeout(() => (this.waits.delete(entry), resolve()), ms), resolve };
			this.waits.add(entry);
		});
	}
}

function isSuccess(result: AttemptResult): boolean {
	return result.status !== undefined && result.status >= 200 && result.status < 300;
}

function isHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}
