import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { SEED_USERS } from '../../../simulators/kirim/store';
import {
	createContact,
	duringWalk,
	expectNoDuplicates,
	health,
	idsOf,
	kirimApi,
	pollTrigger,
	savedState,
	seedContacts,
} from './fixtures';

let sim: KirimSimulator;

beforeEach(async () => {
	sim = await startKirimSimulator({ tier: 'pro' });
});
afterEach(async () => sim.close());

async function rename(id: string, name: string): Promise<void> {
	const answer = await kirimApi(sim, 'PATCH', `/contacts/${id}`, { name });
	if (!answer.data) throw new Error(`rename failed: ${JSON.stringify(answer)}`);
}

/** The simulator stamps updated_at from the clock; wait so an edit is visibly newer than the read before it. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

describe('Kirim Poll Trigger: Changed Contacts', () => {
	test('From Now: the first walk records every contact; the next emits the edited and the new ones, once', async () => {
		const ids = await seedContacts(sim, 230);
		const trigger = pollTrigger(sim, { resource: 'contact', event: 'changedContacts', firstRun: 'fromNow' });
		expect(await trigger.poll()).toBeNull();
		await tick();
		await rename(ids[3], 'Renamed Three');
		await rename(ids[150], 'Renamed 150');
		const fresh = await createContact(sim, 'New One');
		const items = await trigger.poll();
		const byId = new Map(items!.map((item) => [item.json.id as string, item.json]));
		expect([...byId.keys()].sort()).toEqual([ids[3], ids[150], fresh.contactId].sort());
		expect(byId.get(ids[3])).toMatchObject({
			name: 'Renamed Three',
			kirimPoll: {
				resource: 'contact',
				change: 'changed',
				changes: ['updated_at'],
				previous: { updatedAt: expect.any(String) },
			},
		});
		expect(byId.get(fresh.contactId)?.kirimPoll).toEqual({ resource: 'contact', change: 'new' });
		expect(health(items)).toMatchObject({ read: 231, written: 3, skipped: 228, rejected: 0 });
		expect(await trigger.poll()).toBeNull();
	});

	test('Backfill: every contact once, in chunks; a change made while the walk is under way is reported after it', async () => {
		const ids = await seedContacts(sim, 1000);
		const trigger = pollTrigger(sim, {
			resource: 'contact',
			event: 'changedContacts',
			firstRun: 'backfill',
			options: { maxRecordsPerPoll: 300 },
		});
		const first = await trigger.poll();
		expect(first).toHaveLength(300);
		await tick();
		await rename(ids[0], 'Changed after it was emitted');
		const rest = await trigger.drain();
		const all = [...idsOf(first), ...rest.map((item) => item.json.id as string)];
		// 1000 new ones, then (next walk) the one changed after it was emitted.
		expect(all).toHaveLength(1001);
		expectNoDuplicates(all.slice(0, 1000));
		expect(new Set(all.slice(0, 1000))).toEqual(new Set(ids));
		expect(rest.at(-1)?.json).toMatchObject({ id: ids[0], kirimPoll: { change: 'changed' } });
		expect(trigger.emitted.every((batch) => batch.length <= 300)).toBe(true);
	});

	test('a contact edited during a walk, behind the cursor, is reported by the next walk', async () => {
		const ids = await seedContacts(sim, 250);
		const trigger = pollTrigger(sim, { resource: 'contact', event: 'changedContacts', firstRun: 'fromNow' });
		expect(await trigger.poll()).toBeNull();
		await tick();
		duringWalk(sim, () => {
			const contact = sim.store.contacts.get(ids[0])!;
			contact.name = 'Edited mid-walk';
			contact.updated_at = new Date(Date.now() + 5).toISOString();
		});
		expect(await trigger.poll()).toBeNull();
		const next = await trigger.poll();
		expect(idsOf(next)).toEqual([ids[0]]);
		expect(next![0].json.name).toBe('Edited mid-walk');
	});

	test('a deleted contact is not reported and leaves the map after two walks (a list shifting once is not a deletion)', async () => {
		const ids = await seedContacts(sim, 20);
		const trigger = pollTrigger(sim, {
			resource: 'contact',
			event: 'changedContacts',
			firstRun: 'fromNow',
			options: { emitHealthWhenIdle: true },
		});
		await trigger.poll();
		sim.store.contacts.delete(ids[5]);
		expect(idsOf(await trigger.poll())).toEqual([undefined]);
		expect(trigger.nodeStaticData.kirimPoll).toMatchObject({ compare: { gone: [ids[5]] } });
		await trigger.poll();
		const compare = savedState(trigger)!.compare!;
		expect(Object.keys(compare.known)).toHaveLength(19);
		expect(compare.known[ids[5]]).toBeUndefined();
		expect(compare.gone).toEqual([]);
	});

	test('more contacts than Max Tracked Records: a clear error, and the saved state is left as it was', async () => {
		await seedContacts(sim, 120);
		const trigger = pollTrigger(sim, {
			resource: 'contact',
			event: 'changedContacts',
			firstRun: 'fromNow',
			options: { maxTracked: 100 },
		});
		await expect(trigger.poll()).rejects.toThrow(/more contacts than Max Tracked Records \(100\)/);
		expect(trigger.saved).toEqual({});
	});

	test('state size: about 50 bytes of static data per tracked contact (10 000 contacts)', async () => {
		await seedContacts(sim, 10_000);
		const trigger = pollTrigger(sim, { resource: 'contact', event: 'changedContacts', firstRun: 'fromNow' });
		await trigger.poll();
		const bytes = JSON.stringify(trigger.saved).length;
		expect(Object.keys(savedState(trigger)!.compare!.known)).toHaveLength(10_000);
		expect(bytes / 10_000).toBeGreaterThan(40);
		expect(bytes / 10_000).toBeLessThan(52);
	}, 30_000);
});

describe('Kirim Poll Trigger: Conversations', () => {
	test('status, assignee and updated_at changes, and new conversations, each reported once with what changed', async () => {
		const made = [];
		for (let i = 0; i < 6; i++) made.push(await createContact(sim, `Customer ${i}`));
		const trigger = pollTrigger(sim, {
			resource: 'conversation',
			statuses: ['open', 'pending', 'resolved'],
			firstRun: 'fromNow',
		});
		expect(await trigger.poll()).toBeNull();
		await tick();
		// An agent takes one and closes another in the inbox: neither moves the list order nor (here) updated_at.
		await fetch(`${sim.url}/_sim/conversations/${made[0].conversationId}/assign`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ user_id: SEED_USERS[0].id }),
		});
		await fetch(`${sim.url}/_sim/conversations/${made[1].conversationId}/close`, { method: 'POST' });
		await kirimApi(sim, 'PATCH', `/conversations/${made[2].conversationId}`, { status: 'pending' });
		const fresh = await createContact(sim, 'Newcomer');
		const items = await trigger.poll();
		const byId = new Map(items!.map((item) => [item.json.id as string, item.json.kirimPoll]));
		expect(byId.size).toBe(4);
		expect(byId.get(made[0].conversationId)).toEqual({
			resource: 'conversation',
			change: 'changed',
			changes: ['assignee'],
			previous: { status: 'open', assigneeId: null, updatedAt: expect.any(String) },
		});
		expect(byId.get(made[1].conversationId)).toMatchObject({
			change: 'changed',
			changes: ['status'],
			previous: { status: 'open' },
		});
		expect(byId.get(made[2].conversationId)).toMatchObject({ change: 'changed', changes: ['status', 'updated_at'] });
		expect(byId.get(fresh.conversationId)).toEqual({ resource: 'conversation', change: 'new' });
		expect(health(items)).toMatchObject({ read: 7, written: 4, skipped: 3 });
		expect(await trigger.poll()).toBeNull();
	});

	test('some statuses: one list per status (filter-bound cursors), in chunks across polls', async () => {
		for (let i = 0; i < 5; i++) await createContact(sim, `Customer ${i}`);
		const conversations = [...sim.store.conversations.values()];
		await kirimApi(sim, 'PATCH', `/conversations/${conversations[0].id}`, { status: 'pending' });
		await kirimApi(sim, 'PATCH', `/conversations/${conversations[1].id}`, { status: 'resolved' });
		const trigger = pollTrigger(sim, {
			resource: 'conversation',
			statuses: ['pending', 'open'],
			firstRun: 'backfill',
			options: { maxRecordsPerPoll: 2 },
		});
		const all = [...idsOf(await trigger.poll()), ...(await trigger.drain()).map((item) => item.json.id as string)];
		expectNoDuplicates(all);
		expect(all.sort()).toEqual(
			conversations
				.filter((c) => c.status !== 'resolved')
				.map((c) => c.id)
				.sort(),
		);
		const statusesAsked = sim.pipeline.log.entries
			.filter((e) => e.method === 'GET' && e.path.endsWith('/conversations'))
			.map((e) => e.query.status);
		expect(new Set(statusesAsked)).toEqual(new Set(['open', 'pending']));
	});
});
