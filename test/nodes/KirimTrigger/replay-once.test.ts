import type { IDataObject } from 'n8n-workflow';

import { seedDeliveries, useReplaySimulator, type DeadLetter } from '../../harness/kirim-dead-letters';
import { lifecycle, type TriggerSetup } from '../../harness/trigger-context';
import { credentialTypes } from './fixtures';
import { KirimTrigger } from '../../../nodes/KirimTrigger/KirimTrigger.node';
import { replaysInProgress } from '../../../nodes/KirimTrigger/replay-on-activation';
import { RETRY_HORIZON_MS } from '../../../nodes/KirimTrigger/replay-ledger';
import { settleRemovals } from '../../../nodes/KirimTrigger/subscription-memory';

/**
 * "Replay dead-lettered deliveries on activation" replays each dead letter once across activations: Kirim keeps
 * a replayed delivery dead (it sends a new row), so every activation lists it again.
 */
const HOUR = 3_600_000;
const simulator = useReplaySimulator();
let next = 0;

function setup(staticData: IDataObject, replay = true): TriggerSetup {
	return {
		trigger: new KirimTrigger(),
		parameters: {
			subscriptionMode: 'managed',
			events: ['contact.created'],
			signatureCheck: 'verify',
			options: { replayDeadLettersOnActivation: replay },
		},
		credentialTypes,
		credentials: {
			kirimSyncApi: {
				apiKey: simulator.sim.apiKey,
				baseUrl: simulator.sim.url,
				pathStyle: 'phoneScoped',
				phoneNumberId: simulator.sim.phoneNumberIds[0],
			},
		},
		staticData,
		webhookId: 'wh-replay',
	};
}

const subscriptionOf = (staticData: IDataObject) => (staticData.subscription as IDataObject).id as string;

/** Dead letters created at the given times (ms), with fresh ids. */
function dead(staticData: IDataObject, times: number[], status: DeadLetter['status'] = 'dead'): string[] {
	return seedDeliveries(
		simulator.sim,
		subscriptionOf(staticData),
		times.map((atMs) => ({ n: next++, atMs, status })),
	);
}

/** One activation check; returns what it replayed (after its background calls finished). */
async function activate(staticData: IDataObject): Promise<string[]> {
	const before = simulator.replayed.length;
	expect(await lifecycle(setup(staticData), 'checkExists')).toBe(true);
	await replaysInProgress.get(subscriptionOf(staticData));
	return simulator.replayed.slice(before).sort();
}

/** What n8n does with static data between activations: saves it as JSON and reads it back. */
const roundTrip = (staticData: IDataObject) => JSON.parse(JSON.stringify(staticData)) as IDataObject;

async function created(): Promise<IDataObject> {
	const staticData: IDataObject = {};
	await lifecycle(setup(staticData), 'create');
	return staticData;
}

describe('Kirim Trigger: each dead letter is replayed once, across activations', () => {
	test('an outage long ago: replayed at the first activation, never again; the ledger lists no id (all under its mark)', async () => {
		let staticData = await created();
		const outage = Date.now() - 3 * 24 * HOUR;
		const ids = [
			...dead(
				staticData,
				Array.from({ length: 1500 }, (_, i) => outage + i * 7),
			),
			...dead(staticData, [outage + 50], 'failed'),
		];
		expect(await activate(staticData)).toEqual([...ids].sort());
		const ledger = staticData.replayLedger as IDataObject;
		expect(ledger).toEqual({
			v: 1,
			subscriptionId: subscriptionOf(staticData),
			handledBefore: expect.any(String),
			replayed: [],
		});
		expect(Date.now() - Date.parse(ledger.handledBefore as string)).toBeGreaterThanOrEqual(RETRY_HORIZON_MS);
		for (let i = 0; i < 3; i++) {
			staticData = roundTrip(staticData);
			expect(await activate(staticData)).toEqual([]);
		}
	});

	test('deliveries that died after the first replay are replayed at the second, even between ones already replayed', async () => {
		let staticData = await created();
		const t = Date.now() - 2 * HOUR; // within Kirim's retry horizon: these died fast (a 4xx, say)
		const first = dead(staticData, [t, t + 10, t + 20, t + 30, t + 1000]);
		expect(await activate(staticData)).toEqual([...first].sort());
		expect((staticData.replayLedger as IDataObject).replayed).toEqual(expect.arrayContaining(first));

		staticData = roundTrip(staticData);
		// Created before the first replay but dead only after it (interleaved in time with replayed ones), and new ones.
		const later = [
			...dead(staticData, [t + 5, t + 11, t + 500, t + 501]),
			...dead(staticData, [Date.now() - 1000]),
			...dead(staticData, [t + 25], 'failed'),
		];
		expect(await activate(staticData)).toEqual([...later].sort());

		staticData = roundTrip(staticData);
		expect(await activate(staticData)).toEqual([]);
		// Every dead letter, of both statuses, was replayed exactly once.
		expect(simulator.replayed).toHaveLength(new Set(simulator.replayed).size);
		expect(simulator.replayed.sort()).toEqual([...first, ...later].sort());
	});

	test('the ledger stays small: only recent ids, which drop out once under the mark; about 33 bytes each', async () => {
		let staticData = await created();
		const recent = dead(
			staticData,
			Array.from({ length: 100 }, (_, i) => Date.now() - HOUR + i),
		);
		await activate(staticData);
		const ledger = staticData.replayLedger as IDataObject;
		expect((ledger.replayed as string[]).sort()).toEqual([...recent].sort());
		const bytesPerId =
			(JSON.stringify(ledger).length - JSON.stringify({ ...ledger, replayed: [] }).length) / recent.length;
		expect(bytesPerId).toBeLessThanOrEqual(33);

		// Two days later the same ids are under the mark: the ledger lists none, and nothing is replayed again.
		jest.useFakeTimers({
			now: Date.now() + 2 * 24 * HOUR,
			advanceTimers: true,
			doNotFake: [
				'nextTick',
				'setImmediate',
				'setTimeout',
				'clearTimeout',
				'setInterval',
				'clearInterval',
				'queueMicrotask',
				'hrtime',
				'performance',
			],
		});
		try {
			staticData = roundTrip(staticData);
			expect(await activate(staticData)).toEqual([]);
			expect((staticData.replayLedger as IDataObject).replayed).toEqual([]);
		} finally {
			jest.useRealTimers();
		}
	});

	test('with the option off nothing is listed or recorded; a removed subscription takes its ledger with it', async () => {
		const staticData = await created();
		const ids = dead(staticData, [Date.now() - HOUR]);
		expect(await lifecycle(setup(staticData, false), 'checkExists')).toBe(true);
		expect(staticData.replayLedger).toBeUndefined();
		expect(await activate(staticData)).toEqual(ids);
		expect(await lifecycle(setup(staticData), 'delete')).toBe(true);
		await settleRemovals();
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(false);
		expect(staticData).toEqual({});
	});

	test('a ledger of another subscription (a copied workflow record) does not hide this one’s dead letters', async () => {
		const staticData = await created();
		const ids = dead(staticData, [Date.now() - HOUR, Date.now() - 30 * HOUR]);
		staticData.replayLedger = {
			v: 1,
			subscriptionId: 'wbs_01HXYZABCDEFGHJKMNPQRSTVWX',
			handledBefore: new Date().toISOString(),
			replayed: ids,
		};
		expect(await activate(staticData)).toEqual([...ids].sort());
		expect((staticData.replayLedger as IDataObject).subscriptionId).toBe(subscriptionOf(staticData));
	});

	test('a ledger written by a newer version: nothing replayed, the ledger untouched, activation still succeeds', async () => {
		const staticData = await created();
		dead(staticData, [Date.now() - HOUR]);
		const newer = { v: 2, subscriptionId: subscriptionOf(staticData), replayedRanges: [] };
		staticData.replayLedger = structuredClone(newer);
		expect(await activate(staticData)).toEqual([]);
		expect(staticData.replayLedger).toEqual(newer);
	});
});
