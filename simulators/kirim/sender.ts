import type { Clock } from '../common/clock';
import { postRaw, scaledDelay, type AttemptResult, type RetryPolicy, type Verdict } from '../common/delivery';
import type { OutgoingEvent } from './events';
import { signKirimPayload } from './signing';
import type { Delivery, KirimStore, Subscription } from './store';

/**
 * Kirim's schedule: 8 attempts, waiting 0, 10 s, 30 s, 2 m, 10 m, 1 h, 6 h, 24 h, ±20 %
 * (https://developers.kirim.chat/webhooks/retry/).
 */
export const KIRIM_SCHEDULE_MS = [0, 10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 86_400_000];
const ATTEMPT_TIMEOUT_MS = 10_000;

/** 2xx success; 3xx, 408, 429, 5xx and network errors retried; any other 4xx is a permanent failure. */
export function classifyKirimDelivery(result: AttemptResult): Verdict {
	if (result.status === undefined) return 'retry';
	if (result.status >= 200 && result.status < 300) return 'success';
	if (result.status >= 400 && result.status < 500 && result.status !== 408 && result.status !== 429) return 'permanent';
	return 'retry';
}

export interface SenderOptions {
	timeScale: number;
	autoDisableAfter: number;
	/** Scaled timeouts never go below this, so a real n8n has time to answer. */
	minTimeoutMs: number;
}

/** Delivers events to subscriptions the way Kirim does, and records every attempt. */
export class WebhookSender {
	private readonly inFlight = new Set<Promise<void>>();
	private readonly policy: RetryPolicy;

	constructor(
		private readonly store: KirimStore,
		private readonly clock: Clock,
		private readonly options: SenderOptions,
	) {
		this.policy = {
			delaysMs: KIRIM_SCHEDULE_MS,
			jitter: 0.2,
			timeScale: options.timeScale,
			classify: classifyKirimDelivery,
		};
	}

	/** Fans an event out to every active subscription that selected it. */
	emit(event: OutgoingEvent): Delivery[] {
		const deliveries: Delivery[] = [];
		for (const subscription of this.store.subscriptions.values()) {
			if (subscription.status !== 'active' || !subscription.events.includes(event.type)) continue;
			deliveries.push(
				this.enqueue(subscription, event.type, event.eventId, event.source, JSON.stringify(event.body), null),
			);
		}
		return deliveries;
	}

	/**
	 * A replay is a new delivery row of the same event; the original stays for audit
	 * (https://developers.kirim.chat/api/operations/webhook_deliveriesidreplay/).
	 */
	replay(original: Delivery): Delivery {
		const subscription = this.store.subscriptions.get(original.subscription_id)!;
		return this.enqueue(
			subscription,
			original.event_type,
			original.event_id,
			original.source,
			original.body,
			original.id,
		);
	}

	/** Resolves when no delivery is pending any more (retries included). */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	private enqueue(
		subscription: Subscription,
		type: string,
		eventId: string,
		source: 'kirim' | 'meta',
		body: string,
		replayedFrom: string | null,
	): Delivery {
		const delivery: Delivery = {
			id: this.store.newId('wbd'),
			object: 'webhook_delivery',
			subscription_id: subscription.id,
			event_type: type,
			event_id: eventId,
			source,
			status: 'pending',
			attempts: [],
			replayed_from: replayedFrom,
			created_at: this.store.now(),
			body,
		};
		this.store.deliveries.set(delivery.id, delivery);
		const run = this.run(delivery).finally(() => this.inFlight.delete(run));
		this.inFlight.add(run);
		return delivery;
	}

	private async run(delivery: Delivery): Promise<void> {
		for (let index = 0; index < KIRIM_SCHEDULE_MS.length; index++) {
			const wait = scaledDelay(this.policy, index);
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			const subscription = this.store.subscriptions.get(delivery.subscription_id);
			if (!subscription) return;
			const result = await this.attempt(subscription, delivery, index + 1);
			const verdict = classifyKirimDelivery(result);
			if (verdict === 'success') {
				delivery.status = 'delivered';
				subscription.consecutive_failures = 0;
				return;
			}
			if (verdict === 'permanent') return this.fail(subscription, delivery, 'failed');
			// A 429 with Retry-After is honoured on top of the schedule (Kirim's retry docs).
			if (result.status === 429 && result.retryAfterSeconds !== undefined) {
				await new Promise((resolve) => setTimeout(resolve, result.retryAfterSeconds! * 1000 * this.options.timeScale));
			}
		}
		this.fail(this.store.subscriptions.get(delivery.subscription_id), delivery, 'dead');
	}

	private fail(subscription: Subscription | undefined, delivery: Delivery, status: 'failed' | 'dead'): void {
		delivery.status = status;
		if (!subscription) return;
		subscription.consecutive_failures += 1;
		// Kirim auto-disables after 20 consecutive failed deliveries (https://kirim-dev.pages.dev/webhooks/retry/) or 24
		// (https://developers.kirim.chat/webhooks/retry/): the docs disagree, so the threshold is an option.
		if (subscription.consecutive_failures >= this.options.autoDisableAfter) subscription.status = 'disabled';
	}

	private async attempt(subscription: Subscription, delivery: Delivery, attempt: number): Promise<AttemptResult> {
		const t = Math.floor(this.clock.now() / 1000);
		const secrets = this.store.activeSecrets(subscription).map((s) => s.secret);
		const headers = {
			'content-type': 'application/json',
			'user-agent': 'Kirim-Webhook/1.0',
			'x-kirim-source': delivery.source,
			'x-kirim-event': delivery.event_type,
			'x-kirim-event-id': delivery.event_id,
			'x-kirim-delivery-id': delivery.id,
			'x-kirim-attempt': String(attempt),
			'x-kirim-signature': signKirimPayload(secrets, t, delivery.body),
		};
		const timeout = Math.max(this.options.minTimeoutMs, ATTEMPT_TIMEOUT_MS * this.options.timeScale);
		const result = await postRaw(subscription.url, Buffer.from(delivery.body), headers, timeout);
		delivery.attempts.push({
			attempt,
			at: this.store.now(),
			response_status_code: result.status ?? null,
			response_body: result.body,
			error: result.error ?? null,
			duration_ms: result.durationMs,
		});
		return result;
	}
}
