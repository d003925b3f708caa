import type { Clock } from '../common/clock';
import { postRaw, scaledDelay, type RetryPolicy } from '../common/delivery';
import { signV1, signV2, signV3 } from './signing';
import type { ChangeRecord, HubSpotStore } from './store';

export interface WebhookSubscription {
	subscriptionType: string;
	propertyName?: string;
	id: number;
}

export interface WebhookSettings {
	targetUrl?: string;
	signatureVersion: 'v3' | 'v2' | 'v1';
	/** How long changes are gathered into one POST (HubSpot batches up to 100 events). */
	batchWindowMs: number;
}

export interface SentRequest {
	attempt: number;
	status?: number;
	events: number;
	body: string;
	headers: Record<string, string>;
}

/** HubSpot retries a failed batch up to 10 times over 24 h with randomised delays (webhooks-hubspot.md §1.4). */
export const HUBSPOT_SCHEDULE_MS = [0, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 21_600_000, 28_800_000, 28_800_000];
const TIMEOUT_MS = 5_000;

/** Gathers contact changes into signed batches for the app's target URL, as HubSpot's webhook delivery does. */
export class HubSpotWebhooks {
	readonly subscriptions: WebhookSubscription[] = [];
	readonly sent: SentRequest[] = [];
	settings: WebhookSettings = { signatureVersion: 'v3', batchWindowMs: 20 };
	private queue: Array<Record<string, unknown>> = [];
	private flushTimer?: NodeJS.Timeout;
	private readonly inFlight = new Set<Promise<void>>();
	private eventCounter = 0;
	private readonly policy: RetryPolicy;

	constructor(
		store: HubSpotStore,
		private readonly clock: Clock,
		private readonly clientSecret: string,
		private readonly identity: { appId: number; portalId: number },
		timeScale: number,
	) {
		this.policy = { delaysMs: HUBSPOT_SCHEDULE_MS, jitter: 0.2, timeScale, classify: (r) => (r.status !== undefined && r.status < 300 ? 'success' : 'retry') };
		store.listeners.push((change) => this.record(change));
	}

	subscribe(subscriptionType: string, propertyName?: string): WebhookSubscription {
		const subscription = { subscriptionType, propertyName, id: 100 + this.subscriptions.length };
		this.subscriptions.push(subscription);
		return subscription;
	}

	private record(change: ChangeRecord): void {
		if (change.objectType !== 'contacts' || !this.settings.targetUrl) return;
		const type = `contact.${change.kind}`;
		const subscription = this.subscriptions.find(
			(s) => s.subscriptionType === type && (change.kind !== 'propertyChange' || s.propertyName === change.propertyName),
		);
		if (!subscription) return;
		// eventId is documented as not unique: the counter wraps, so ids repeat.
		this.eventCounter = (this.eventCounter + 1) % 1000;
		this.queue.push({
			objectId: Number(change.objectId),
			...(change.kind === 'propertyChange' ? { propertyName: change.propertyName, propertyValue: change.propertyValue } : {}),
			changeSource: change.writer.changeSource,
			sourceId: change.writer.sourceId,
			eventId: this.eventCounter,
			subscriptionId: subscription.id,
			portalId: this.identity.portalId,
			appId: this.identity.appId,
			occurredAt: change.occurredAt,
			subscriptionType: type,
			attemptNumber: 0,
			...(change.kind === 'creation' ? { changeFlag: 'NEW' } : {}),
		});
		if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), this.settings.batchWindowMs);
	}

	/** Sends what is queued now, in batches of at most 100. */
	flush(): void {
		clearTimeout(this.flushTimer);
		this.flushTimer = undefined;
		while (this.queue.length) {
			const batch = this.queue.splice(0, 100);
			const run = this.deliver(batch).finally(() => this.inFlight.delete(run));
			this.inFlight.add(run);
		}
	}

	async idle(): Promise<void> {
		if (this.flushTimer) this.flush();
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	/** The headers HubSpot sends for `body`, signed with the configured version. */
	sign(body: string, url: string): Record<string, string> {
		const timestamp = String(this.clock.now());
		const headers: Record<string, string> = { 'content-type': 'application/json', 'x-hubspot-timeout-millis': String(TIMEOUT_MS) };
		if (this.settings.signatureVersion === 'v3') {
			headers['x-hubspot-signature-v3'] = signV3(this.clientSecret, 'POST', url, body, timestamp);
			headers['x-hubspot-request-timestamp'] = timestamp;
		} else {
			headers['x-hubspot-signature-version'] = this.settings.signatureVersion;
			headers['x-hubspot-signature'] = this.settings.signatureVersion === 'v2' ? signV2(this.clientSecret, 'POST', url, body) : signV1(this.clientSecret, body);
		}
		return headers;
	}

	private async deliver(events: Array<Record<string, unknown>>): Promise<void> {
		for (let index = 0; index < HUBSPOT_SCHEDULE_MS.length; index++) {
			const wait = scaledDelay(this.policy, index);
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			const url = this.settings.targetUrl;
			if (!url) return;
			// A retry is a new request: same events with attemptNumber + 1, a fresh timestamp and signature.
			const body = JSON.stringify(events.map((e) => ({ ...e, attemptNumber: index })));
			const headers = this.sign(body, url);
			const result = await postRaw(url, Buffer.from(body), headers, TIMEOUT_MS);
			this.sent.push({ attempt: index, status: result.status, events: events.length, body, headers });
			if (result.status !== undefined && result.status >= 200 && result.status < 300) return;
		}
	}
}
