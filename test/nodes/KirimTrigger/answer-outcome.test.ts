import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { dedupeStore, readSnapshot } from '../../../nodes/shared/dedupe/store';
import { answerLeftovers, deliver, type TriggerSetup } from '../../harness/trigger-context';
import { contactEvent, existingSetup, signed } from './fixtures';

// An event id counts as seen only once n8n answered 2xx for its delivery; copies that arrive before that answer get
// a status Kirim retries; ids answered after Kirim stopped waiting are kept through restarts for Kirim's whole retry
// horizon. Here n8n's part (answering, failing, the sender hanging up) is played by the test's response object.

beforeEach(() => dedupeStore.clear());
afterEach(answerLeftovers);

const items = (result: Awaited<ReturnType<typeof deliver>>): INodeExecutionData[] =>
	(result.result.workflowData?.[0] ?? []) as INodeExecutionData[];

const held = (parameters: IDataObject = {}, staticData: IDataObject = {}): TriggerSetup => ({
	...existingSetup(parameters, staticData),
	holdAnswer: true,
});
const afterRun = (staticData: IDataObject = {}): TriggerSetup => ({
	...existingSetup({ options: { respondWhenFinished: true } }, staticData),
	webhookName: 'setup',
});

/** n8n's memory is gone; what it saved of the static data is what the next process reads. */
function restart(staticData: IDataObject): IDataObject {
	dedupeStore.clear();
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

describe('Kirim Trigger: an id counts as seen once n8n has taken the run', () => {
	test('n8n fails the request after webhook() (the run could not be stored: 500) → Kirim’s retry runs', async () => {
		const setup = held();
		const event = contactEvent();
		const first = await deliver(setup, signed(event));
		expect(items(first)).toHaveLength(1);
		first.response.finish(500);
		const retry = await deliver(setup, signed(event));
		expect(items(retry)).toHaveLength(1);
		retry.response.finish(200);
		expect((await deliver(existingSetup({}, setup.staticData), signed(event))).answer).toEqual({
			received: true,
			duplicate: true,
		});
	});

	test('a copy that arrives before n8n answered the first gets 503 + Retry-After, runs nothing, and is a duplicate after', async () => {
		const setup = held();
		const event = contactEvent();
		const first = await deliver(setup, signed(event));
		const copy = await deliver(setup, signed(event));
		expect(copy.status).toBe(503);
		expect(copy.answer).toEqual({ error: 'in_flight' });
		expect(copy.response.headers['retry-after']).toBe('30');
		expect(copy.result.workflowData).toBeUndefined();
		first.response.finish(200);
		expect((await deliver(setup, signed(event))).answer).toEqual({ received: true, duplicate: true });
	});

	test('“respond when finished”: a retry during a run that outlives Kirim’s 10 s gets 503 (never 200, never 409)', async () => {
		const setup = afterRun();
		const event = contactEvent();
		const first = await deliver(setup, signed(event));
		first.response.hangUp(); // Kirim gave up waiting
		const retry = await deliver(setup, signed(event));
		expect(retry.status).toBe(503);
		first.response.finish(500); // the run failed after all; n8n writes its 500 to a closed connection
		const later = await deliver(setup, signed(event));
		expect(items(later)).toHaveLength(1);
		later.response.finish(200);
	});

	test('“respond when finished”: a run that succeeds after the sender hung up is a duplicate for the retries', async () => {
		const setup = afterRun();
		const event = contactEvent();
		const first = await deliver(setup, signed(event));
		first.response.hangUp();
		first.response.finish(200);
		expect((await deliver(setup, signed(event))).answer).toEqual({ received: true, duplicate: true });
	});
});

describe('Kirim Trigger: what n8n saves while a run answered after it is under way', () => {
	const savedIds = (staticData: IDataObject) => (readSnapshot(staticData)?.entries ?? []).map(([id]) => id);

	test('n8n saves static data after the run, before its answer: an id is saved only once the answer is 2xx', async () => {
		const setup = afterRun();
		const failing = contactEvent();
		const first = await deliver(setup, signed(failing));
		// What n8n would save now, as the run ends (a failed run included): the id is not in it.
		expect(savedIds(setup.staticData)).not.toContain(failing.id);
		first.response.finish(500);
		const saved = restart(setup.staticData);
		expect(items(await deliver(afterRun(saved), signed(failing)))).toHaveLength(1);

		const succeeding = contactEvent();
		const second = await deliver(afterRun(setup.staticData), signed(succeeding));
		expect(savedIds(setup.staticData)).not.toContain(succeeding.id);
		second.response.finish(200);
		expect(savedIds(setup.staticData)).toContain(succeeding.id);
	});
});

describe('Kirim Trigger: ids answered late survive a restart beyond the newest 64', () => {
	async function acceptLate(setup: TriggerSetup, event: IDataObject): Promise<void> {
		const delivered = await deliver(setup, signed(event));
		expect(items(delivered)).toHaveLength(1);
		delivered.response.hangUp();
		delivered.response.finish(200);
	}

	test('10 000 late ids, then 300 on-time ones, then a restart: every late id is still a duplicate', async () => {
		const staticData: IDataObject = {};
		const setup = afterRun(staticData);
		const late = Array.from({ length: 10_000 }, () => contactEvent());
		for (const event of late) await acceptLate(setup, event);
		const onTime = held({}, staticData);
		for (let i = 0; i < 300; i++) (await deliver(onTime, signed(contactEvent()))).response.finish(200);
		const saved = restart(staticData);
		expect(readSnapshot(saved)?.entries).toHaveLength(10_064);
		const after = existingSetup({}, saved);
		let runs = 0;
		for (const event of late) runs += items(await deliver(after, signed(event))).length;
		expect(runs).toBe(0);
	}, 120_000);

	test('an id answered on time leaves the snapshot after 64 newer ones (the bound is kept for the usual case)', async () => {
		const staticData: IDataObject = {};
		const setup = held({}, staticData);
		const first = contactEvent();
		(await deliver(setup, signed(first))).response.finish(200);
		for (let i = 0; i < 64; i++) (await deliver(setup, signed(contactEvent()))).response.finish(200);
		const entries = (readSnapshot(restart(staticData))?.entries ?? []).map(([id]) => id);
		expect(entries).toHaveLength(64);
		expect(entries).not.toContain(first.id);
	});

	test('late ids restored after a restart stay late through the next restart', async () => {
		const staticData: IDataObject = {};
		const lateEvent = contactEvent();
		await acceptLate(afterRun(staticData), lateEvent);
		const saved = restart(staticData);
		const onTime = held({}, saved);
		for (let i = 0; i < 250; i++) (await deliver(onTime, signed(contactEvent()))).response.finish(200);
		const savedAgain = restart(saved);
		expect((await deliver(existingSetup({}, savedAgain), signed(lateEvent))).answer).toEqual({
			received: true,
			duplicate: true,
		});
	});
});
