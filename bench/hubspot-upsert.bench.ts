// HubSpot Sync → Contact → Create or Update, through n8n-core against the HubSpot simulator at its default rate
// limit (100 requests per rolling 10 s, Free/Starter): 10 000 Kirim contacts already linked in HubSpot.
// Printed: requests sent (target ≤ 100 with reads off), 429s met, wall time next to the rate-limit bound.
// The bound for a rolling window (HubSpot's TEN_SECONDLY_ROLLING, which the simulator models): request k (from 0)
// can go no earlier than ⌊k / limit⌋ windows after the first, so n requests need ⌊(n − 1) / limit⌋ windows;
// the "requests ÷ allowed rate" is printed too. Run: npm run bench.
import { HubSpotSync } from '../nodes/HubSpotSync/HubSpotSync.node';
import { addSyncProperties, PERSON, startHubSpotSimulator } from '../simulators/hubspot';
import { runHubSpotNode } from '../test/harness/run-hubspot-node';
import { printRequestKinds, printTrace } from './stats';

const CONTACTS = 10_000;
const LIMIT = 100;
const WINDOW_S = 10;

/** Seconds from the first request to the earliest the last of `requests` can go under a rolling window. */
const rollingWindowBound = (requests: number) => Math.floor(Math.max(0, requests - 1) / LIMIT) * WINDOW_S;

const kirimId = (n: number) => `ctc_${String(n).padStart(26, '0')}`;

async function scenario(label: string, options: Record<string, unknown>): Promise<void> {
	const sim = await startHubSpotSimulator({ tenSecondlyLimit: LIMIT });
	addSyncProperties(sim.store);
	for (let n = 0; n < CONTACTS; n++) {
		sim.store.create(
			'contacts',
			{
				kirim_contact_id: kirimId(n),
				firstname: 'Crm',
				phone: `+62812${String(n).padStart(7, '0')}`,
				kirim_last_synced_at: '2026-01-01T00:00:00.000Z',
			},
			PERSON,
		);
	}
	const input = Array.from({ length: CONTACTS }, (_, n) => ({
		data: {
			contact: {
				id: kirimId(n),
				name: `Person ${n}`,
				email: `p${n}@example.com`,
				phone_number: `+62813${String(n).padStart(7, '0')}`,
				updated_at: '2026-11-22T10:00:00.000Z',
			},
		},
	}));
	// Warm-up so the sim's window is empty again when the measured run starts.
	await new Promise((r) => setTimeout(r, 100));
	sim.pipeline.log.clear();
	const started = performance.now();
	const { items, error } = await runHubSpotNode(
		sim,
		new HubSpotSync(),
		{ resource: 'contact', operation: 'upsert', options },
		input,
	);
	const wallS = (performance.now() - started) / 1000;
	if (error) throw error;
	const requests = sim.pipeline.log.entries.filter(
		(e) => e.path.startsWith('/crm/') && !e.path.endsWith('/search'),
	).length;
	const searches = sim.pipeline.log.entries.filter((e) => e.path.endsWith('/search')).length;
	const limited = sim.pipeline.log.entries.filter((e) => e.status === 429).length;
	const windowBound = rollingWindowBound(requests);
	const naiveBound = requests / (LIMIT / WINDOW_S);
	const failed = items.filter((i) => i.json.error).length;
	process.stdout.write(
		`${label.padEnd(34)} requests ${String(requests).padStart(4)} (+${searches} searches)  429s ${limited}  failed items ${failed}  ` +
			`wall ${wallS.toFixed(1)} s  bound: window ${windowBound.toFixed(1)} s, requests÷rate ${naiveBound.toFixed(1)} s  ` +
			`wall/max(window bound, 1 s) ${(wallS / Math.max(windowBound, 1)).toFixed(2)}\n`,
	);
	await sim.close();
	// Let the next scenario start with a fresh 10-second window on the wall clock of its own simulator.
}

/**
 * Ticket → Create or Update for 10 000 conversations whose contacts are already in HubSpot: every request the
 * node sends is counted, the contact look-ups and the associations included (tickets created, so each is associated).
 */
async function tickets(): Promise<void> {
	const sim = await startHubSpotSimulator({ tenSecondlyLimit: LIMIT });
	const ensured = await runHubSpotNode(sim, new HubSpotSync(), { resource: 'ticket', operation: 'ensureProperties' }, [
		{},
	]);
	if (ensured.error) throw ensured.error;
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
	for (let n = 0; n < CONTACTS; n++)
		sim.store.create('contacts', { kirim_contact_id: kirimId(n), firstname: `Person ${n}` }, PERSON);
	const input = Array.from({ length: CONTACTS }, (_, n) => ({
		event: 'conversation.created',
		data: {
			conversation: {
				id: `cnv_${String(n).padStart(26, '0')}`,
				status: 'open',
				contact: { id: kirimId(n), name: `Person ${n}` },
				assignee: { id: 'usr_01JAGENT1000000000000000000', name: 'Agent One', email: 'agent.one@example.com' },
				updated_at: '2026-11-22T10:00:00.000Z',
			},
		},
	}));
	// Ensure Properties spent part of this window: start the measured run on a fresh one.
	await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
	sim.pipeline.log.clear();
	const started = performance.now();
	const { items, error } = await runHubSpotNode(
		sim,
		new HubSpotSync(),
		{ resource: 'ticket', operation: 'upsert' },
		input,
	);
	const wallS = (performance.now() - started) / 1000;
	if (error) throw error;
	const entries = sim.pipeline.log.entries.filter((e) => e.path.startsWith('/crm/'));
	const requests = entries.length;
	const windowBound = rollingWindowBound(requests);
	const failed = items.filter((i) => i.json.error).length;
	const associated = sim.store.associations.length;
	process.stdout.write(
		`tickets for ${CONTACTS} conversations       requests ${requests}  429s ${entries.filter((e) => e.status === 429).length}  failed items ${failed}  associated ${associated}  ` +
			`wall ${wallS.toFixed(1)} s  window bound ${windowBound.toFixed(1)} s  wall/max(window bound, 1 s) ${(wallS / Math.max(windowBound, 1)).toFixed(2)}\n`,
	);
	printRequestKinds(entries);
	printTrace(entries);
	await sim.close();
}

async function main(): Promise<void> {
	// `… hubspot-upsert.bench.ts tickets` runs the ticket part alone.
	if (process.argv[2] === 'tickets') return await tickets();
	process.stdout.write(
		`HubSpot Sync upsert of ${CONTACTS} already-linked contacts, simulator limit ${LIMIT}/${WINDOW_S} s (Free/Starter)\n`,
	);
	await scenario('reads off (link off)', { link: false });
	await scenario('with linking (default)', { link: true });
	await scenario('with linking + conflict checks', { link: true, onlyNewer: true });
	process.stdout.write(
		'target (reads off): ≤ 100 requests, no 429, wall at most 10 % over requests÷rate; with reads: printed\n',
	);
	await tickets();
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
