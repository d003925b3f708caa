import type { IDataObject } from 'n8n-workflow';

import { STATE_KEY } from '../../../nodes/KirimPollTrigger/state';
import { kirimError, list } from '../../../simulators/kirim/errors';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { createContact, expectNoDuplicates, health, idsOf, pollTrigger, savedState, seedContacts } from './fixtures';

let sim: KirimSimulator;
let contactsPath: string;

beforeEach(async () => {
	sim = await startKirimSimulator({ tier: 'pro' });
	contactsPath = `/v1/${sim.phoneNumberIds[0]}/contacts`;
});
afterEach(async () => sim.close());

const NEW_CONTACTS = { resource: 'contact', event: 'newContacts', firstRun: 'fromNow' };

describe('Kirim Poll Trigger: Fetch test event', () => {
	test('returns one sample record and leaves the static data — cursor included — exactly as it was', async () => {
		const seeded = await seedContacts(sim, 250);
		const trigger = pollTrigger(sim, { ...NEW_CONTACTS, firstRun: 'backfill', options: { maxRecordsPerPoll: 100 } });
		const first = idsOf(await trigger.poll());
		const before = JSON.stringify(trigger.saved);
		expect(savedState(trigger)?.created?.walk?.cursor).toEqual(expect.any(String));

		const fetched = await trigger.testFetch();
		expect(fetched.error).toBeUndefined();
		expect(fetched.items).toHaveLength(1);
		expect(fetched.items[0].json).toMatchObject({
			object: 'contact',
			kirimPoll: { resource: 'contact', change: 'sample' },
		});
		expect(fetched.items[0].json.syncHealth).toMatchObject({
			read: 1,
			written: 1,
			lastSuccessfulRunAt: savedState(trigger)!.lastSuccessfulRunAt,
		});
		expect(fetched.staticDataChanged).toBe(false);
		expect(JSON.stringify(trigger.saved)).toBe(before);
		expect(fetched.staticData).toEqual(JSON.parse(before)['node:Poll Trigger Under Test']);

		// The backfill carries on where the active workflow left it.
		const rest = (await trigger.drain()).map((item) => item.json.id as string);
		const all = [...first, ...rest];
		expectNoDuplicates(all);
		expect(new Set(all)).toEqual(new Set(seeded));
	});

	test('with nothing to show it says so', async () => {
		const trigger = pollTrigger(sim, { resource: 'conversation', statuses: ['resolved'], firstRun: 'fromNow' });
		const fetched = await trigger.testFetch();
		expect(fetched.error?.message).toBe('Kirim has no conversations (resolved) yet to show as a test event');
		expect(fetched.staticDataChanged).toBe(false);
	});
});

describe('Kirim Poll Trigger: sync health', () => {
	test('figures on every item match what the poll did; an idle poll emits one health item only when asked to', async () => {
		await seedContacts(sim, 30);
		const quiet = pollTrigger(sim, NEW_CONTACTS);
		expect(await quiet.poll()).toBeNull();
		expect(await quiet.poll()).toBeNull();

		const trigger = pollTrigger(sim, { ...NEW_CONTACTS, options: { emitHealthWhenIdle: true, overlapSeconds: 0 } });
		const baseline = await trigger.poll();
		expect(baseline).toHaveLength(1);
		expect(baseline![0].json).toEqual({
			kirimPoll: { resource: 'contact', change: 'none' },
			syncHealth: expect.objectContaining({
				read: 0,
				written: 0,
				skipped: 0,
				rejected: 0,
				lagSeconds: null,
				lastSuccessfulRunAt: null,
			}),
		});
		const a = await createContact(sim, 'Ani');
		const b = await createContact(sim, 'Budi');
		const items = await trigger.poll();
		expect(idsOf(items).sort()).toEqual([a.contactId, b.contactId].sort());
		for (const item of items!) expect(item.json.syncHealth).toEqual(health(items));
		const figures = health(items);
		expect(figures).toMatchObject({
			read: 2,
			written: 2,
			skipped: 0,
			rejected: 0,
			lastSuccessfulRunAt: health(baseline).runAt,
		});
		const newest = Math.max(...[a, b].map((c) => Date.parse(sim.store.contacts.get(c.contactId)!.updated_at)));
		expect(figures.newestSourceUpdatedAt).toBe(new Date(newest).toISOString());
		expect(figures.lagSeconds).toBe(Math.max(0, Math.round((Date.parse(figures.runAt as string) - newest) / 1000)));

		// No overlap: the lower bound has moved past Ani and Budi (created before the last walk began), so nothing is read.
		const idle = await trigger.poll();
		expect(idle).toHaveLength(1);
		expect(health(idle)).toMatchObject({ read: 0, written: 0, skipped: 0, lastSuccessfulRunAt: figures.runAt });
	});

	test.each(['newContacts', 'changedContacts'])(
		'%s: a listed record without an id is counted rejected and not emitted; the others are',
		async (event) => {
			const trigger = pollTrigger(sim, { resource: 'contact', event, firstRun: 'fromNow' });
			expect(await trigger.poll()).toBeNull();
			const a = await createContact(sim, 'Ani');
			const listed = [...sim.store.contacts.values()].map(
				(contact) => JSON.parse(JSON.stringify(contact)) as IDataObject,
			);
			sim.pipeline.faults.add({
				match: { method: 'GET', path: contactsPath },
				action: { kind: 'respond', response: list([{ ...listed[0], id: '' }, ...listed], false, null) },
			});
			const items = await trigger.poll();
			expect(idsOf(items)).toEqual([a.contactId]);
			expect(health(items)).toMatchObject({ read: listed.length + 1, written: 1, rejected: 1 });
		},
	);
});

describe('Kirim Poll Trigger: state', () => {
	test('one record under one static-data key, format v1; another format is refused, not overwritten', async () => {
		const trigger = pollTrigger(sim, NEW_CONTACTS);
		await trigger.poll();
		const node = trigger.savedNodeStaticData as IDataObject;
		expect(Object.keys(node)).toEqual([STATE_KEY]);
		expect(node[STATE_KEY]).toMatchObject({ v: 1 });

		trigger.saved = { 'node:Poll Trigger Under Test': { [STATE_KEY]: { ...(node[STATE_KEY] as IDataObject), v: 2 } } };
		trigger.restart();
		await expect(trigger.poll()).rejects.toThrow(
			"The Kirim Poll Trigger state kept in this node's static data was written by a newer version of n8n-nodes-kirim (format 2; this version reads formats up to 1)",
		);
		expect((trigger.nodeStaticData[STATE_KEY] as IDataObject).v).toBe(2);

		// A record this version cannot read is refused too (starting over would emit every contact again), and kept.
		trigger.saved = { 'node:Poll Trigger Under Test': { [STATE_KEY]: { v: 1, walks: 3 } } };
		trigger.restart();
		await expect(trigger.poll()).rejects.toThrow(
			'The Kirim Poll Trigger state in static data does not have the expected shape',
		);
		expect(trigger.nodeStaticData[STATE_KEY]).toEqual({ v: 1, walks: 3 });
	});

	test('another event, first-run mode or account starts over; the same settings carry on', async () => {
		await seedContacts(sim, 10);
		const trigger = pollTrigger(sim, NEW_CONTACTS);
		await trigger.poll();
		const changed = pollTrigger(sim, { resource: 'contact', event: 'changedContacts', firstRun: 'fromNow' });
		changed.saved = JSON.parse(JSON.stringify(trigger.saved)) as IDataObject;
		changed.restart();
		// A fresh baseline: nothing emitted for the 10 existing contacts, and the new scope saved.
		expect(await changed.poll()).toBeNull();
		expect(savedState(changed)?.scope).toContain('changedContacts');
		expect(Object.keys(savedState(changed)!.compare!.known)).toHaveLength(10);
	});

	test('a stored cursor Kirim refuses: a compare walk reads the list again (nothing twice); a backfill stops with a clear error', async () => {
		const ids = await seedContacts(sim, 250);
		const refuse = () =>
			sim.pipeline.faults.add({
				match: { method: 'GET', path: contactsPath },
				action: {
					kind: 'respond',
					response: kirimError(
						400,
						'invalid_request_error',
						'invalid_cursor',
						'The cursor is malformed or was modified.',
						'cursor',
					),
				},
			});
		const changes = pollTrigger(sim, {
			resource: 'contact',
			event: 'changedContacts',
			firstRun: 'backfill',
			options: { maxRecordsPerPoll: 100 },
		});
		const all = idsOf(await changes.poll());
		refuse();
		all.push(...(await changes.drain()).map((item) => item.json.id as string));
		expectNoDuplicates(all);
		expect(new Set(all)).toEqual(new Set(ids));

		const backfill = pollTrigger(sim, { ...NEW_CONTACTS, firstRun: 'backfill', options: { maxRecordsPerPoll: 100 } });
		await backfill.poll();
		refuse();
		await expect(backfill.poll()).rejects.toThrow(
			'Kirim refused the stored backfill cursor (invalid_cursor), so the backfill cannot resume where it stopped',
		);
	});

	test('a poll that starts while the previous one is still running skips its turn', async () => {
		await seedContacts(sim, 500);
		const trigger = pollTrigger(sim, { ...NEW_CONTACTS, firstRun: 'backfill' });
		const [one, two] = await Promise.all([trigger.poll(), trigger.poll()]);
		expect([one?.length ?? 0, two?.length ?? 0].sort()).toEqual([0, 500]);
	});
});

describe('Kirim Poll Trigger: parameters', () => {
	test.each([
		[{ options: { maxRecordsPerPoll: 0 } }, 'Max Records per Poll must be a whole number from 1 to 100000; got 0'],
		[{ options: { maxRecordsPerPoll: 2.5 } }, 'Max Records per Poll must be a whole number from 1 to 100000; got 2.5'],
		[{ options: { overlapSeconds: -1 } }, 'Overlap (Seconds) must be a whole number from 0 to 86400; got -1'],
		[{ options: { maxTracked: 'many' } }, 'Max Tracked Records must be a whole number from 1 to 1000000; got "many"'],
		[{ firstRun: 'yesterday' }, 'First Run must be one of fromNow, backfill; got "yesterday"'],
		[{ resource: 'conversation', statuses: [] }, 'Statuses is empty: choose at least one conversation status to watch'],
		[
			{ resource: 'conversation', statuses: ['open', 'closed'] },
			'Statuses must be one of open, pending, resolved; got "closed"',
		],
		[
			{ phoneNumberId: '+62 811' },
			'"+62 811" is not a WhatsApp phone number ID: Kirim expects Meta\'s numeric ID (6–20 digits)',
		],
	])('%j → %s', async (parameters, message) => {
		const trigger = pollTrigger(sim, { ...NEW_CONTACTS, ...parameters });
		await expect(trigger.poll()).rejects.toThrow(message);
		expect(sim.pipeline.log.entries.filter((e) => e.path.startsWith('/v1/'))).toHaveLength(0);
	});
});
