import { randomUUID } from 'node:crypto';

import { signKirimPayload } from '../simulators/kirim';
import { N8nInstance } from './harness/n8n';
import { packedPackage, triggerWorkflow } from './harness/workflows';

const SECRET = 'whsec_e2e_existing_subscription_secret';
let n8n: N8nInstance;
let workflowId: string;
let path: string;

function event(id = `evt_${randomUUID()}`, type = 'contact.created') {
	return {
		id,
		type,
		created_at: new Date().toISOString(),
		data: { contact: { id: 'ctc_01HXYZABCDEFGHJKMNPQRSTVWX', name: 'Dedupe' } },
	};
}

async function post(
	body: Record<string, unknown>,
	secret = SECRET,
): Promise<{ status: number; body: Record<string, unknown> }> {
	const raw = JSON.stringify(body);
	const response = await fetch(`${n8n.url}/webhook/${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-kirim-signature': signKirimPayload([secret], Math.floor(Date.now() / 1000), raw),
			'x-kirim-event': String(body.type),
			'x-kirim-event-id': String(body.id),
		},
		body: raw,
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
	// A load test: the legacy expression engine keeps it short (the default isolated-vm engine costs about 50 ms of CPU
	// per webhook request); kirim.e2e.test.ts runs n8n's default.
	n8n = await N8nInstance.start({ packages: [packedPackage()], env: { N8N_EXPRESSION_ENGINE: 'legacy' } });
	const credential = await n8n.rest.createCredential('Kirim signing (e2e)', 'kirimWebhookSigningApi', {
		currentSecret: SECRET,
	});
	const wf = triggerWorkflow(
		'Kirim dedupe e2e',
		'n8n-nodes-kirim.kirimTrigger',
		{ subscriptionMode: 'existing', events: ['contact.created'], options: {} },
		{
			kirimWebhookSigningApi: { id: credential.id, name: 'Kirim signing (e2e)' },
		},
	);
	path = wf.path;
	workflowId = (await n8n.rest.createWorkflow(wf.workflow)).id;
	await n8n.rest.activate(workflowId);
	await n8n.waitForWebhook(path);
});

afterAll(async () => n8n?.stop());

describe('Kirim Trigger dedupe in real n8n (existing subscription)', () => {
	let expected = 0;

	test('an event type that is not selected gets 2xx and runs nothing', async () => {
		const answer = await post(event(undefined, 'conversation.closed'));
		expect(answer).toEqual({
			status: 200,
			body: { received: true, ignored: 'event conversation.closed is not selected' },
		});
		expect(await n8n.executionsSettled(workflowId, 0, 5_000, 1000)).toHaveLength(0);
	});

	test('1 000 deliveries with 30 % redeliveries at 50 concurrent: executions = unique events', async () => {
		const unique = Array.from({ length: 700 }, () => event());
		const deliveries = [...unique, ...unique.slice(0, 300)].sort(() => Math.random() - 0.5);
		let next = 0;
		const answers: number[] = [];
		const lane = async () => {
			while (next < deliveries.length) {
				const delivery = deliveries[next++];
				// A copy that arrives while n8n has not answered the first gets 503 and is sent again, as Kirim does
				// (after 10 s there; 100 ms here).
				let answer = await post(delivery);
				while (answer.status === 503 && answer.body.error === 'in_flight') {
					await new Promise((resolve) => setTimeout(resolve, 100));
					answer = await post(delivery);
				}
				answers.push(answer.status);
			}
		};
		await Promise.all(Array.from({ length: 50 }, lane));
		expect(answers.filter((s) => s === 200)).toHaveLength(1000);
		expected += 700;
		const executions = await n8n.executionsSettled(workflowId, expected, 240_000, 3000);
		expect(executions).toHaveLength(expected);
		expect(executions.every((e) => e.status === 'success')).toBe(true);
	}, 300_000);

	// n8n saves static data in the callback that sends the answer; the trigger answers before n8n creates the run,
	// whose setup would otherwise clear the "changed" flag (README: dedupe guarantees).
	// One after another: a delivery's save never holds the ids of deliveries still being handled at that moment
	// (their runs might not exist yet), so ids acknowledged at the same time as the last save before a restart may
	// be forgotten and run again (docs/delivery-guarantee.md) — a duplicate, never a loss.
	test('20 ids accepted one after another right before a restart are still duplicates after it', async () => {
		const batch = Array.from({ length: 20 }, () => event());
		const answers: Array<Awaited<ReturnType<typeof post>>> = [];
		for (const e of batch) answers.push(await post(e));
		for (const answer of answers) expect(answer.body).toEqual({ received: true, items: 1 });
		expected += 20;
		n8n = await n8n.restart();
		await n8n.waitForWebhook(path);
		for (const e of batch) expect((await post(e)).body).toEqual({ received: true, duplicate: true });
		expect(await n8n.executionsSettled(workflowId, expected, 30_000, 2000)).toHaveLength(expected);
	}, 240_000);
});
