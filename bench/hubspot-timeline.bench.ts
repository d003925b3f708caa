// HubSpot Sync → Message → Log on Timeline through n8n-core against the HubSpot simulator at its default rate limit
// (100 requests per rolling 10 s, Free/Starter): 10 000 WhatsApp messages of 1 000 contacts already in HubSpot, found
// by Kirim ID. Printed: every request by kind (target: ⌈n/100⌉ upserts + the association batches, and the contact
// reads), 429s met (target 0), wall time next to the rate-limit bounds (target: within 10 %), and a second run of
// the same messages (none logged twice). Run: npm run bench.
import { HubSpotSync } from '../nodes/HubSpotSync/HubSpotSync.node';
import { addSyncProperties, PERSON, startHubSpotSimulator } from '../simulators/hubspot';
import { runHubSpotNode } from '../test/harness/run-hubspot-node';
import { printRequestKinds, printTrace } from './stats';

const MESSAGES = 10_000;
const CONTACTS = 1_000;
const LIMIT = 100;
const WINDOW_S = 10;

/** Seconds from the first request to the earliest the last of `requests` can go under a rolling window. */
const rollingWindowBound = (requests: number) => Math.floor(Math.max(0, requests - 1) / LIMIT) * WINDOW_S;
const kirimId = (n: number) => `ctc_${String(n).padStart(26, '0')}`;

async function main(): Promise<void> {
	const sim = await startHubSpotSimulator({ tenSecondlyLimit: LIMIT });
	addSyncProperties(sim.store);
	const ensured = await runHubSpotNode(sim, new HubSpotSync(), { resource: 'message', operation: 'ensureProperties' }, [
		{},
	]);
	if (ensured.error) throw ensured.error;
	for (let n = 0; n < CONTACTS; n++)
		sim.store.create('contacts', { kirim_contact_id: kirimId(n), firstname: `Person ${n}` }, PERSON);
	// Kirim Trigger message items (nodes/shared/kirim/meta-payload.ts), the contact's Kirim ID mapped by the workflow.
	const input = Array.from({ length: MESSAGES }, (_, i) => ({
		event: 'message.received',
		wamid: `wamid.BENCH${String(i).padStart(8, '0')}`,
		from: `62812${String(i % CONTACTS).padStart(7, '0')}`,
		type: 'text',
		text: `Message ${i}`,
		timestamp: new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString(),
		kirimContactId: kirimId(i % CONTACTS),
	}));
	const parameters = { resource: 'message', operation: 'log', kirimContactId: '={{ $json.kirimContactId }}' };
	// Ensure Properties spent part of this window: start the measured run on a fresh one.
	await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
	sim.pipeline.log.clear();
	const started = performance.now();
	const startedAt = Date.now();
	const { items, error } = await runHubSpotNode(sim, new HubSpotSync(), parameters, input);
	const wallS = (performance.now() - started) / 1000;
	if (error) throw error;
	const entries = sim.pipeline.log.entries.filter((e) => e.path.startsWith('/crm/'));
	const bound = rollingWindowBound(entries.length);
	const logged = sim.store.objects.communications.size;
	process.stdout.write(
		`timeline: ${MESSAGES} messages of ${CONTACTS} contacts, simulator limit ${LIMIT}/${WINDOW_S} s\n` +
			`  requests ${entries.length} (upserts allowed ⌈n/100⌉ = ${Math.ceil(MESSAGES / 100)})  429s ${entries.filter((e) => e.status === 429).length}  ` +
			`failed items ${items.filter((i) => i.json.error).length}  logged ${logged}  ` +
			`wall ${wallS.toFixed(1)} s  bound: window ${bound.toFixed(1)} s, requests÷rate ${(entries.length / (LIMIT / WINDOW_S)).toFixed(1)} s  ` +
			`wall/window bound ${(wallS / Math.max(bound, 1)).toFixed(2)}, wall/(requests÷rate) ${(wallS / (entries.length / (LIMIT / WINDOW_S))).toFixed(2)}\n`,
	);
	process.stdout.write(
		`  before the first request ${((entries[0].at - startedAt) / 1000).toFixed(1)} s, after the last ${(wallS - (entries.at(-1)!.at - startedAt) / 1000).toFixed(1)} s\n`,
	);
	printRequestKinds(entries);
	printTrace(entries);
	const again = await runHubSpotNode(sim, new HubSpotSync(), parameters, input);
	if (again.error) throw again.error;
	process.stdout.write(
		`  the same ${MESSAGES} messages again: entries ${sim.store.objects.communications.size} (was ${logged}), ` +
			`created ${again.items.filter((i) => i.json.operation === 'create').length}\n` +
			'target: upserts ≤ ⌈n/100⌉ plus the association batches, no 429, wall within 10 % of the rate-limit bound, nothing twice\n',
	);
	await sim.close();
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
