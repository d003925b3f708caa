import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { demoCommands } from '../../scripts/demo-commands';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../simulators/kirim';
import { DEMO_LABEL, ensureDemoSegment } from '../../testkit/sandbox';

// The commands `npm start` prints, run as printed (curl through a shell) against the two simulators: each must be
// understood and do what its title says. n8n's part of the demo is covered by the round-trip tests.

let kirim: KirimSimulator;
let hubspot: HubSpotSimulator;
beforeEach(async () => {
	kirim = await startKirimSimulator({ allowHttpWebhooks: true });
	hubspot = await startHubSpotSimulator();
});
afterEach(async () => {
	await kirim.close();
	await hubspot.close();
});

/**
 * Runs a printed command; curl's -w appends the HTTP status on its own line. Asynchronously: the simulators answer
 * from this process, which a synchronous child would block.
 */
async function run(command: string): Promise<{ status: number; body: unknown }> {
	const { stdout: out } = await promisify(execFile)('sh', ['-c', `${command} -s -w '\\n%{http_code}'`], {
		encoding: 'utf8',
		timeout: 10_000,
	});
	const lines = out.trimEnd().split('\n');
	const status = Number(lines.pop());
	return { status, body: JSON.parse(lines.join('\n') || 'null') };
}

describe('the demo commands npm start prints', () => {
	test('each is understood and does what it says', async () => {
		const [
			createInKirim,
			listHubSpot,
			editInHubSpot,
			assignInKirim,
			listTickets,
			closeInKirim,
			customerWrites,
			listTimeline,
			joinSegment,
			kirimLabels,
			deleteInHubSpot,
			kirimContact,
		] = demoCommands({
			kirim: kirim.url,
			hubspot: hubspot.url,
			hubspotToken: hubspot.token,
			segmentListId: await ensureDemoSegment(hubspot, kirim),
		});

		const created = await run(createInKirim.command);
		expect(created.status).toBe(201);
		expect([...kirim.store.contacts.values()].map((c) => c.name)).toContain('Siti Nurhaliza');
		const conversationId = (created.body as { conversation_id: string }).conversation_id;
		expect(kirim.store.conversations.get(conversationId)?.contact.name).toBe('Siti Nurhaliza');

		const contact = hubspot.ui.create('contacts', { firstname: 'Siti', lastname: 'Nurhaliza' });
		const list = await run(listHubSpot.command);
		expect(list.status).toBe(200);
		expect(JSON.stringify(list.body)).toContain(contact.id);

		const edit = await run(editInHubSpot.command.replace('<id>', contact.id));
		expect(edit.status).toBe(200);
		expect(hubspot.store.objects.contacts.get(contact.id)?.properties.firstname).toBe('Siti N.');

		// The ticket steps: Kirim's side of them (n8n's part is the round-trip tests' tickets example).
		expect((await run(assignInKirim.command.replace('<conversation_id>', conversationId))).status).toBe(200);
		expect(kirim.store.conversations.get(conversationId)?.assignee?.email).toBe('agent.one@example.com');
		const tickets = await run(listTickets.command);
		expect(tickets).toEqual({ status: 200, body: { results: [] } });
		expect((await run(closeInKirim.command.replace('<conversation_id>', conversationId))).status).toBe(200);
		expect(kirim.store.conversations.get(conversationId)?.status).toBe('resolved');

		const phone = (created.body as { contact: { phone_number: string } }).contact.phone_number;
		const wrote = await run(customerWrites.command.replace('<phone_number>', phone));
		expect(wrote.status).toBe(201);
		expect((wrote.body as { wamid: string }).wamid).toMatch(/^wamid\./);
		expect(await run(listTimeline.command)).toEqual({ status: 200, body: { results: [] } });

		// The segment step: HubSpot's side (n8n's part is e2e/segment-label.e2e.test.ts), and where the label shows.
		const joined = await run(joinSegment.command.replace('<id>', contact.id));
		expect(joined.status).toBe(200);
		expect((joined.body as { recordsIdsAdded: string[] }).recordsIdsAdded).toEqual([contact.id]);
		const kirimId = (created.body as { contact: { id: string } }).contact.id;
		expect(await run(kirimLabels.command.replace('<kirim_id>', kirimId))).toEqual({
			status: 200,
			body: { labels: [] },
		});
		kirim.store.contactLabels.get(kirimId)!.add([...kirim.store.labels.values()][0].id);
		expect(await run(kirimLabels.command.replace('<kirim_id>', kirimId))).toMatchObject({
			status: 200,
			body: { labels: [{ name: DEMO_LABEL }] },
		});

		// The deletion step: HubSpot's side and where Kirim's metadata shows (n8n's part is the round-trip tests).
		expect((await run(deleteInHubSpot.command.replace('<id>', contact.id))).status).toBe(200);
		expect(hubspot.store.objects.contacts.get(contact.id)?.archived).toBe(true);
		kirim.store.contacts.get(kirimId)!.metadata = { crm_deleted_id: contact.id };
		expect(await run(kirimContact.command.replace('<kirim_id>', kirimId))).toMatchObject({
			status: 200,
			body: { contact: { id: kirimId, metadata: { crm_deleted_id: contact.id } } },
		});
	});

	test('a control body with a field the route does not read is refused, naming it', async () => {
		const contact = hubspot.ui.create('contacts', { firstname: 'Siti' });
		const wrong = await run(
			`curl -X PATCH ${hubspot.url}/_sim/crm/contacts/${contact.id} -H 'content-type: application/json' -d '{"firstname":"Siti N."}'`,
		);
		expect(wrong.status).toBe(400);
		expect(JSON.stringify(wrong.body)).toContain('unknown field firstname');
		expect(hubspot.store.objects.contacts.get(contact.id)?.properties.firstname).toBe('Siti');
	});
});
