// HubSpot Sync → Contact → Create or Update, through n8n-core against the HubSpot simulator at its default rate
// limit (100 requests per rolling 10 s, Free/Starter): 10 000 Kirim contacts already linked in HubSpot.
// Printed: requests sent (target ≤ 100 with reads off), 429s met, wall time next to the rate-limit bound.
// The bound for a rolling window: the first `limit` requests may go at once, every further one costs 1/rate s;
// the "requests ÷ allowed rate" is printed too. Run: npm run bench.
import { HubSpotSync } from '../nodes/HubSpotSync/HubSpotSync.node';
import { PERSON, startHubSpotSimulator } from '../simulators/hubspot';
import { runHubSpotNode } from '../test/harness/run-hubspot-node';

const CONTACTS = 10_000;
const LIMIT = 100;
const WINDOW_S = 10;

const kirimId = (n: number) => `ctc_${String(n).padStart(26, '0')}`;

async function scenario(label: string, options: Record<string, unknown>): Promise<void> {
	const sim = await startHubSpotSimulator({ tenSecondlyLimit: LIMIT });
	for (const [name, type, unique] of [['kirim_contact_id', 'string', true], ['kirim_last_synced_at', 'datetime', false]] as const) {
		sim.store.properties.contacts.set(name, { name, label: name, type, fieldType: type === 'string' ? 'text' : 'date', groupName: 'contactinformation', hasUniqueValue: unique, options: [], readOnlyValue: false, calculated: false } as never);
	}
	for (let n = 0; n < CONTACTS; n++) {
		sim.store.create('contacts', { kirim_contact_id: kirimId(n), firstname: 'Crm', phone: `+62812${String(n).padStart(7, '0')}`, kirim_last_synced_at: '2026-01-01T00:00:00.000Z' }, PERSON);
	}
	const input = Array.from({ length: CONTACTS }, (_, n) => ({
		data: { contact: { id: kirimId(n), name: `Person ${n}`, email: `p${n}@example.com`, phone_number: `+62813${String(n).padStart(7, '0')}`, updated_at: '2026-11-22T10:00:00.000Z' } },
	}));
	// Warm-up so the sim's window is empty again when the measured run starts.
	await new Promise((r) => setTimeout(r, 100));
	sim.pipeline.log.clear();
	const started = performance.now();
	const { items, error } = await runHubSpotNode(sim, new HubSpotSync(), { resource: 'contact', operation: 'upsert', options }, input);
	const wallS = (performance.now() - started) / 1000;
	if (error) throw error;
	const requests = sim.pipeline.log.entries.filter((e) => e.path.startsWith('/crm/') && !e.path.endsWith('/search')).length;
	const searches = sim.pipeline.log.entries.filter((e) => e.path.endsWith('/search')).length;
	const limited = sim.pipeline.log.entries.filter((e) => e.status === 429).length;
	const rate = LIMIT / WINDOW_S;
	const windowBound = Math.max(0, requests - LIMIT) / rate;
	const naiveBound = requests / rate;
	const failed = items.filter((i) => i.json.error).length;
	process.stdout.write(
		`${label.padEnd(34)} requests ${String(requests).padStart(4)} (+${searches} searches)  429s ${limited}  failed items ${failed}  ` +
			`wall ${wallS.toFixed(1)} s  bound: window ${windowBound.toFixed(1)} s, requests÷rate ${naiveBound.toFixed(1)} s  ` +
			`wall/max(window bound, 1 s) ${(wallS / Math.max(windowBound, 1)).toFixed(2)}\n`,
	);
	await sim.close();
	// Let the next scenario start with a fresh 10-second window on the wall clock of its own simulator.
}

async function main(): Promise<void> {
	process.stdout.write(`HubSpot Sync upsert of ${CONTACTS} already-linked contacts, simulator limit ${LIMIT}/${WINDOW_S} s (Free/Starter)\n`);
	await scenario('reads off (link off)', { link: false });
	await scenario('with linking (default)', { link: true });
	await scenario('with linking + conflict checks', { link: true, onlyNewer: true });
	process.stdout.write('target: reads off ≤ 100 requests and no 429; with reads, wall within 10 % of the window bound\n');
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
