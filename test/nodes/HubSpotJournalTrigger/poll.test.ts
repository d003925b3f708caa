import type { IDataObject } from 'n8n-workflow';

import { chooseStart, pollJournal, type JournalState, type PollParts } from '../../../nodes/HubSpotJournalTrigger/poll';
import type { ItemRules } from '../../../nodes/HubSpotJournalTrigger/items';
import type { JournalEntryRef, NextEntries } from '../../../nodes/shared/hubspot/journal';

// The poll loop against a journal held in memory: order, the offset moving only after n8n has the run, a run n8n
// could not take, an expired offset, and the start point.

const rules: ItemRules = {
	portalId: 1,
	actions: ['UPDATE'],
	combine: true,
	skipOwnWrites: true,
	appId: '',
	stampProperty: 'kirim_last_synced_at',
};

function journal(count: number, firstExpired = false) {
	const entries = Array.from({ length: count }, (_, n) => ({
		offset: `o${String(n).padStart(4, '0')}`,
		events: [
			{
				portalId: 1,
				action: 'UPDATE',
				objectTypeId: '0-1',
				objectId: n,
				occurredAt: n,
				propertyChanges: [{ propertyName: 'firstname', newValue: `N${n}` }],
			},
		],
	}));
	const client: PollParts['client'] = {
		latestOffset: async () => entries.at(-1)?.offset,
		next: async (offset, max = 50): Promise<NextEntries> => {
			if (offset !== undefined && firstExpired && offset === 'gone') return { kind: 'expired' };
			const from = offset === undefined ? 0 : entries.findIndex((e) => e.offset === offset) + 1;
			if (offset !== undefined && from === 0) return { kind: 'expired' };
			return {
				kind: 'entries',
				entries: entries.slice(from, from + max).map((e) => ({ currentOffset: e.offset, url: e.offset })),
			};
		},
		file: async (entry: JournalEntryRef) => ({
			journalEvents: entries.find((e) => e.offset === entry.url)?.events ?? [],
		}),
	};
	return { entries, client };
}

function parts(
	client: PollParts['client'],
	state: JournalState,
	run: PollParts['run'],
	extra: Partial<PollParts> = {},
) {
	const gaps: string[] = [];
	const p: PollParts = {
		client,
		state,
		rules,
		run,
		keyOf: (offset) => `k:${offset}`,
		reportGap: (m) => gaps.push(m),
		maxEntries: 1000,
		isClosed: () => false,
		...extra,
	};
	return { p, gaps };
}

describe('HubSpot Journal Trigger: poll', () => {
	test('every entry runs once, in order, across batch pages, and the offset ends at the newest', async () => {
		const { client } = journal(120);
		const keys: string[] = [];
		const state: JournalState = { started: true };
		const { p } = parts(client, state, async (items: IDataObject[], key) => {
			expect(items).toHaveLength(1);
			keys.push(key);
		});
		const result = await pollJournal(p);
		expect(result).toMatchObject({ entries: 120, runs: 120, gap: false });
		expect(keys[0]).toBe('k:o0000');
		expect(keys[119]).toBe('k:o0119');
		expect(state.offset).toBe('o0119');
		expect((await pollJournal(p)).entries).toBe(0);
	});

	test('when n8n cannot take a run, the offset stays before that entry and the next poll emits it again', async () => {
		const { client } = journal(5);
		const state: JournalState = { started: true };
		let fail = true;
		const keys: string[] = [];
		const { p } = parts(client, state, async (_items, key) => {
			if (key === 'k:o0002' && fail) throw new Error('database is locked');
			keys.push(key);
		});
		await expect(pollJournal(p)).rejects.toThrow('database is locked');
		expect(state.offset).toBe('o0001');
		fail = false;
		await pollJournal(p);
		expect(keys).toEqual(['k:o0000', 'k:o0001', 'k:o0002', 'k:o0003', 'k:o0004']);
	});

	test('an expired offset is reported as a gap once and reading goes on from the oldest entry', async () => {
		const { client } = journal(3);
		const state: JournalState = { started: true, offset: 'gone' };
		const keys: string[] = [];
		const { p, gaps } = parts(client, state, async (_items, key) => void keys.push(key));
		const result = await pollJournal(p);
		expect(result.gap).toBe(true);
		expect(gaps).toHaveLength(1);
		expect(gaps[0]).toContain('3 days');
		expect(keys).toEqual(['k:o0000', 'k:o0001', 'k:o0002']);
	});

	test('a poll reads at most maxEntries and stops when closed', async () => {
		const { client } = journal(10);
		const state: JournalState = { started: true };
		const { p } = parts(client, state, async () => undefined, { maxEntries: 4 });
		expect((await pollJournal(p)).entries).toBe(4);
		expect(state.offset).toBe('o0003');
		const closed = parts(client, { started: true }, async () => undefined, { isClosed: () => true });
		expect((await pollJournal(closed.p)).entries).toBe(0);
	});

	test('entries whose events are all filtered advance the offset without a run', async () => {
		const { client, entries } = journal(2);
		entries[0].events[0].portalId = 2;
		const state: JournalState = { started: true };
		const keys: string[] = [];
		const { p } = parts(client, state, async (_i, key) => void keys.push(key));
		expect(await pollJournal(p)).toMatchObject({ entries: 2, runs: 1 });
		expect(keys).toEqual(['k:o0001']);
	});

	test('the start point is chosen once: "now" skips what is there, "earliest" reads it; a restart keeps it', async () => {
		const { client } = journal(3);
		const now: JournalState = {};
		await chooseStart({ client, state: now }, 'now');
		expect(now).toEqual({ offset: 'o0002', started: true });
		const earliest: JournalState = {};
		await chooseStart({ client, state: earliest }, 'earliest');
		expect(earliest).toEqual({ offset: undefined, started: true });
		const kept: JournalState = { started: true, offset: 'o0000' };
		await chooseStart({ client, state: kept }, 'now');
		expect(kept.offset).toBe('o0000');
	});
});
