import { startKirimSimulator, type KirimSimulator } from '../../simulators/kirim';

export interface DeadLetter {
	/** Unique per test: becomes the delivery and event ids. */
	n: number;
	atMs: number;
	status?: 'dead' | 'failed' | 'delivered';
	eventType?: string;
}

/** Puts deliveries into the simulator as Kirim keeps them after its retries gave up; returns their ids. */
export function seedDeliveries(sim: KirimSimulator, subscriptionId: string, rows: DeadLetter[]): string[] {
	return rows.map(({ n, atMs, status = 'dead', eventType = 'contact.created' }) => {
		const id = `wbd_seed${String(n).padStart(7, '0')}`;
		sim.store.deliveries.set(id, {
			id,
			object: 'webhook_delivery',
			subscription_id: subscriptionId,
			event_type: eventType,
			event_id: `evt_seed${n}`,
			source: 'kirim',
			status,
			attempts: [],
			replayed_from: null,
			created_at: new Date(atMs).toISOString(),
			body: '{}',
		});
		return id;
	});
}

/**
 * Records which deliveries the simulator's replay routes (their window filtering is real) hand to its sender,
 * instead of posting thousands of real deliveries to a URL nobody listens on. Returns the live list.
 */
export function observeReplays(sim: KirimSimulator): string[] {
	const replayed: string[] = [];
	jest.spyOn(sim.sender, 'replay').mockImplementation((original) => {
		replayed.push(original.id);
		return { ...original, id: `wbd_r${replayed.length}`, replayed_from: original.id, status: 'pending' };
	});
	return replayed;
}

/**
 * A fresh Kirim simulator for each test of the calling file, its replays observed (see observeReplays), with
 * limits high enough that a replay never waits for Kirim's rate limit. Read `sim` and `replayed` inside tests.
 */
export function useReplaySimulator(): { readonly sim: KirimSimulator; readonly replayed: string[] } {
	const current = {} as { sim: KirimSimulator; replayed: string[] };
	beforeEach(async () => {
		current.sim = await startKirimSimulator({
			allowHttpWebhooks: true,
			tier: { writePerMinute: 100_000, readPerMinute: 100_000 },
		});
		current.replayed = observeReplays(current.sim);
	});
	afterEach(async () => {
		await current.sim.close();
		jest.restoreAllMocks();
	});
	return current;
}
