import type { IDataObject } from 'n8n-workflow';

import { Kirim } from '../../../nodes/Kirim/Kirim.node';
import { isOwnSyncEcho } from '../../../nodes/shared/sync/echo';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { runKirimNode } from '../../harness/run-kirim-node';

let sim: KirimSimulator;
beforeEach(async () => {
	sim = await startKirimSimulator({ tier: 'pro' });
});
afterEach(async () => sim.close());

const phone = () => sim.phoneNumberIds[0];
const update = (id: string, updateFields: IDataObject) =>
	runKirimNode(sim, new Kirim(), {
		resource: 'contact',
		operation: 'update',
		contactId: { __rl: true, mode: 'id', value: id },
		updateFields,
		metadataMode: 'merge',
		clearFields: [],
		applySyncRules: true,
	});
const patches = () => sim.pipeline.log.entries.filter((e) => e.method === 'PATCH');

describe('Kirim contact Update with sync rules (CRM → Kirim)', () => {
	it('sends nothing when the CRM values equal Kirim’s', async () => {
		const c = sim.store.addContact({ phone_number: '+628111', name: 'Ana Putri', email: 'ana@example.com' }, phone());
		const { items, error } = await update(c.id, { name: 'Ana Putri', email: 'ana@example.com' });
		expect(error).toBeUndefined();
		expect(patches()).toHaveLength(0);
		expect(items[0].json.sync).toMatchObject({ operation: 'skip', direction: 'from_crm', status: 'success' });
	});

	it('writes only what changed, keeps CRM keys in metadata, and stamps the write so the trigger knows its echo', async () => {
		const c = sim.store.addContact(
			{ phone_number: '+628111', name: 'Ana', email: 'ana@example.com', metadata: { hubspot_id: '501' } },
			phone(),
		);
		const { items, error } = await update(c.id, { name: 'Ana Putri', email: 'ana@example.com' });
		expect(error).toBeUndefined();
		const body = patches()[0].body as IDataObject;
		expect(body).toMatchObject({ name: 'Ana Putri', metadata: { hubspot_id: '501' } });
		expect(body).not.toHaveProperty('email');
		expect(items[0].json.sync).toMatchObject({
			operation: 'update',
			changes: [{ field: 'name', from: 'Ana', to: 'Ana Putri' }],
		});
		const stored = sim.store.contacts.get(c.id) as unknown as IDataObject;
		expect(isOwnSyncEcho(stored, ['name', 'metadata'])).toBe(true);
		// A person's later edit in Kirim is not mistaken for the echo.
		(stored as { name: string }).name = 'Ana P.';
		expect(isOwnSyncEcho(stored, ['name'])).toBe(false);
	});

	it('metadata keys the write changes are in the sync history, the ones it leaves alone are not', async () => {
		const c = sim.store.addContact(
			{ phone_number: '+628111', name: 'Ana', metadata: { tier: 'silver', hubspot_id: '501' } },
			phone(),
		);
		const { items, error } = await update(c.id, { metadata: JSON.stringify({ tier: 'gold', hubspot_id: '501' }) });
		expect(error).toBeUndefined();
		expect(items[0].json.sync).toMatchObject({
			operation: 'update',
			changes: [{ field: 'metadata.tier', from: 'silver', to: 'gold' }],
		});
		expect(sim.store.contacts.get(c.id)!.metadata).toMatchObject({ tier: 'gold', hubspot_id: '501' });
	});

	it('a second identical run writes nothing (the loop settles)', async () => {
		const c = sim.store.addContact({ phone_number: '+628111', name: 'Ana' }, phone());
		await update(c.id, { name: 'Budi' });
		const second = await update(c.id, { name: 'Budi' });
		expect(patches()).toHaveLength(1);
		expect(second.items[0].json.sync).toMatchObject({ operation: 'skip' });
	});
});
