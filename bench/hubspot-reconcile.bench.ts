// HubSpot Sync → Contact → Reconcile With Kirim over 10 000 contacts, through n8n-core against both simulators at
// their default limits (HubSpot Free/Starter: 100 requests per rolling 10 s, search 5 a second; Kirim default
// tier: 600 reads and 60 writes a minute). Printed per scenario: requests each side (against the README's
// formula), 429s met, wall time, and the rate-limit bound of the HubSpot requests (the first 100 may go at once,
// each further one costs 0.1 s). Scenarios: everything in sync; 1 % drift of each kind with Repair; the run after
// that repair. Run: node --import tsx bench/hubspot-reconcile.bench.ts
import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../nodes/HubSpotSync/HubSpotSync.node';
import { addSyncProperties, PERSON, startHubSpotSimulator, type HubSpotSimulator } from '../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../simulators/kirim';
import { runWithBothSimulators } from '../test/harness/run-hubspot-kirim-node';

const CONTACTS = 10_000;
const LIMIT = 100;
const DRIFT_EVERY = 100; // 1 % of each kind

interface Sims {
	hubspot: HubSpotSimulator;
	kirim: KirimSimulator;
}

async function start(drift: boolean): Promise<Sims> {
	const hubspot = await startHubSpotSimulator({ tenSecondlyLimit: LIMIT });
	const kirim = await startKirimSimulator({ tier: 'default' });
	addSyncProperties(hubspot.store);
	for (let n = 0; n < CONTACTS; n++) {
		const phone = `+62813${String(n).padStart(7, '0')}`;
		const c = kirim.store.addContact(
			{ phone_number: phone, name: `Person${n} Tester`, email: `p${n}@example.com` },
			kirim.phoneNumberIds[0],
		);
		const kind = drift ? n % DRIFT_EVERY : -1;
		if (kind === 1) continue; // missing in HubSpot
		hubspot.store.create(
			'contacts',
			{
				kirim_contact_id: c.id,
				firstname: kind === 2 ? 'Renamed' : `Person${n}`, // HubSpot owns the name: repaired in Kirim
				lastname: 'Tester',
				email: `p${n}@example.com`,
				phone: kind === 3 ? '+6289999999999' : phone, // Kirim owns the phone: repaired in HubSpot
			},
			PERSON,
		);
	}
	if (drift)
		for (let n = 0; n < CONTACTS / DRIFT_EVERY; n++)
			hubspot.store.create('contacts', { kirim_contact_id: `ctc_01GXNE${String(n).padStart(20, '0')}` }, PERSON);
	return { hubspot, kirim };
}

async function scenario(label: string, sims: Sims, parameters: IDataObject): Promise<void> {
	await new Promise((r) => setTimeout(r, 11_000)); // a fresh HubSpot 10-second window for each measured run
	sims.hubspot.pipeline.log.clear();
	sims.kirim.pipeline.log.clear();
	const started = performance.now();
	const { items, error } = await runWithBothSimulators(sims, new HubSpotSync(), {
		resource: 'contact',
		operation: 'reconcile',
		output: 'summary',
		...parameters,
	});
	const wallS = (performance.now() - started) / 1000;
	if (error) throw error;
	const summary = items[0].json;
	const hubspotLog = sims.hubspot.pipeline.log.entries.filter((e) => e.path.startsWith('/crm/'));
	const searches = hubspotLog.filter((e) => e.path.endsWith('/search')).length;
	const general = hubspotLog.length - searches;
	const kirimLog = sims.kirim.pipeline.log.entries.filter((e) => e.path.startsWith('/v1/'));
	const limited = hubspotLog.filter((e) => e.status === 429).length + kirimLog.filter((e) => e.status === 429).length;
	const bound = Math.max(0, general - LIMIT) / (LIMIT / 10);
	process.stdout.write(
		`${label.padEnd(26)} Kirim ${String(kirimLog.length).padStart(4)} req (${kirimLog.filter((e) => e.method === 'PATCH').length} writes)  ` +
			`HubSpot ${String(general).padStart(4)} req + ${searches} searches  429s ${limited}  wall ${wallS.toFixed(1)} s  ` +
			`HubSpot bound ${bound.toFixed(1)} s  findings ${JSON.stringify(summary.findings)}  health ${JSON.stringify({ read: (summary.syncHealth as IDataObject).read, written: (summary.syncHealth as IDataObject).written })}\n`,
	);
}

async function main(): Promise<void> {
	process.stdout.write(`Reconcile of ${CONTACTS} contacts, HubSpot ${LIMIT}/10 s, Kirim default tier\n`);
	const inSync = await start(false);
	await scenario('in sync, report only', inSync, {});
	await inSync.hubspot.close();
	await inSync.kirim.close();

	const drifted = await start(true);
	await scenario('1 % drift each, Repair', drifted, { repair: true, options: { kirimRepairsPerRun: 0 } });
	await scenario('after the repair', drifted, { repair: true });
	await drifted.hubspot.close();
	await drifted.kirim.close();
	process.stdout.write(
		'README formula: Kirim ⌈n/100⌉ reads; HubSpot ⌈n/100⌉ batch reads + ⌈linked/200⌉ searches (+1 final empty page)\n',
	);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
