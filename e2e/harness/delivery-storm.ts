/**
 * A sender that behaves like Kirim or HubSpot under load: signed deliveries with a fixed concurrency, each retried
 * (through the load balancer, after a pause) until some n8n answers 2xx — a refused connection, a 5xx or a reset
 * while n8n processes die and come back is what a real sender retries too. Redeliveries of already-answered
 * deliveries (the at-least-once part of a webhook contract) are sent too: some through the load balancer, some
 * straight to a webhook process, as a sender whose route changed (DNS, a lost pin) would.
 */
export interface StormDelivery {
	/** What identifies the event (for reports). */
	id: string;
	body: string;
	/** Headers for attempt `attempt` (a new signature each time, as senders sign at sending). */
	headers: (attempt: number) => Record<string, string>;
}

export interface StormTarget {
	/** Where a delivery goes: the load balancer's URL or one webhook process's. */
	url: string;
	label: string;
}

export interface StormOptions {
	concurrency: number;
	/** The load balancer: first attempts and every retry. */
	balancer: StormTarget;
	/** Where some redeliveries go directly. */
	direct: StormTarget[];
	/** Share of deliveries sent a second time once answered (0.3 = 30 %). */
	redeliveryShare: number;
	/** Share of redeliveries sent straight to a webhook process instead of the balancer. */
	directShare: number;
	/** Pause before a failed attempt is sent again (Kirim's first retry comes after 10 s; shorter keeps tests short). */
	retryAfterMs: number;
	/** Called once when this many first attempts have been answered (kills and restarts mid-storm). */
	milestones?: Array<{ after: number; run: () => Promise<void> }>;
	/** How long an attempt may take before the sender gives up on it and retries (Kirim: 10 s); default 30 s. */
	timeoutMs?: number;
	/** Deterministic choices (a seeded generator); Math.random when absent. */
	random?: () => number;
}

export interface StormReport {
	/** Requests sent, all attempts. */
	requests: number;
	/** First-time deliveries answered 2xx. */
	delivered: number;
	redeliveries: number;
	redeliveriesDirect: number;
	/** Attempts that failed (connection refused or reset, 5xx) and were sent again. */
	retried: number;
	/** Answers per route and status, e.g. `nginx: 200`, `webhook 0: no answer`. */
	statuses: Record<string, number>;
	/** Every attempt per delivery id, in order: `+<sent>…+<answered> (ms since the storm began) [redelivery] <route>: <status> <body's start>`. */
	attempts: Record<string, string[]>;
}

interface Job {
	delivery: StormDelivery;
	target: StormTarget;
	redelivery: boolean;
}

/** Posts one attempt; status undefined when no HTTP answer came (refused, reset, killed mid-request). */
async function post(
	target: StormTarget,
	path: string,
	delivery: StormDelivery,
	attempt: number,
	options: StormOptions,
): Promise<{ status?: number; body: string }> {
	try {
		const response = await fetch(`${target.url}${path}`, {
			method: 'POST',
			headers: delivery.headers(attempt),
			body: delivery.body,
			signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
		});
		return { status: response.status, body: await response.text() };
	} catch {
		return { body: '' };
	}
}

/** Sends every delivery until it is answered 2xx, with redeliveries mixed in; resolves when all are answered. */
export async function runStorm(path: string, deliveries: StormDelivery[], options: StormOptions): Promise<StormReport> {
	const random = options.random ?? Math.random;
	const report: StormReport = {
		requests: 0,
		delivered: 0,
		redeliveries: 0,
		redeliveriesDirect: 0,
		retried: 0,
		statuses: {},
		attempts: {},
	};
	const began = Date.now();
	const queue: Job[] = deliveries.map((delivery) => ({ delivery, target: options.balancer, redelivery: false }));
	const milestones = [...(options.milestones ?? [])].sort((a, b) => a.after - b.after);
	let pending = 0;

	const answered = async (job: Job) => {
		if (job.redelivery) return;
		report.delivered += 1;
		if (random() < options.redeliveryShare) {
			const direct = random() < options.directShare;
			const target = direct ? options.direct[Math.floor(random() * options.direct.length)] : options.balancer;
			report.redeliveries += 1;
			if (direct) report.redeliveriesDirect += 1;
			queue.push({ delivery: job.delivery, target, redelivery: true });
		}
		while (milestones.length > 0 && report.delivered >= milestones[0].after) await milestones.shift()!.run();
	};

	const send = async (job: Job) => {
		let target = job.target;
		for (let attempt = 1; ; attempt++) {
			report.requests += 1;
			const sentAt = Date.now() - began;
			const { status, body } = await post(target, path, job.delivery, attempt, options);
			const label = status === undefined ? 'no answer' : String(status);
			const key = `${target.label}: ${label}`;
			report.statuses[key] = (report.statuses[key] ?? 0) + 1;
			(report.attempts[job.delivery.id] ??= []).push(
				`+${sentAt}…+${Date.now() - began}${job.redelivery ? ' redelivery' : ''} ${key} ${body.slice(0, 60)}`,
			);
			if (status !== undefined && status >= 200 && status < 300) return;
			if (status !== undefined && status >= 400 && status < 500 && status !== 404 && status !== 429) {
				throw new Error(
					`delivery ${job.delivery.id} to ${target.label} answered ${status}, which a sender treats as permanent`,
				);
			}
			if (attempt >= 30)
				throw new Error(
					`delivery ${job.delivery.id} still failing after ${attempt} attempts (last: ${label} from ${target.label})`,
				);
			report.retried += 1;
			target = options.balancer;
			await new Promise((resolve) => setTimeout(resolve, options.retryAfterMs));
		}
	};

	const lane = async () => {
		for (;;) {
			const job = queue.shift();
			if (!job) {
				if (pending === 0) return;
				await new Promise((resolve) => setTimeout(resolve, 20));
				continue;
			}
			pending += 1;
			try {
				await send(job);
				await answered(job);
			} finally {
				pending -= 1;
			}
		}
	};
	await Promise.all(Array.from({ length: options.concurrency }, lane));
	return report;
}
