import { startHubSpotSimulator, type HubSpotSimulator } from '../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../simulators/kirim';
import { N8nInstance } from './harness/n8n';
import { outputItems } from './harness/rest';
import { createSandboxCredentials } from './harness/sandbox-credentials';
import { waitFor } from './harness/wait';
import { exampleWorkflow, packedPackage } from './harness/workflows';
import { DEMO_LABEL, ensureDemoSegment, ensureSyncProperties } from '../testkit/sandbox';

// n8n 2.30.8 and 2.41.1 (both versions CI runs). The segment example (examples/hubspot-segment-label.json) active in
// real n8n, its Schedule Trigger shortened from 5 minutes to 3 seconds so the test need not wait: a HubSpot contact
// put in the "VIP customers" segment gets the Kirim label VIP, taken out loses it; while Kirim refuses the label
// requests the runs fail and the labelled list in HubSpot stays as it was, and the first run after Kirim recovers
// applies the label.
let kirim: KirimSimulator;
let hubspot: HubSpotSimulator;
let n8n: N8nInstance;
let workflowId = '';
let listId = '';
const STEP = 'Mirror the Segment to a Kirim Label';

beforeAll(async () => {
	kirim = await startKirimSimulator({ allowHttpWebhooks: true });
	hubspot = await startHubSpotSimulator();
	n8n = await N8nInstance.start({ packages: [packedPackage()] });
	const credentials = await createSandboxCredentials(n8n.rest, kirim, hubspot);
	await ensureSyncProperties(hubspot);
	listId = await ensureDemoSegment(hubspot, kirim);
	const workflow = exampleWorkflow('hubspot-segment-label.json', credentials) as {
		nodes: Array<{ type: string; parameters: Record<string, unknown> }>;
	};
	const schedule = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger')!;
	expect(schedule.parameters).toEqual({ rule: { interval: [{ field: 'minutes', minutesInterval: 5 }] } });
	schedule.parameters = { rule: { interval: [{ field: 'seconds', secondsInterval: 3 }] } };
	workflowId = (await n8n.rest.createWorkflow(workflow)).id;
	await n8n.rest.activate(workflowId);
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	await kirim?.close();
	await hubspot?.close();
});

async function membership(change: 'add' | 'remove', ids: string[]): Promise<void> {
	const response = await fetch(`${hubspot.url}/crm/lists/2026-09/${listId}/memberships/${change}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${hubspot.token}`, 'content-type': 'application/json' },
		body: JSON.stringify(ids),
	});
	if (response.status !== 200) throw new Error(`${change}: ${response.status} ${await response.text()}`);
}
async function hubspotGet<T>(path: string): Promise<T> {
	const response = await fetch(`${hubspot.url}${path}`, { headers: { authorization: `Bearer ${hubspot.token}` } });
	if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}
/** Who the labelled list (the operation's record of label holders) names, through HubSpot's Lists API. */
async function labelledMembers(name: string): Promise<string[]> {
	const { list } = await hubspotGet<{ list: { listId: string } }>(
		`/crm/lists/2026-09/object-type-id/0-1/name/${encodeURIComponent(name)}`,
	);
	const page = await hubspotGet<{ results: Array<{ recordId: string }> }>(
		`/crm/lists/2026-09/${list.listId}/memberships?limit=250`,
	);
	return page.results.map((member) => String(member.recordId));
}
const hasVip = (kirimId: string) =>
	[...(kirim.store.contactLabels.get(kirimId) ?? [])].some((id) => kirim.store.labels.get(id)?.name === DEMO_LABEL);
const runsSince = async (startedAfter: number) =>
	(await n8n.rest.executions(workflowId)).filter((e) => Date.parse(String(e.startedAt)) >= startedAfter);

describe('segment example in real n8n: HubSpot segment → Kirim label, on a schedule', () => {
	test('a contact put in the segment gets the label; while Kirim fails, runs fail and nothing is recorded; then it lands; taken out, it loses it', async () => {
		const linked = (n: number) => {
			const contact = kirim.store.addContact(
				{ phone_number: `+62812345000${n}`, name: `VIP ${n}` },
				kirim.phoneNumberIds[0],
			);
			const record = hubspot.ui.create('contacts', { firstname: `VIP ${n}`, kirim_contact_id: contact.id });
			return { kirimId: contact.id, hubspotId: record.id };
		};
		const first = linked(1);
		await membership('add', [first.hubspotId]);
		await waitFor(() => hasVip(first.kirimId), 30_000, 'the VIP label on the first member', n8n);

		// Kirim answers 503 to every label request for a while: each run fails after its retries.
		const second = linked(2);
		kirim.pipeline.faults.add({
			match: { method: 'POST', path: `/v1/${kirim.phoneNumberIds[0]}/contacts/bulk_label` },
			action: { kind: 'server-error', status: 503 },
			times: 1000,
		});
		const faultFrom = Date.now();
		await membership('add', [second.hubspotId]);
		await waitFor(
			async () => (await runsSince(faultFrom)).some((e) => e.status === 'error'),
			60_000,
			'a failed run while Kirim refuses',
			n8n,
		);
		expect(hasVip(second.kirimId)).toBe(false);
		const labelId = [...kirim.store.labels.values()].find((l) => l.name === DEMO_LABEL)!.id;
		expect(await labelledMembers(`Kirim label ${labelId} from segment ${listId}`)).toEqual([first.hubspotId]);

		kirim.pipeline.faults.clear();
		await waitFor(() => hasVip(second.kirimId), 30_000, 'the VIP label once Kirim recovers', n8n);
		// The run that lands it may have started while Kirim still refused (its retries then succeeded).
		const settled = await waitFor(
			async () =>
				(await runsSince(faultFrom)).find((e) => e.status === 'success' && outputItems(e, STEP)[0]?.attached === 1),
			30_000,
			'a successful run that attached the second member',
			n8n,
		);
		expect(outputItems(settled, STEP)[0]).toMatchObject({ members: 2, attached: 1, detached: 0 });

		await membership('remove', [first.hubspotId]);
		await waitFor(() => !hasVip(first.kirimId), 30_000, 'the label off the member who left', n8n);
		expect(hasVip(second.kirimId)).toBe(true);
	}, 240_000);
});
