import { ManualClock } from '../../../simulators/common/clock';
import {
	addSyncProperties,
	startHubSpotSimulator,
	type HubSpotSimulator,
	type PortalValidation,
} from '../../../simulators/hubspot';
import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { runHubSpotNode } from '../../harness/run-hubspot-node';

// HubSpot 2026-09 applies the portal's own validation rules to API writes. HubSpot documents no batch behaviour
// under them, so both answers the simulator can give are covered: the whole batch refused (the node splits it to
// find the offending records) and per-input errors. Either way only the records that break a rule fail, each with
// HubSpot's message naming the property, and the rest are written.

const node = new HubSpotSync();
const kirimId = (n: number) => `ctc_${String(n).padStart(26, '0')}`;
const rules: PortalValidation['rules'] = [
	{
		kind: 'conditionalRequired',
		objectType: 'contacts',
		property: 'jobtitle',
		when: { property: 'lifecyclestage', equals: 'customer' },
	},
];
// Items 2 and 5 are customers without a job title.
const input = Array.from({ length: 8 }, (_, n) => ({
	event: 'contact.updated',
	data: {
		contact: {
			id: kirimId(40 + n),
			object: 'contact',
			name: `Person ${n} Tester`,
			email: `person${40 + n}@example.com`,
			phone_number: `+62812000${String(40 + n).padStart(5, '0')}`,
			metadata: null,
			updated_at: '2026-11-22T10:00:00.000Z',
		},
	},
	stage: n % 2 === 0 || n === 5 ? 'customer' : 'lead',
	title: n === 2 || n === 5 ? '' : 'Buyer',
}));
const parameters = {
	resource: 'contact',
	operation: 'upsert',
	mappingMode: 'custom',
	fieldMappings: {
		mapping: [
			{ target: 'email', value: '={{ $json.data.contact.email }}' },
			{ target: 'lifecyclestage', value: '={{ $json.stage }}' },
			{ target: 'jobtitle', value: '={{ $json.title }}' },
		],
	},
	options: { link: false },
};

describe.each(['whole', 'per-input'] as const)(
	'HubSpot Sync under portal validation rules (batch answered %s)',
	(batch) => {
		let sim: HubSpotSimulator;
		beforeEach(async () => {
			sim = await startHubSpotSimulator({
				clock: new ManualClock(Date.UTC(2026, 10, 22, 12)),
				validation: { rules, batch },
			});
			addSyncProperties(sim.store);
		});
		afterEach(async () => sim.close());

		test('only the records that break a rule fail, each naming the property; the others are written', async () => {
			const { items, error } = await runHubSpotNode(sim, node, parameters, input, true);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.pairedItem)).toEqual(input.map((_, item) => ({ item })));
			const failed = items.filter((i) => i.json.error !== undefined);
			expect(failed.map((i) => i.pairedItem)).toEqual([{ item: 2 }, { item: 5 }]);
			for (const item of failed) expect(`${item.json.error} ${item.json.description ?? ''}`).toMatch(/jobtitle/);
			for (const n of [0, 1, 3, 4, 6, 7]) {
				const written = sim.store.findBy('contacts', 'kirim_contact_id', kirimId(40 + n));
				expect(written?.properties.lifecyclestage).toBe(n % 2 === 0 ? 'customer' : 'lead');
			}
			// A new contact is created with its key first and its other fields written right after (contact-sync.ts):
			// for these two that second write is the one the rule refused, so none of the refused values is in HubSpot.
			for (const n of [2, 5]) {
				const refused = sim.store.findBy('contacts', 'kirim_contact_id', kirimId(40 + n));
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
