import { ManualClock } from '../../../simulators/common/clock';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import {
	items as input,
	jobTitleRule,
	kirimId,
	OFFENDING,
	stageOf,
	upsertParameters,
} from '../../../testkit/validation-rule-case';
import { runHubSpotNode } from '../../harness/run-hubspot-node';

// HubSpot 2026-09 applies the portal's own validation rules to API writes. HubSpot documents no batch behaviour
// under them, so both answers the simulator can give are covered: the whole batch refused (the node splits it to
// find the offending records) and per-input errors. Either way only the records that break a rule fail, each with
// HubSpot's message naming the property, and the rest are written.

const node = new HubSpotSync();

describe.each(['whole', 'per-input'] as const)(
	'HubSpot Sync under portal validation rules (batch answered %s)',
	(batch) => {
		let sim: HubSpotSimulator;
		beforeEach(async () => {
			sim = await startHubSpotSimulator({
				clock: new ManualClock(Date.UTC(2026, 10, 22, 12)),
				validation: { rules: jobTitleRule, batch },
			});
			addSyncProperties(sim.store);
		});
		afterEach(async () => sim.close());

		test('only the records that break a rule fail, each naming the property; the others are written', async () => {
			const { items, error } = await runHubSpotNode(sim, node, upsertParameters, input, true);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.pairedItem)).toEqual(input.map((_, item) => ({ item })));
			const failed = items.filter((i) => i.json.error !== undefined);
			expect(failed.map((i) => i.pairedItem)).toEqual([{ item: 2 }, { item: 5 }]);
			for (const item of failed) expect(`${item.json.error} ${item.json.description ?? ''}`).toMatch(/jobtitle/);
			for (const n of [0, 1, 3, 4, 6, 7]) {
				const written = sim.store.findBy('contacts', 'kirim_contact_id', kirimId(n));
				expect(written?.properties.lifecyclestage).toBe(stageOf(n));
			}
			// A new contact is created with its key first and its other fields written right after (contact-sync.ts):
			// for these two that second write is the one the rule refused, so none of the refused values is in HubSpot.
			for (const n of OFFENDING) {
				const refused = sim.store.findBy('contacts', 'kirim_contact_id', kirimId(n));
				expect(refused?.properties.lifecyclestage ?? null).toBeNull();
			}
			// Refused whole, the batch was split until the offending records were alone; per input, nothing was refused whole.
			const writes = sim.pipeline.log.entries.filter((e) => e.path.startsWith('/crm/objects/2026-09/contacts/batch/'));
			const refusedWhole = writes.filter((e) => e.status === 400).length;
			if (batch === 'whole') expect(refusedWhole).toBeGreaterThanOrEqual(2);
			else expect(refusedWhole).toBe(0);
		});
	},
);
