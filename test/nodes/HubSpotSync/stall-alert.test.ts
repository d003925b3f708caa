import { WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { HubSpotSyncApi } from '../../../credentials/HubSpotSyncApi.credentials';
import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { createAdditionalData, createWorkflow } from '../../harness/engine';
import { FilterStandIn } from '../../harness/filter-stand-in';

// The README's stalled-sync recipe, run through n8n-core: Schedule Trigger → HubSpot Sync (Continue On Fail) →
// IF `{{ $json.syncHealth.secondsSinceLastSuccess > 172800 }}`. One static-data object is handed to every run, as
// n8n keeps (and saves) it for an active workflow. The clock is n8n's own Date, moved between runs.

const HOUR = 3600;
const STALLED = 48 * HOUR;
/** The IF's condition exactly as the README gives it (IF v2 / Filter v2 conditions, evaluated by n8n-workflow). */
const RECIPE = `={{ $json.syncHealth.secondsSinceLastSuccess > ${STALLED} }}`;

/** Stands in for n8n's Schedule Trigger at a tick: the one item it emits (its fields do not matter here). */
class ScheduleTickStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Schedule Trigger (stand-in)',
		name: 'scheduleTrigger',
		group: ['trigger', 'schedule'],
		version: 1,
		description: 'One tick of a schedule (tests only)',
		defaults: { name: 'Schedule Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [(JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[]).map((json) => ({ json }))];
	}
}

const ulid = (n: number) => String(n).padStart(26, '0');
const contact = (n: number) => ({
	id: `ctc_${ulid(n)}`,
	name: `Person ${n}`,
	email: `person${n}@example.com`,
	phone_number: `+62812000${String(n).padStart(5, '0')}`,
});
/** HubSpot refuses this value for every record: a run in which every record fails (and, with Continue On Fail, reaches the IF). */
const EVERY_RECORD_REJECTED = {
	mappingMode: 'custom',
	fieldMappings: { mapping: [{ target: 'lifecyclestage', value: 'bogus' }] },
};

let sim: HubSpotSimulator;
let staticData: IDataObject;
let nextContact = 1;

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
	jest.setSystemTime(Date.parse('2026-11-02T01:00:00Z'));
	sim = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	sim.store.properties.contacts.set('kirim_contact_id', {
		name: 'kirim_contact_id',
		label: 'kirim_contact_id',
		type: 'string',
		fieldType: 'text',
		groupName: 'contactinformation',
		hasUniqueValue: true,
		options: [],
		readOnlyValue: false,
		calculated: false,
	} as never);
	staticData = {};
});
afterEach(async () => {
	await sim.close();
	jest.useRealTimers();
});

interface Run {
	/** What HubSpot Sync put out. */
	items: IDataObject[];
	health?: IDataObject;
	/** Items the IF let through: the alert would be sent. */
	alerted: number;
	error?: Error;
}

interface RunOptions {
	accessToken?: string;
	trigger?: string;
	/** Continue On Fail on the HubSpot Sync node (default on, as the recipe says). */
	continueOnFail?: boolean;
	/** The tick's items (default: one new Kirim contact). */
	items?: IDataObject[];
}

/** One scheduled run `hoursIn` hours after the first, upserting new contacts (`parameters` may make them fail). */
async function scheduledRun(hoursIn: number, parameters: IDataObject = {}, opts: RunOptions = {}): Promise<Run> {
	jest.setSystemTime(Date.parse('2026-11-02T01:00:00Z') + hoursIn * HOUR * 1000);
	const trigger = opts.trigger ?? 'n8n-nodes-base.scheduleTrigger';
	const nodes: INode[] = [
		{
			id: 't',
			name: 'Schedule Trigger',
			type: trigger,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(opts.items ?? [contact(nextContact++)]) },
		},
		{
			id: 's',
			name: 'Upsert in HubSpot',
			type: 'n8n-nodes-kirim.hubSpotSync',
			typeVersion: 1,
			position: [200, 0],
			parameters: { resource: 'contact', operation: 'upsert', options: { link: false, stamp: false }, ...parameters },
			credentials: { hubSpotSyncApi: { id: 'cred-hubspot', name: 'HubSpot' } },
			continueOnFail: opts.continueOnFail ?? true,
		},
		{
			id: 'i',
			name: 'Sync Stalled?',
			type: 'n8n-nodes-base.filter',
			typeVersion: 2.2,
			position: [400, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
					conditions: [
						{
							id: 'c',
							leftValue: RECIPE,
							rightValue: '',
							operator: { type: 'boolean', operation: 'true', singleValue: true },
						},
					],
					combinator: 'and',
				},
			},
		},
	];
	const connections = {
		'Schedule Trigger': { main: [[{ node: 'Upsert in HubSpot', type: NodeConnectionTypes.Main, index: 0 }]] },
		'Upsert in HubSpot': { main: [[{ node: 'Sync Stalled?', type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	const types: Record<string, INodeType> = {
		[trigger]: new ScheduleTickStandIn(),
		'n8n-nodes-kirim.hubSpotSync': new HubSpotSync(),
		'n8n-nodes-base.filter': new FilterStandIn(),
	};
	const workflow = createWorkflow(nodes, connections, types, staticData);
	const credentials: Record<string, ICredentialDataDecryptedObject> = {
		hubSpotSyncApi: {
			accessToken: opts.accessToken ?? sim.token,
			baseUrl: sim.url,
			clientSecret: sim.clientSecret,
			appId: String(sim.appId),
		},
	};
	const additionalData = createAdditionalData(
		workflow,
		{ hubSpotSyncApi: new HubSpotSyncApi() },
		credentials,
		`exec-${hoursIn}`,
	);
	const run = await new WorkflowExecute(additionalData, 'trigger').run({ workflow, startNode: nodes[0] });
	const out = (name: string) => run.data.resultData.runData[name]?.[0]?.data?.main?.[0] ?? [];
	return {
		items: out('Upsert in HubSpot').map((item) => item.json),
		health: out('Upsert in HubSpot')[0]?.json.syncHealth as IDataObject | undefined,
		alerted: out('Sync Stalled?').length,
		error: run.data.resultData.error,
	};
}

describe('stalled-sync alert below a Schedule Trigger', () => {
	it('fires once the sync has not succeeded for more than 48 h, whether the runs in between fail or do not happen', async () => {
		const first = await scheduledRun(0);
		expect(first.health).toMatchObject({ written: 1, lastSuccessfulRunAt: null, secondsSinceLastSuccess: null });
		expect(first.alerted).toBe(0);

		// Every 6 h from then on, HubSpot refuses every record: each run reaches the IF, none moves the last success.
		const failing: Run[] = [];
		for (let h = 6; h <= 54; h += 6) failing.push(await scheduledRun(h, EVERY_RECORD_REJECTED));
		for (const run of failing)
			expect(run.health).toMatchObject({ written: 0, rejected: 1, lastSuccessfulRunAt: first.health!.runAt });
		expect(failing.map((run) => run.health!.secondsSinceLastSuccess)).toEqual(
			[6, 12, 18, 24, 30, 36, 42, 48, 54].map((h) => h * HOUR),
		);
		// 48 h is not more than 48 h; the run 54 h after the last success is.
		expect(failing.map((run) => run.alerted)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);

		// Runs that fail outright (HubSpot refuses the token) move nothing either. With Continue On Fail the node
		// still reports, so the IF fires; without it the execution fails — the Error Workflow's case — and no IF runs.
		const refused = await scheduledRun(57, {}, { accessToken: 'revoked-token' });
		expect(refused.error).toBeUndefined();
		expect(refused.items[0]).toMatchObject({ error: expect.stringContaining('INVALID_AUTHENTICATION') });
		expect(refused.health).toMatchObject({
			written: 0,
			rejected: 1,
			lastSuccessfulRunAt: first.health!.runAt,
			secondsSinceLastSuccess: 57 * HOUR,
		});
		expect(refused.alerted).toBe(1);
		const thrown = await scheduledRun(58, {}, { accessToken: 'revoked-token', continueOnFail: false });
		expect(thrown.error?.message).toContain('INVALID_AUTHENTICATION');
		expect(thrown.items).toEqual([]);
		expect(thrown.alerted).toBe(0);

		// The first success after the gap reports it (the alert for runs that did not happen at all), then all is quiet.
		const recovered = await scheduledRun(60);
		expect(recovered.health).toMatchObject({
			written: 1,
			lastSuccessfulRunAt: first.health!.runAt,
			secondsSinceLastSuccess: 60 * HOUR,
		});
		expect(recovered.alerted).toBe(1);
		const next = await scheduledRun(66);
		expect(next.health).toMatchObject({
			lastSuccessfulRunAt: recovered.health!.runAt,
			secondsSinceLastSuccess: 6 * HOUR,
		});
		expect(next.alerted).toBe(0);
	});

	it('stays quiet while the sync succeeds, even when runs are far apart but less than 48 h', async () => {
		const gaps = [0, 6, 12, 36, 60, 84, 90]; // hours after the first run; the longest gap is 24 h
		const runs: Run[] = [];
		for (const h of gaps) runs.push(await scheduledRun(h));
		expect(runs.map((run) => run.alerted)).toEqual(gaps.map(() => 0));
		expect(runs.map((run) => run.health!.secondsSinceLastSuccess)).toEqual(
			[null, 6, 6, 24, 24, 24, 6].map((h) => (h === null ? null : h * HOUR)),
		);
		for (let i = 1; i < runs.length; i++) expect(runs[i].health!.lastSuccessfulRunAt).toBe(runs[i - 1].health!.runAt);
	});

	it('a run in which some records fail still counts as a success', async () => {
		await scheduledRun(0);
		// Two records at 50 h: HubSpot takes one and refuses the other.
		const oneBad = {
			mappingMode: 'custom',
			fieldMappings: {
				mapping: [{ target: 'lifecyclestage', value: '={{ $json.id.endsWith("2") ? "bogus" : "lead" }}' }],
			},
		};
		const mixed = await scheduledRun(50, oneBad, { items: [contact(101), contact(102)] });
		expect(mixed.health).toMatchObject({ written: 1, rejected: 1, secondsSinceLastSuccess: 50 * HOUR });
		expect(mixed.alerted).toBe(2);
		const after = await scheduledRun(52, EVERY_RECORD_REJECTED);
		expect(after.health).toMatchObject({ secondsSinceLastSuccess: 2 * HOUR });
		expect(after.alerted).toBe(0);
	});
});

describe('where HubSpot Sync keeps no record of its last success', () => {
	for (const trigger of [
		'n8n-nodes-kirim.kirimPollTrigger',
		'n8n-nodes-kirim.hubSpotPollTrigger',
		'n8n-nodes-kirim.kirimTrigger',
		'n8n-nodes-base.gmailTrigger',
	]) {
		it(`below ${trigger}: static data untouched, no last success reported, so the IF cannot fire`, async () => {
			await scheduledRun(0, {}, { trigger });
			const later = await scheduledRun(72, {}, { trigger });
			expect(later.health).toMatchObject({ written: 1, lastSuccessfulRunAt: null, secondsSinceLastSuccess: null });
			expect(later.alerted).toBe(0);
			expect(staticData).toEqual({});
		});
	}
});
