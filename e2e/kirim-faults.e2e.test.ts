// Runs on every n8n the suite runs against (2.41.1 and 2.30.8 in CI): both create the run before they answer an
// answer-at-once webhook (packages/cli/src/webhooks/webhook-helpers.ts, `shouldDeferOnReceivedResponse`) and answer
// an after-the-run webhook once the run ended, 500 when it failed. Legacy expression engine: a load-style suite.
import { randomUUID } from 'node:crypto';

import { signKirimPayload } from '../simulators/kirim';
import { ensureInstalled } from './harness/install';
import { N8nDatabase } from './harness/n8n-db';
import { N8nInstance } from './harness/n8n';
import { packedPackage, triggerWorkflow } from './harness/workflows';

const SECRET = 'whsec_e2e_faults_subscription_secret';
let n8n: N8nInstance;
let db: N8nDatabase;
let atOnce: { id: string; path: string };
let afterRun: { id: string; path: string };

function event(name: string, id = `evt_${randomUUID()}`) {
	return {
		id,
		type: 'contact.created',
		created_at: new Date().toISOString(),
		data: { contact: { id: 'ctc_01HXYZABCDEFGHJKMNPQRSTVWX', name } },
	};
}

interface Answer {
	status: number;
	body: Record<string, unknown>;
}

/** A signed delivery as Kirim sends it; `hangUpAfterMs` plays Kirim giving up waiting (10 s there). */
async function post(
	path: string,
	body: Record<string, unknown>,
	attempt = 1,
	hangUpAfterMs?: number,
): Promise<Answer | 'hung up'> {
	const raw = JSON.stringify(body);
	try {
		const response = await fetch(`${n8n.url}/webhook/${path}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-kirim-signature': signKirimPayload([SECRET], Math.floor(Date.now() / 1000), raw),
				'x-kirim-event': 'contact.created',
				'x-kirim-event-id': String(body.id),
				'x-kirim-attempt': String(attempt),
			},
			body: raw,
			signal: hangUpAfterMs === undefined ? undefined : AbortSignal.timeout(hangUpAfterMs),
		});
		const text = await response.text();
		return {
			status: response.status,
			body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text },
		};
	} catch (error) {
		if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return 'hung up';
		throw error;
	}
}

const node = (name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, x: number) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position: [x, 0],
	parameters,
});

/**
 * Kirim Trigger answering after the run → for contacts named "slow…": wait 2 s, then fail when the name is
 * "slow-fail" and this is Kirim's first attempt. Others finish at once.
 */
function afterRunWorkflow(credentialId: string) {
	const wf = triggerWorkflow(
		'Kirim faults: after the run',
		'n8n-nodes-kirim.kirimTrigger',
		{ subscriptionMode: 'existing', events: ['contact.created'], options: { respondWhenFinished: true } },
		{
			kirimWebhookSigningApi: { id: credentialId, name: 'Kirim signing (faults)' },
		},
	);
	const nodes = wf.workflow.nodes as Array<Record<string, unknown>>;
	nodes.push(
		node(
			'Slow?',
			'n8n-nodes-base.if',
			1,
			{
				conditions: { string: [{ value1: '={{ $json.data.contact.name }}', operation: 'startsWith', value2: 'slow' }] },
			},
			250,
		),
		node('Wait', 'n8n-nodes-base.wait', 1.1, { resume: 'timeInterval', amount: 2, unit: 'seconds' }, 500),
		node(
			'Fail now?',
			'n8n-nodes-base.if',
			1,
			{
				conditions: {
					string: [{ value1: '={{ $json.data.contact.name }}', operation: 'equal', value2: 'slow-fail' }],
					number: [{ value1: '={{ $json.delivery.attempt }}', operation: 'equal', value2: 1 }],
				},
				combineOperation: 'all',
			},
			750,
		),
		node('Fail', 'n8n-nodes-base.stopAndError', 1, { errorMessage: 'the first attempt fails on purpose' }, 1000),
		// n8n answers with the last node's first output item: every path ends in a node with one.
		node('Done', 'n8n-nodes-base.noOp', 1, {}, 1000),
	);
	wf.workflow.connections = {
		Trigger: { main: [[{ node: 'Slow?', type: 'main', index: 0 }]] },
		'Slow?': { main: [[{ node: 'Wait', type: 'main', index: 0 }], [{ node: 'Done', type: 'main', index: 0 }]] },
		Wait: { main: [[{ node: 'Fail now?', type: 'main', index: 0 }]] },
		'Fail now?': { main: [[{ node: 'Fail', type: 'main', index: 0 }], [{ node: 'Done', type: 'main', index: 0 }]] },
	};
	return { ...wf, path: `${wf.webhookId}/webhook-after-run` };
}

beforeAll(async () => {
	n8n = await N8nInstance.start({ packages: [packedPackage()], env: { N8N_EXPRESSION_ENGINE: 'legacy' } });
	db = N8nDatabase.forUserFolder(ensureInstalled().node, n8n.userFolder);
	const credential = await n8n.rest.createCredential('Kirim signing (faults)', 'kirimWebhookSigningApi', {
		currentSecret: SECRET,
	});
	const plain = triggerWorkflow(
		'Kirim faults: at once',
		'n8n-nodes-kirim.kirimTrigger',
		{ subscriptionMode: 'existing', events: ['contact.created'], options: {} },
		{
			kirimWebhookSigningApi: { id: credential.id, name: 'Kirim signing (faults)' },
		},
	);
	const slow = afterRunWorkflow(credential.id);
	atOnce = { id: (await n8n.rest.createWorkflow(plain.workflow)).id, path: plain.path };
	afterRun = { id: (await n8n.rest.createWorkflow(slow.workflow)).id, path: slow.path };
	for (const wf of [atOnce, afterRun]) {
		await n8n.rest.activate(wf.id);
		await n8n.waitForWebhook(wf.path);
	}
}, 240_000);

afterAll(async () => n8n?.stop());

describe('Kirim Trigger when n8n fails the request, restarts, or the run outlives Kirim’s wait (real n8n)', () => {
	let atOnceRuns = 0;
	let afterRunRuns = 0;

	test('n8n cannot store the run (inserts refused in its database) → 500; Kirim’s retry runs once', async () => {
		const delivery = event('Fault');
		db.exec(
			`CREATE TRIGGER e2e_refuse_runs BEFORE INSERT ON execution_entity BEGIN SELECT RAISE(ABORT, 'fault injected by the e2e test'); END;`,
		);
		let refused: Answer | 'hung up';
		try {
			refused = await post(atOnce.path, delivery);
		} finally {
			db.exec('DROP TRIGGER e2e_refuse_runs;');
		}
		expect(refused).toMatchObject({ status: 500 });
		expect(await n8n.executionsSettled(atOnce.id, 0, 3_000, 500)).toHaveLength(0);
		expect(await post(atOnce.path, delivery, 2)).toEqual({ status: 200, body: { received: true, items: 1 } });
		atOnceRuns += 1;
		expect(await post(atOnce.path, delivery, 3)).toEqual({ status: 200, body: { received: true, duplicate: true } });
		expect(await n8n.executionsSettled(atOnce.id, atOnceRuns, 10_000, 1000)).toHaveLength(atOnceRuns);
	}, 60_000);

	test('after the run: Kirim hangs up, its retry meets the run still going (503), the run fails, the next retry runs', async () => {
		const delivery = event('slow-fail');
		expect(await post(afterRun.path, delivery, 1, 500)).toBe('hung up');
		const during = await post(afterRun.path, delivery, 2);
		expect(during).toMatchObject({ status: 503, body: { error: 'in_flight' } });
		afterRunRuns += 1;
		const first = await n8n.executionsSettled(afterRun.id, afterRunRuns, 20_000, 500);
		expect(first.map((e) => e.status)).toEqual(['error']);
		const retry = await post(afterRun.path, delivery, 3);
		expect(retry).toMatchObject({ status: 200 });
		afterRunRuns += 1;
		expect(await post(afterRun.path, delivery, 4)).toEqual({ status: 200, body: { received: true, duplicate: true } });
		const all = await n8n.executionsSettled(afterRun.id, afterRunRuns, 20_000, 1000);
		expect(all.map((e) => e.status).sort()).toEqual(['error', 'success']);
	}, 90_000);

	test('1 000 deliveries Kirim gave up on, retried as Kirim retries, 250 newer ones, a restart: the ones answered late run 0 more times', async () => {
		const sent = Array.from({ length: 1000 }, () => event('slow'));
		let next = 0;
		// Hung up after 1 s, while the run waits 2 s: each delivery n8n has read by then becomes a run answered after
		// Kirim stopped waiting. One n8n had not read yet (a busy machine) never becomes a run; Kirim retries both.
		const lane = async () => {
			while (next < sent.length) expect(await post(afterRun.path, sent[next++], 1, 1000)).toBe('hung up');
		};
		await Promise.all(Array.from({ length: 10 }, lane));
		// Kirim's retry of each: "duplicate" for one whose run exists (answered late: the id is kept beyond the newest
		// ones), a run for one n8n never read (answered in time), 503 while a run is still going (retried later).
		const answeredLate: Array<ReturnType<typeof event>> = [];
		next = 0;
		const retryLane = async () => {
			while (next < sent.length) {
				const delivery = sent[next++];
				// Kirim retries for hours; here a run of 2 s is long over within 30 s of 503s.
				for (let attempt = 2; ; attempt++) {
					const answer = (await post(afterRun.path, delivery, attempt)) as Answer;
					if (answer.status === 503 && attempt < 62) {
						await new Promise((resolve) => setTimeout(resolve, 500));
						continue;
					}
					expect(answer.status).toBe(200);
					if (answer.body.duplicate === true) answeredLate.push(delivery);
					break;
				}
			}
		};
		await Promise.all(Array.from({ length: 10 }, retryLane));
		process.stderr.write(`[e2e] ${answeredLate.length} of 1000 deliveries became runs before Kirim hung up\n`);
		// Nearly all: the test is about the late ones, so it says so when the machine was too busy to make them.
		expect(answeredLate.length).toBeGreaterThanOrEqual(900);
		afterRunRuns += sent.length;
		expect(await n8n.executionsSettled(afterRun.id, afterRunRuns, 300_000, 2000)).toHaveLength(afterRunRuns);
		for (let i = 0; i < 250; i++) expect(await post(afterRun.path, event('quick'))).toMatchObject({ status: 200 });
		afterRunRuns += 250;
		await n8n.executionsSettled(afterRun.id, afterRunRuns, 60_000, 1000);

		n8n = await n8n.restart();
		await n8n.waitForWebhook(afterRun.path);
		// Kirim goes on retrying what it never got a timely answer for: the late ones (the others it got in time).
		next = 0;
		const answers: Answer[] = [];
		const redeliver = async () => {
			while (next < answeredLate.length) answers.push((await post(afterRun.path, answeredLate[next++], 9)) as Answer);
		};
		await Promise.all(Array.from({ length: 20 }, redeliver));
		expect(answers.filter((a) => a.status === 200 && a.body.duplicate === true)).toHaveLength(answeredLate.length);
		expect(await n8n.executionsSettled(afterRun.id, afterRunRuns, 10_000, 2000)).toHaveLength(afterRunRuns);
	}, 900_000);
});
