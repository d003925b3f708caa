import type { IDataObject, INode } from 'n8n-workflow';

import {
	initialPollState,
	POLL_STATE_SCHEMA,
	readPollState,
	writePollState,
} from '../../../nodes/HubSpotPollTrigger/state';

const node = { name: 'HubSpot Poll Trigger', type: 'n8n-nodes-kirim.hubSpotPollTrigger' } as INode;

describe('HubSpot Poll Trigger state: one versioned record', () => {
	it('is written under one key with v: 1 and read back as written (JSON round trip)', () => {
		const staticData: IDataObject = {};
		const state = {
			...initialPollState('everything', 1_000),
			position: { sinceMs: 5, idsAtSince: ['7'], tieAfterId: '9' },
			recent: { '7': 5 },
		};
		writePollState(staticData, state);
		expect(Object.keys(staticData)).toEqual([POLL_STATE_SCHEMA.key]);
		expect((staticData.hubSpotPoll as IDataObject).v).toBe(1);
		const reloaded = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect(readPollState(node, reloaded, false)).toEqual(state);
		expect(readPollState(node, reloaded, true)).toEqual(state);
	});

	it('From Now starts at the first poll, Everything at the epoch', () => {
		expect(initialPollState('now', 42)).toMatchObject({ fromMs: 42, position: { sinceMs: 42, idsAtSince: [] } });
		expect(initialPollState('everything', 42)).toMatchObject({ fromMs: 0, position: { sinceMs: 0, idsAtSince: [] } });
	});

	it('a damaged record or one from a newer version is refused and left untouched (starting over could emit a backfill again)', () => {
		const damaged: IDataObject = { hubSpotPoll: { v: 1, position: 'x' } };
		expect(() => readPollState(node, damaged, false)).toThrow(/does not have the expected shape/);
		expect(() => readPollState(node, damaged, true)).toThrow(/does not have the expected shape/);
		expect(damaged).toEqual({ hubSpotPoll: { v: 1, position: 'x' } });
		expect(readPollState(node, {}, false)).toBeUndefined();
		const newer: IDataObject = { hubSpotPoll: { v: 2, somethingNew: true } };
		expect(() => readPollState(node, newer, false)).toThrow(/newer version of n8n-nodes-kirim/);
		expect(() => readPollState(node, newer, true)).toThrow(/newer version/);
		expect(newer).toEqual({ hubSpotPoll: { v: 2, somethingNew: true } });
	});
});
