import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../nodes/HubSpotSync/HubSpotSync.node';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../simulators/kirim';
import { exampleWorkflow } from '../../testkit/examples';
import { DEMO_LABEL, ensureDemoSegment } from '../../testkit/sandbox';
import { runWithBothSimulators } from '../harness/run-hubspot-kirim-node';

// The segment example's HubSpot Sync step, exactly as the example file configures it, run by n8n-core against both
// simulators set up the way `npm start` sets them up (its schedule is run in real n8n by
// e2e/round-trip.e2e.test.ts): whoever is in the "VIP customers" segment carries the Kirim label VIP.
let hubspot: HubSpotSimulator;
let kirim: KirimSimulator;
let listId = '';

const step = (
	exampleWorkflow('hubspot-segment-label.json', {}).nodes as Array<{ type: string; parameters: IDataObject }>
).find((node) => node.type === 'n8n-nodes-kirim.hubSpotSync')!;

beforeAll(async () => {
	hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	kirim = await startKirimSimulator({ tier: 'pro' });
	addSyncProperties(hubspot.store);
	listId = await ensureDemoSegment(hubspot, kirim);
});
afterAll(async () => {
	await hubspot.close();
	await kirim.close();
});

const runExample = async () => {
	const result = await runWithBothSimulators({ hubspot, kirim }, new HubSpotSync(), step.parameters, [{}]);
	if (result.error) throw result.error;
	return result.items[0].json;
};
const membership = async (change: 'add' | 'remove', ids: string[]) => {
	const response = await fetch(`${hubspot.url}/crm/lists/2026-09/${listId}/memberships/${change}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${hubspot.token}`, 'content-type': 'application/json' },
		body: JSON.stringify(ids),
	});
	if (response.status !== 200) throw new Error(await response.text());
};
const labelNamesOf = (kirimId: string) =>
	[...(kirim.store.contactLabels.get(kirimId) ?? [])].map((id) => kirim.store.labels.get(id)?.name);

describe('segment example in process: the VIP customers segment → the Kirim label VIP', () => {
	it('a contact put in the segment gets the label at the next run; taken out, loses it; unchanged runs write nothing to Kirim', async () => {
		const contact = kirim.store.addContact({ phone_number: '+6281234500011', name: 'Rudi' }, kirim.phoneNumberIds[0]);
		const record = hubspot.ui.create('contacts', { firstname: 'Rudi', kirim_contact_id: contact.id });
		await membership('add', [record.id]);
		expect(await runExample()).toMatchObject({ listId, members: 1, attached: 1 });
		expect(labelNamesOf(contact.id)).toEqual([DEMO_LABEL]);

		const labelWrites = () => kirim.pipeline.log.entries.filter((e) => e.path.endsWith('/bulk_label')).length;
		const before = labelWrites();
		expect(await runExample()).toMatchObject({ attached: 0, detached: 0 });
		expect(labelWrites()).toBe(before);

		await membership('remove', [record.id]);
		expect(await runExample()).toMatchObject({ members: 0, detached: 1 });
		expect(labelNamesOf(contact.id)).toEqual([]);
	});
});
