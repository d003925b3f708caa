import { Kirim } from '../../../nodes/Kirim/Kirim.node';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { runKirimNode } from '../../harness/run-kirim-node';

let sim: KirimSimulator;
beforeEach(async () => {
	// Kirim's default write budget: 60 a minute, one token a second (https://developers.kirim.chat/concepts/rate-limits/).
	sim = await startKirimSimulator({ tier: { writePerMinute: 60, readPerMinute: 600 } });
});
afterEach(async () => sim.close());

// Real time: about one chunk a second once the bucket is empty.
jest.setTimeout(30_000);

test('Bulk Label against an empty write bucket: chunks wait their turn instead of racing into 429s, none is lost', async () => {
	const phone = sim.phoneNumberIds[0];
	const ids = Array.from({ length: 6000 }, (_, n) => ({
		id: sim.store.addContact({ phone_number: `+62813${String(n).padStart(7, '0')}` }, phone).id,
	}));
	const label = await fetch(`${sim.url}/v1/labels`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'Budget' }),
	});
	const labelId = ((await label.json()) as { data: { id: string } }).data.id;
	sim.rateLimits.write.drain(); // another workflow just spent the minute's writes
	sim.pipeline.log.clear();

	const result = await runKirimNode(
		sim,
		new Kirim(),
		{ resource: 'bulkLabel', operation: 'attach', labelId, idsFrom: 'items', idField: 'id', options: {} },
		ids,
	);

	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ applied: 6000, failed_chunks: 0 });
	const posts = sim.pipeline.log.entries.filter((e) => e.path.endsWith('/bulk_label'));
	// The 4 lanes' first requests meet the empty bucket; after that each waits for its token.
	expect(posts.filter((p) => p.status === 429).length).toBeLessThanOrEqual(4);
	expect(posts.filter((p) => p.status === 200)).toHaveLength(6);
	expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(6);
});
