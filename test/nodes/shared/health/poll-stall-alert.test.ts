import type { IDataObject } from 'n8n-workflow';

import { startKirimSimulator, type KirimSimulator } from '../../../../simulators/kirim';
import { failNextPages, health, pollTrigger } from '../../KirimPollTrigger/fixtures';

// The poll triggers' stalled-sync check (README, Kirim Poll Trigger "Sync health"): with Emit Health When Idle,
// every successful poll emits, and `secondsSinceLastSuccess` measures from the previous successful poll. Polls that
// fail emit nothing (n8n records each as a failed execution); the first poll that succeeds after them reports the
// gap, so an IF `{{ $json.syncHealth.secondsSinceLastSuccess > 900 }}` fires there, and only there.

const START = Date.parse('2026-11-02T01:00:00Z');
const STALLED = 900;
let sim: KirimSimulator;

beforeEach(async () => {
	jest.useFakeTimers({
		doNotFake: [
			'nextTick',
			'setImmediate',
			'clearImmediate',
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
		advanceTimers: true,
	});
	sim = await startKirimSimulator({ tier: 'pro' });
});
afterEach(async () => {
	await sim.close();
	jest.useRealTimers();
});

const everyMinute = () =>
	pollTrigger(sim, {
		resource: 'contact',
		event: 'newContacts',
		firstRun: 'fromNow',
		options: { emitHealthWhenIdle: true },
	});
const at = (minute: number) => jest.setSystemTime(START + minute * 60_000);
const alerted = (figures: IDataObject) =>
	(figures.secondsSinceLastSuccess as number | null) !== null && (figures.secondsSinceLastSuccess as number) > STALLED;

describe('Kirim Poll Trigger: the stalled-sync check', () => {
	it('fires at the first successful poll after more than 15 minutes of failed polls, not before and not after', async () => {
		const trigger = everyMinute();
		const seen: IDataObject[] = [];
		for (let minute = 0; minute <= 3; minute++) {
			at(minute);
			seen.push(health(await trigger.poll()));
		}
		// Minutes 4–23: Kirim refuses the key; every poll fails and emits nothing.
		failNextPages(sim, '*', 20);
		for (let minute = 4; minute <= 23; minute++) {
			at(minute);
			await expect(trigger.poll()).rejects.toThrow();
		}
		for (let minute = 24; minute <= 26; minute++) {
			at(minute);
			seen.push(health(await trigger.poll()));
		}
		expect(seen.map((figures) => figures.secondsSinceLastSuccess)).toEqual([null, 60, 60, 60, 21 * 60, 60, 60]);
		expect(seen.map(alerted)).toEqual([false, false, false, false, true, false, false]);
	});
});
