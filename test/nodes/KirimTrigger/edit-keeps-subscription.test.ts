import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { seedDeliveries, useReplaySimulator } from '../../harness/kirim-dead-letters';
import { answerLeftovers, deliver, lifecycle, type TriggerSetup } from '../../harness/trigger-context';
import { contactEvent, credentialTypes, signed } from './fixtures';
import { KirimTrigger } from '../../../nodes/KirimTrigger/KirimTrigger.node';
import { GAP_MARGIN_MS, replaysInProgress } from '../../../nodes/KirimTrigger/replay-on-activation';
import { settleRemovals } from '../../../nodes/KirimTrigger/subscription-memory';

/**
 * n8n calls the trigger's delete() when the trigger of an active workflow changes (events, options, credential,
 * name), then checks the new version: the subscription must survive that, and what Kirim dead-lettered while
 * n8n had no route must come back once.
 */
const simulator = useReplaySimulator();
let next = 0;
afterEach(() => answerLeftovers());

function setup(
	staticData: IDataObject,
	changes: { events?: string[]; nodeName?: string; replay?: boolean } = {},
): TriggerSetup {
	return {
		trigger: new KirimTrigger(),
		parameters: {
			subscriptionMode: 'managed',
			events: changes.events ?? ['contact.created'],
			signatureCheck: 'verify',
			options: { replayDeadLettersOnActivation: changes.replay ?? false },
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
		webhookId: 'wh-edit',
		nodeName: changes.nodeName,
	};
}

const subscriptions = () => [...simulator.sim.store.subscriptions.values()];
const storedId = (staticData: IDataObject) =>
	(staticData.subscription as IDataObject | undefined)?.id as string | undefined;
const secretOf = (id: string) => simulator.sim.store.subscriptions.get(id)!.secrets[0].secret;
const items = (r: Awaited<ReturnType<typeof deliver>>) => (r.result.workflowData?.[0] ?? []) as INodeExecutionData[];
/** What n8n does with static data between calls: saves it as JSON and reads it back. */
const roundTrip = (staticData: IDataObject) => JSON.parse(JSON.stringify(staticData)) as IDataObject;

async function created(): Promise<IDataObject> {
	const staticData: IDataObject = {};
	await lifecycle(setup(staticData), 'create');
	return staticData;
}

/** n8n's sequence for a changed trigger: delete() with the old version, then the new version's checks. */
async function edit(
	staticData: IDataObject,
	from: Parameters<typeof setup>[1],
	to: Parameters<typeof setup>[1],
	toData = staticData,
): Promise<void> {
	expect(await lifecycle(setup(staticData, from), 'delete')).toBe(true);
	if (!(await lifecycle(setup(toData, to), 'checkExists'))) await lifecycle(setup(toData, to), 'create');
	const id = storedId(toData);
	if (id) await replaysInProgress.get(id);
}

describe('Kirim Trigger: an edit of the trigger keeps its subscription', () => {
	test('changed events: same id and secret, the events updated in place, nothing removed once the grace period is over', async () => {
		const staticData = await created();
		const id = storedId(staticData)!;
		const secret = secretOf(id);
		await edit(staticData, {}, { events: ['contact.created', 'contact.updated'] });
		await settleRemovals();
		expect(subscriptions()).toHaveLength(1);
		expect(subscriptions()[0]).toMatchObject({ id, status: 'active', events: ['contact.created', 'contact.updated'] });
		expect(storedId(staticData)).toBe(id);
		const delivery = await deliver(
			setup(staticData, { events: ['contact.created', 'contact.updated'] }),
			signed(contactEvent('contact.updated'), { secrets: [secret] }),
		);
		expect(delivery.status).toBe(200);
		expect(items(delivery)).toHaveLength(1);
	});

	test('a renamed trigger (its static data under a new key) keeps the subscription and its dedupe snapshot', async () => {
		const staticData = await created();
		const id = storedId(staticData)!;
		const event = contactEvent();
		expect(items(await deliver(setup(staticData), signed(event, { secrets: [secretOf(id)] })))).toHaveLength(1);
		const renamed: IDataObject = {};
		await edit(roundTrip(staticData), {}, { nodeName: 'Kirim Trigger (renamed)' }, renamed);
		await settleRemovals();
		expect(subscriptions().map((s) => s.id)).toEqual([id]);
		expect(storedId(renamed)).toBe(id);
		expect(renamed.dedupe).toEqual(staticData.dedupe);
		const again = await deliver(
			setup(renamed, { nodeName: 'Kirim Trigger (renamed)' }),
			signed(event, { secrets: [secretOf(id)] }),
		);
		expect(again.status).toBe(200);
		expect(items(again)).toHaveLength(0);
	});

	test('n8n 2.30.8’s order for a rename (the new version published first, so delete() runs under the new name, which holds nothing): the subscription is kept', async () => {
		const staticData = await created();
		const id = storedId(staticData)!;
		const renamed: IDataObject = {};
		await edit(renamed, { nodeName: 'Kirim Trigger (renamed)' }, { nodeName: 'Kirim Trigger (renamed)' });
		await settleRemovals();
		expect(subscriptions().map((s) => s.id)).toEqual([id]);
		expect(storedId(renamed)).toBe(id);
	});

	test('n8n 2.30.8’s order for a rename: what Kirim dead-lettered while the route was gone is replayed once, older dead letters are not', async () => {
		const staticData = await created();
		const id = storedId(staticData)!;
		const older = seedDeliveries(simulator.sim, id, [{ n: next++, atMs: Date.now() - GAP_MARGIN_MS - 5_000 }]);
		const renamed: IDataObject = {};
		expect(await lifecycle(setup(renamed, { nodeName: 'Kirim Trigger (renamed)' }), 'delete')).toBe(true);
		// n8n takes the old version's route down after publishing the new one: Kirim's deliveries meet 404 and die.
		const inGap = seedDeliveries(simulator.sim, id, [
			{ n: next++, atMs: Date.now() - 500 },
			{ n: next++, atMs: Date.now() },
		]);
		expect(await lifecycle(setup(renamed, { nodeName: 'Kirim Trigger (renamed)' }), 'checkExists')).toBe(true);
		await replaysInProgress.get(id);
		expect(simulator.replayed.sort()).toEqual(inGap.sort());
		expect(simulator.replayed).not.toEqual(expect.arrayContaining(older));
		// Checked again (another activation, the record now in static data with the replay ledger): nothing more.
		expect(await lifecycle(setup(renamed, { nodeName: 'Kirim Trigger (renamed)' }), 'checkExists')).toBe(true);
		await replaysInProgress.get(id);
		expect(simulator.replayed).toHaveLength(inGap.length);
		await settleRemovals();
	});

	test('the gap’s dead letters are replayed once; older ones are left to the option, which is off', async () => {
		const staticData = await created();
		const id = storedId(staticData)!;
		const dead = (times: number[]) =>
			seedDeliveries(
				simulator.sim,
				id,
				times.map((atMs) => ({ n: next++, atMs })),
			);
		const older = dead([Date.now() - 2 * 3_600_000, Date.now() - GAP_MARGIN_MS - 5_000]);
		expect(await lifecycle(setup(staticData), 'delete')).toBe(true);
		// While n8n has no route, Kirim's deliveries meet 404 and die at once.
		const inGap = dead([Date.now() - 1_000, Date.now(), Date.now()]);
		expect(await lifecycle(setup(staticData, { events: ['contact.created', 'contact.updated'] }), 'checkExists')).toBe(
			true,
		);
		await replaysInProgress.get(id);
		expect(simulator.replayed.sort()).toEqual(inGap.sort());
		expect(simulator.replayed).not.toEqual(expect.arrayContaining(older.slice(0, 1)));

		await edit(staticData, { events: ['contact.created', 'contact.updated'] }, {});
		expect(simulator.replayed).toHaveLength(inGap.length);

		// The option, turned on later, still replays the older dead letters, and only those.
		expect(await lifecycle(setup(staticData, { replay: true }), 'checkExists')).toBe(true);
		await replaysInProgress.get(id);
		expect(simulator.replayed.slice(inGap.length).sort()).toEqual(older.sort());
	});

	test('a run that loaded static data before a new subscription was made saves the old record over it: deliveries still verify, and the record is put back', async () => {
		const staticData = await created();
		const before = roundTrip(staticData); // what a long run loaded
		simulator.sim.store.subscriptions.clear(); // gone in Kirim: the next activation makes a new one
		await edit(staticData, {}, {});
		const fresh = storedId(staticData)!;
		expect(fresh).not.toBe(storedId(before));
		// The long run ends: n8n saves the static data it loaded, over the activation's.
		Object.assign(staticData, before);

		const delivery = await deliver(setup(staticData), signed(contactEvent(), { secrets: [secretOf(fresh)] }));
		expect(delivery.status).toBe(200);
		expect(items(delivery)).toHaveLength(1);
		expect(storedId(staticData)).toBe(fresh);
	});
});
