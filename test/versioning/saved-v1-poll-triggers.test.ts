import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import type { HubSpotSimulator } from '../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../simulators/kirim';
import {
	idsOf as hubSpotIds,
	pollTrigger as hubSpotPollTrigger,
	searches,
	startPollSim,
	type TestClock,
} from '../nodes/HubSpotPollTrigger/helpers';
import {
	createContact,
	idsOf as kirimIds,
	pollTrigger as kirimPollTrigger,
	seedContacts,
} from '../nodes/KirimPollTrigger/fixtures';

/**
 * The poll triggers as saved with typeVersion 1 (test/fixtures/workflows/v1-poll-triggers.json; the parameters are
 * checked to be in n8n's saved form by saved-v1-workflows.test.ts), polled unchanged through n8n-core's PollContext
 * against the simulators. What the fixture leaves out comes from today's v1 defaults; each test names the v1
 * behaviour it pins (docs/versioning.md).
 */
const saved = JSON.parse(
	readFileSync(join(__dirname, '..', 'fixtures', 'workflows', 'v1-poll-triggers.json'), 'utf8'),
) as {
	nodes: Array<{ name: string; parameters: INodeParameters }>;
};
const parametersOf = (name: string) => structuredClone(saved.nodes.find((n) => n.name === name)!.parameters);

describe('Kirim Poll Trigger saved with v1 (First Run: Backfill Everything; resource and event at their defaults)', () => {
	let sim: KirimSimulator;
	beforeEach(async () => {
		sim = await startKirimSimulator({ tier: 'pro' });
	});
	afterEach(async () => sim.close());

	test('Contact → New Contacts by default: the first poll emits every existing contact once, later polls each new one once', async () => {
		const existing = await seedContacts(sim, 25);
		const trigger = kirimPollTrigger(sim, parametersOf('Kirim Poll Trigger'));
		expect(kirimIds(await trigger.poll()).sort()).toEqual([...existing].sort());
		expect(await trigger.poll()).toBeNull();
		const fresh = await createContact(sim, 'Wulan');
		expect(kirimIds(await trigger.poll())).toEqual([fresh.contactId]);
		expect(await trigger.poll()).toBeNull();
	});
});

describe('HubSpot Poll Trigger saved with v1 (every parameter at its default)', () => {
	let sim: HubSpotSimulator;
	let clock: TestClock;
	beforeEach(async () => {
		({ sim, clock } = await startPollSim());
	});
	afterEach(async () => sim.close());

	test('Start From "From Now" by default: contacts from before the first poll are not emitted, a later one is, once', async () => {
		// A second before the poll: in the same millisecond as the poll's start the contact would count as "now".
		clock.hold(Date.now() - 1000);
		sim.ui.create('contacts', { email: 'before@example.com' });
		clock.release();
		const trigger = hubSpotPollTrigger(sim, parametersOf('HubSpot Poll Trigger'));
		expect(await trigger.poll()).toBeNull();
		expect(searches(sim)).toHaveLength(0);
		const fresh = sim.ui.create('contacts', { email: 'after@example.com' }).id;
		expect(hubSpotIds(await trigger.poll())).toEqual([fresh]);
		expect(await trigger.poll()).toBeNull();
	});
});
