import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import {
	createContact,
	duringWalk,
	expectNoDuplicates,
	failNextPages,
	health,
	idsOf,
	insertBehindCursor,
	pollTrigger,
	savedState,
	seedContacts,
} from './fixtures';

let sim: KirimSimulator;

function busyWait(ms: number): void {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		// the simulator's callback is synchronous: spin so the next contact gets a later created_at
	}
}
let contactsPath: string;

beforeEach(async () => {
	sim = await startKirimSimulator({ tier: 'pro' });
	contactsPath = `/v1/${sim.phoneNumberIds[0]}/contacts`;
});
afterEach(async () => sim.close());

const listReads = () => sim.pipeline.log.entries.filter((e) => e.method === 'GET' && e.path === contactsPath);

describe('Kirim Poll Trigger: New Contacts, Backfill Everything', () => {
	test('10 000 contacts, interrupted half-way (a failed poll, then n8n restarting): every contact exactly once, in chunks', async () => {
		const seeded = await seedContacts(sim, 10_000);
		const trigger = pollTrigger(sim, {
			resource: 'contact',
			event: 'newContacts',
			firstRun: 'backfill',
			options: { maxRecordsPerPoll: 1000 },
		});
		const emitted: string[] = [];
		for (let i = 0; i < 5; i++) {
			const items = await trigger.poll();
			expect(items).toHaveLength(1000);
			emitted.push(...idsOf(items));
		}
		// Half-way: the next poll fails on its third page. Nothing of it is emitted, so nothing of it may be kept.
		const savedBefore = JSON.stringify(trigger.saved);
		duringWalk(sim, () => failNextPages(sim, contactsPath), 2);
		await expect(trigger.poll()).rejects.toThrow(/API key is not valid/);
		expect(JSON.stringify(trigger.saved)).toBe(savedBefore);
		// The same process polls on (the failed poll must not have moved the cursor in memory either)…
		const after = await trigger.poll();
		expect(after).toHaveLength(1000);
		emitted.push(...idsOf(after));
		// …then n8n restarts: the process's memory is gone, the database has what the last emitting poll saved.
		trigger.restart();
		const created = await createContact(sim, 'Created mid-backfill');
		emitted.push(...(await trigger.drain()).map((item) => item.json.id as string));

		expectNoDuplicates(emitted);
		expect(new Set(emitted)).toEqual(new Set([...seeded, created.contactId]));
		expect(trigger.emitted.every((batch) => batch.length <= 1000)).toBe(true);
		expect(trigger.emitted.length).toBeGreaterThanOrEqual(11);
		// The walk is over: the next poll asks only for contacts created after the high-water mark.
		expect(savedState(trigger)).toMatchObject({ v: 1, walks: 1, created: { walk: null } });
		expect(await trigger.poll()).toBeNull();
		expect(listReads().at(-1)?.query).toMatchObject({ created_after: expect.any(String) });
	}, 60_000);

	test('the backfill resumes at the stored cursor: pages already emitted are not read again', async () => {
		await seedContacts(sim, 450);
		const trigger = pollTrigger(sim, {
			resource: 'contact',
			event: 'newContacts',
			firstRun: 'backfill',
			options: { maxRecordsPerPoll: 200 },
		});
		expect(await trigger.poll()).toHaveLength(200);
		expect(listReads()).toHaveLength(2);
		trigger.restart();
		expect(await trigger.poll()).toHaveLength(200);
		expect(listReads()).toHaveLength(4);
		// Resumed at the stored cursor, not at the first page: 5 reads in all for 450 contacts.
		expect(listReads()[2].query.cursor).toBeDefined();
		expect(await trigger.poll()).toHaveLength(50);
		expect(listReads()).toHaveLength(5);
	});
});

describe('Kirim Poll Trigger: New Contacts, From Now', () => {
	test('the first poll records what exists and emits nothing; later polls emit each new contact once', async () => {
		await seedContacts(sim, 120);
		const trigger = pollTrigger(sim, { resource: 'contact', event: 'newContacts', firstRun: 'fromNow' });
		expect(await trigger.poll()).toBeNull();
		// Activation saves static data even when the first poll emitted nothing (n8n does).
		expect(savedState(trigger)).toMatchObject({ v: 1, scope: expect.stringContaining('newContacts') });
		const a = await createContact(sim, 'Ani');
		const b = await createContact(sim, 'Budi');
		const items = await trigger.poll();
		expect(idsOf(items).sort()).toEqual([a.contactId, b.contactId].sort());
		expect(items![0].json.kirimPoll).toEqual({ resource: 'contact', change: 'new' });
		// The overlap re-reads the 120 contacts created moments ago and drops them as already seen.
		expect(health(items)).toMatchObject({ read: 122, written: 2, skipped: 120, rejected: 0 });
		expect(await trigger.poll()).toBeNull();
	});

	test.each([300, 0])(
		'contacts created during a poll — ahead of the cursor or behind it — are emitted once, by this poll or the next (overlap %i s)',
		async (overlapSeconds) => {
			await seedContacts(sim, 250);
			const trigger = pollTrigger(sim, {
				resource: 'contact',
				event: 'newContacts',
				firstRun: 'fromNow',
				options: { overlapSeconds },
			});
			expect(await trigger.poll()).toBeNull();
			// New since the trigger started, so the next walk has several pages whatever the overlap.
			const fresh = await seedContacts(sim, 150);
			let behind = '';
			let ahead = '';
			duringWalk(sim, () => {
				behind = insertBehindCursor(sim, 'Behind the cursor').id;
				// Created later than the one behind the cursor: a next walk starting at the newest contact seen would miss it.
				busyWait(3);
				ahead = sim.store.addContact(
					{ phone_number: '+628199999999', name: 'Ahead of the cursor' },
					sim.phoneNumberIds[0],
				).id;
			});
			const first = idsOf(await trigger.poll());
			expect(first.sort()).toEqual([...fresh, ahead].sort());
			const second = idsOf(await trigger.poll());
			expect(second).toEqual([behind]);
			expect(await trigger.poll()).toBeNull();
		},
	);

	test('a Kirim that ignores created_after: same contacts emitted, each once (every poll reads every contact)', async () => {
		sim.behaviour.contactsCreatedAfter = false;
		await seedContacts(sim, 300);
		const trigger = pollTrigger(sim, {
			resource: 'contact',
			event: 'newContacts',
			firstRun: 'fromNow',
			options: { overlapSeconds: 0 },
		});
		expect(await trigger.poll()).toBeNull();
		const a = await createContact(sim, 'Ani');
		let behind = '';
		duringWalk(sim, () => {
			behind = insertBehindCursor(sim, 'Behind the cursor').id;
		});
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual([a.contactId]);
		expect(health(items)).toMatchObject({ read: 301, written: 1, skipped: 300 });
		const next = await trigger.poll();
		expect(idsOf(next)).toEqual([behind]);
		expect(health(next)).toMatchObject({ read: 302, written: 1, skipped: 301 });
		expect(await trigger.poll()).toBeNull();
		// The dedupe memory holds only contacts above the lower bound, not every contact read.
		expect(Object.keys(savedState(trigger)!.created!.seen).length).toBeLessThanOrEqual(2);
	});

	test('restarts between polls lose nothing and repeat nothing', async () => {
		await seedContacts(sim, 40);
		const trigger = pollTrigger(sim, { resource: 'contact', event: 'newContacts', firstRun: 'fromNow' });
		expect(await trigger.poll()).toBeNull();
		const expected: string[] = [];
		const emitted: string[] = [];
		for (let round = 0; round < 4; round++) {
			expected.push((await createContact(sim, `Round ${round}`)).contactId);
			if (round % 2 === 1) trigger.restart();
			emitted.push(...idsOf(await trigger.poll()));
			// An idle poll (its state is not saved by n8n) and a restart after it.
			emitted.push(...idsOf(await trigger.poll()));
			trigger.restart();
		}
		expectNoDuplicates(emitted);
		expect(emitted.sort()).toEqual(expected.sort());
	});
});
