import type { INodeParameters } from 'n8n-workflow';

import type { HubSpotSimulator } from '../../../simulators/hubspot';
import { pollTrigger, searches, startPollSim } from './helpers';

let sim: HubSpotSimulator;
beforeEach(async () => ({ sim } = await startPollSim()));
afterEach(async () => sim.close());

describe('HubSpot Poll Trigger: bad parameters give clear errors, before any request', () => {
	it.each<[string, INodeParameters, RegExp]>([
		[
			'a property name with a space',
			{ properties: 'email,first name' },
			/^Properties: "first name" is not a HubSpot property name$/,
		],
		[
			'a property name with a dot',
			{ properties: 'email,metadata.x' },
			/^Properties: "metadata.x" is not a HubSpot property name$/,
		],
		[
			'Max Records per Poll of 0',
			{ maxRecordsPerPoll: 0 },
			/^Max Records per Poll must be a whole number from 1 to 100000, not 0$/,
		],
		[
			'Max Records per Poll of 2.5',
			{ maxRecordsPerPoll: 2.5 },
			/^Max Records per Poll must be a whole number from 1 to 100000, not 2.5$/,
		],
		[
			'a negative overlap',
			{ options: { overlapSeconds: -1 } },
			/^Search Index Overlap \(Seconds\) must be a number of seconds from 0 to 86400, not -1$/,
		],
		[
			'an own-write window of text',
			{ options: { ownWriteWindowSeconds: 'soon' } },
			/^Own Write Window \(Seconds\) must be a number of seconds from 0 to 3600, not "soon"$/,
		],
		[
			'an empty stamp property',
			{ options: { stampProperty: ' ' } },
			/^Sync Stamp Property: "" is not a HubSpot property name$/,
		],
		[
			'an unknown Start From',
			{ startFrom: 'yesterday' },
			/^Start From must be "From Now" or "Everything", not "yesterday"$/,
		],
	])('%s', async (_case, parameters, message) => {
		const run = pollTrigger(sim, { startFrom: 'everything', ...parameters });
		await expect(run.poll()).rejects.toThrow(message);
		const fetched = await run.testFetch();
		expect(fetched.error?.message).toMatch(message);
		expect(searches(sim)).toHaveLength(0);
		expect(run.nodeStaticData).toEqual({});
	});

	it('an empty stamp property is fine when own writes are not skipped', async () => {
		const run = pollTrigger(sim, { startFrom: 'everything', options: { skipOwnWrites: false, stampProperty: '' } });
		await expect(run.poll()).resolves.toBeNull();
	});

	it('a damaged cursor stops the poll with an error saying how to start over, and is left as it was', async () => {
		const run = pollTrigger(sim, { startFrom: 'everything' });
		run.nodeStaticData.hubSpotPoll = { v: 1, position: 'damaged' };
		await expect(run.poll()).rejects.toThrow(
			/HubSpot Poll Trigger cursor in static data does not have the expected shape/,
		);
		expect(run.nodeStaticData.hubSpotPoll).toEqual({ v: 1, position: 'damaged' });
		expect(searches(sim)).toHaveLength(0);
	});

	it('a token HubSpot refuses: HubSpot’s own message, and the cursor stays where it was', async () => {
		const run = pollTrigger(sim, { startFrom: 'everything' });
		sim.ui.create('contacts', { email: 'a@example.com' });
		await run.poll();
		const before = JSON.stringify(run.nodeStaticData);
		const wrong = pollTrigger(
			sim,
			{ startFrom: 'everything' },
			{
				credentials: {
					hubSpotSyncApi: { accessToken: 'pat-na1-00000000-0000-0000-0000-000000000000', baseUrl: sim.url },
				},
			},
		);
		await expect(wrong.poll()).rejects.toThrow(/^HubSpot: Authentication credentials not found/);
		expect(JSON.stringify(run.nodeStaticData)).toBe(before);
		expect(wrong.nodeStaticData).toEqual({});
	});
});
