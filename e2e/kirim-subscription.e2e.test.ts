import { randomUUID } from 'node:crypto';

import { startKirimSimulator, type KirimSimulator } from '../simulators/kirim';
import { N8nInstance } from './harness/n8n';
import { packedPackage, triggerWorkflow } from './harness/workflows';
import { waitFor } from './harness/wait';

/**
 * The managed subscription in real n8n: the signing secret Kirim issued is not in what n8n shows of the workflow
 * (the editor's REST API, the public API), yet deliveries signed with it verify. Runs on every n8n the suite runs
 * against.
 */
let kirim: KirimSimulator;
let n8n: N8nInstance;

beforeAll(async () => {
	// Kirim's 31 h retry schedule at 1/10 000: a delivery to a stopped n8n is dead after about 11 s.
	kirim = await startKirimSimulator({ allowHttpWebhooks: true, webhookTimeScale: 0.0001, minDeliveryTimeoutMs: 8000 });
	n8n = await N8nInstance.start({ packages: [packedPackage()] });
});

afterAll(async () => {
	await n8n?.stop();
	await kirim?.close();
});

async function withLog<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		(error as Error).message += `\n--- n8n log (tail) ---\n${n8n.logTail()}`;
		throw error;
	}
}

interface SavedWorkflow {
	staticData?: Record<
		string,
		{ subscription?: { id?: string; sealedSecret?: string }; replayLedger?: { replayed?: string[] } }
	> | null;
}

/** The workflow as the editor loads it. */
async function editorView(id: string): Promise<{ text: string; workflow: SavedWorkflow }> {
	const response = await n8n.rest.raw('GET', `/rest/workflows/${id}`);
	expect(response.status).toBe(200);
	return { text: response.text, workflow: (JSON.parse(response.text) as { data: SavedWorkflow }).data };
}

interface ActivatedTrigger {
	workflowId: string;
	subscriptionId: string;
	secret: string;
	/** The URL path Kirim calls: the trigger's plain webhook, or the one answered after the run. */
	subscribedPath: string;
	/** The workflow as created, for edits (PUT /api/v1/workflows/:id re-publishes an active workflow). */
	workflow: {
		name: string;
		nodes: Array<Record<string, unknown>>;
		connections: Record<string, unknown>;
		settings: Record<string, unknown>;
	};
}

async function activatedTrigger(
	name: string,
	options: Record<string, unknown>,
	events = ['contact.created'],
	downstream?: { node: Record<string, unknown> },
): Promise<ActivatedTrigger> {
	const credential = await n8n.rest.createCredential(`Kirim for ${name}`, 'kirimSyncApi', {
		apiKey: kirim.apiKey,
		baseUrl: kirim.url,
		pathStyle: 'phoneScoped',
		phoneNumberId: kirim.phoneNumberIds[0],
	});
	const wf = triggerWorkflow(
		name,
		'n8n-nodes-kirim.kirimTrigger',
		{ subscriptionMode: 'managed', events, options },
		{
			kirimSyncApi: { id: credential.id, name: `Kirim for ${name}` },
		},
	);
	const workflow = wf.workflow as ActivatedTrigger['workflow'];
	if (downstream) {
		workflow.nodes.push(downstream.node);
		workflow.connections = { Trigger: { main: [[{ node: downstream.node.name, type: 'main', index: 0 }]] } };
	}
	const workflowId = (await n8n.rest.createWorkflow(workflow)).id;
	await n8n.rest.activate(workflowId);
	await n8n.waitForWebhook(wf.path);
	const subscribedPath = `/webhook/${wf.webhookId}/${options.respondWhenFinished === true ? 'webhook-after-run' : 'webhook'}`;
	const url = `${n8n.url}${subscribedPath}`;
	const subscription = await waitFor(
		() => [...kirim.store.subscriptions.values()].find((s) => s.url === url),
		20_000,
		`the subscription of ${name}`,
		n8n,
	);
	// Static data is saved once activation is done: wait until the editor sees the record.
	await waitFor(
		async () =>
			(await editorView(workflowId)).workflow.staticData?.['node:Trigger']?.subscription?.id === subscription.id,
		20_000,
		'the saved subscription record',
		n8n,
	);
	return {
		workflowId,
		subscriptionId: subscription.id,
		secret: subscription.secrets[0].secret,
		subscribedPath,
		workflow,
	};
}

/** A person adds a contact in Kirim's inbox; Kirim sends contact.created to every subscription that wants it. */
async function createContact(name: string): Promise<{ id: string; deliveries: string[] }> {
	const created = await fetch(`${kirim.url}/_sim/contacts`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name }),
	});
	expect(created.status).toBe(201);
	const body = (await created.json()) as { contact: { id: string }; deliveries: string[] };
	return { id: body.contact.id, deliveries: body.deliveries };
}

async function renameContact(id: string, name: string): Promise<void> {
	const updated = await fetch(`${kirim.url}/_sim/contacts/${id}`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name }),
	});
	expect(updated.status).toBe(200);
}

const rowsOf = (subscriptionId: string) =>
	[...kirim.store.deliveries.values()].filter((d) => d.subscription_id === subscriptionId);

describe('the managed signing secret in real n8n', () => {
	test('neither the editor’s GET /rest/workflows/:id nor the public API holds the secret Kirim issued; a signed delivery still runs', async () => {
		await withLog(async () => {
			const { workflowId, subscriptionId, secret } = await activatedTrigger('Sealed secret e2e', {});
			const editor = await editorView(workflowId);
			const record = editor.workflow.staticData?.['node:Trigger']?.subscription;
			expect(record).toMatchObject({ id: subscriptionId, sealedSecret: expect.any(String) });
			expect(editor.text).not.toContain(secret);
			expect(editor.text).not.toContain(secret.slice('whsec_'.length, 'whsec_'.length + 12));
			const publicApi = await n8n.rest.raw('GET', `/api/v1/workflows/${workflowId}`);
			expect(publicApi.status).toBe(200);
			expect(publicApi.text).toContain(subscriptionId);
			expect(publicApi.text).not.toContain(secret);
			expect(publicApi.text).not.toContain(secret.slice('whsec_'.length, 'whsec_'.length + 12));

			await createContact('Sealed E2E');
			await kirim.sender.idle();
			const delivery = rowsOf(subscriptionId).at(-1)!;
			expect(delivery.attempts.map((a) => a.response_status_code)).toEqual([200]);
			const executions = await n8n.executionsSettled(workflowId, 1);
			expect(executions.map((e) => e.status)).toEqual(['success']);
			expect(n8n.log()).not.toContain(secret);
			await n8n.rest.deactivate(workflowId); // its subscription goes 30 s later; the tests below count their own runs
		});
	}, 120_000);
});

/** How often `text` occurs in n8n's log. */
const occurrences = (text: string) => n8n.log().split(text).length - 1;
const triggerOf = (t: ActivatedTrigger) => t.workflow.nodes[0] as { name: string; parameters: Record<string, unknown> };
const subscriptionsFor = (workflowPath: string) =>
	[...kirim.store.subscriptions.values()].filter((s) => s.url.endsWith(workflowPath));

/**
 * Edits the published workflow (PUT re-publishes an active one) and waits until n8n has applied it to the trigger:
 * by default until the trigger says it kept its subscription through n8n's delete() and check.
 */
async function edit(t: ActivatedTrigger, change: () => void, applied?: () => Promise<boolean>): Promise<void> {
	const kept = `kept subscription ${t.subscriptionId} across the change of the trigger`;
	const before = occurrences(kept);
	change();
	await n8n.rest.json('PUT', `/api/v1/workflows/${t.workflowId}`, t.workflow);
	await waitFor(
		async () => (applied ? await applied() : occurrences(kept) > before),
		30_000,
		'the edit applied to the trigger',
		n8n,
	);
}

/** The contact names that reached the trigger, once at least `count` runs finished and no more came for a while. */
async function contactNamesRun(workflowId: string, count: number): Promise<string[]> {
	const executions = await n8n.executionsSettled(workflowId, count, 90_000, 3_000, true);
	return executions
		.map(
			(e) =>
				Object.values(e.data?.resultData?.runData ?? {})[0]?.[0]?.data?.main?.[0]?.[0]?.json as
					{ data?: { contact?: { name?: string } } } | undefined,
		)
		.map((json) => json?.data?.contact?.name ?? '?')
		.sort();
}

describe('the managed subscription across edits, a run racing an activation, and a restart (real n8n)', () => {
	let edited: ActivatedTrigger;
	let raced: ActivatedTrigger;

	test('edits of the active trigger (its events, then its name) keep its subscription, updated in place; contacts made during the edits each run once', async () => {
		await withLog(async () => {
			edited = await activatedTrigger('Edited trigger e2e', {});
			const made: string[] = [];
			let storming = true;
			const storm = (async () => {
				while (storming) {
					const name = `Storm ${made.length}`;
					await createContact(name);
					made.push(name);
					// About 3 a second: n8n's default expression engine runs 7–9 deliveries a second on this 2-core machine.
					await new Promise((r) => setTimeout(r, 300));
				}
			})();
			try {
				await edit(edited, () => {
					triggerOf(edited).parameters.events = ['contact.created', 'conversation.closed'];
				});
				// n8n 2.30.8 publishes the renamed version before it removes the old one, so it calls delete() for the
				// new name (no record there) and the check finds the subscription through what this process made;
				// 2.41.1 calls delete() for the old name. Either way the record lands under the new name.
				await edit(
					edited,
					() => {
						triggerOf(edited).name = 'Kirim Trigger';
					},
					async () =>
						(await editorView(edited.workflowId)).workflow.staticData?.['node:Kirim Trigger']?.subscription?.id ===
						edited.subscriptionId,
				);
				await new Promise((r) => setTimeout(r, 300));
			} finally {
				storming = false;
				await storm;
			}
			await kirim.sender.idle();

			expect(
				subscriptionsFor(edited.subscribedPath).map((s) => ({ id: s.id, status: s.status, events: s.events })),
			).toEqual([{ id: edited.subscriptionId, status: 'active', events: ['contact.created', 'conversation.closed'] }]);
			expect(kirim.store.subscriptions.get(edited.subscriptionId)!.secrets.map((s) => s.secret)).toEqual([
				edited.secret,
			]);
			expect(await contactNamesRun(edited.workflowId, made.length)).toEqual([...made].sort());
			const saved = (await editorView(edited.workflowId)).workflow.staticData?.['node:Kirim Trigger']?.subscription;
			expect(saved?.id).toBe(edited.subscriptionId);
		});
	}, 180_000);

	test('a run still going when an activation made a new subscription saves its older static data over it when it ends; later deliveries still verify', async () => {
		await withLog(async () => {
			// Respond When the Workflow Finishes: n8n saves the static data a delivery loaded, with what the trigger
			// wrote into it, when the run has ended (live-webhooks.ts saves after executeWebhook's callback). The
			// trigger writes when it has something new to remember: here the first run's id, answered after that
			// run, which reaches n8n's save with the next delivery. A 15 s run outlives the activation below.
			const wait = {
				id: randomUUID(),
				name: 'Wait',
				type: 'n8n-nodes-base.wait',
				typeVersion: 1.1,
				position: [200, 0],
				parameters: { amount: 15, unit: 'seconds' },
			};
			raced = await activatedTrigger('Raced trigger e2e', { respondWhenFinished: true }, ['contact.updated'], {
				node: wait,
			});
			const contact = await createContact('Race E2E');
			await renameContact(contact.id, 'Race E2E (first run)');
			await n8n.executionsSettled(raced.workflowId, 1, 40_000, 500);
			await renameContact(contact.id, 'Race E2E (long run)');
			const started = Date.now();
			// n8n's public API lists finished runs only; the delivery Kirim holds open says the run has begun.
			await waitFor(
				() => rowsOf(raced.subscriptionId).filter((d) => d.event_type === 'contact.updated').length === 2,
				5_000,
				'the second delivery sent',
				n8n,
			);
			await new Promise((r) => setTimeout(r, 1_000));

			// Kirim lost the subscription; the operator deactivates and activates: a new subscription, a new secret.
			kirim.store.subscriptions.delete(raced.subscriptionId);
			await n8n.rest.deactivate(raced.workflowId);
			await n8n.rest.activate(raced.workflowId);
			const fresh = await waitFor(() => subscriptionsFor(raced.subscribedPath)[0], 30_000, 'the new subscription', n8n);
			const recordId = async () =>
				(await editorView(raced.workflowId)).workflow.staticData?.['node:Trigger']?.subscription?.id;
			await waitFor(async () => (await recordId()) === fresh.id, 20_000, 'the new record saved', n8n);
			expect(Date.now() - started).toBeLessThan(14_000); // the activation is done while the run still goes on

			// The long run ends; n8n saves the static data it loaded, with the old record.
			expect((await n8n.executionsSettled(raced.workflowId, 2, 60_000)).map((e) => e.status)).toEqual([
				'success',
				'success',
			]);
			await waitFor(
				async () => (await recordId()) === raced.subscriptionId,
				10_000,
				'n8n saving the old record over the new one',
				n8n,
			);

			await renameContact(contact.id, 'Race E2E (after)');
			expect(await contactNamesRun(raced.workflowId, 3)).toEqual([
				'Race E2E (after)',
				'Race E2E (first run)',
				'Race E2E (long run)',
			]);
			await kirim.sender.idle();
			expect(rowsOf(fresh.id).flatMap((d) => d.attempts.map((a) => a.response_status_code))).not.toContain(401);
			await waitFor(async () => (await recordId()) === fresh.id, 20_000, 'the record put back', n8n);
			raced = { ...raced, subscriptionId: fresh.id };
		});
	}, 180_000);

	test('a restart: a subscription Kirim disabled is re-enabled, one it lost is made again, and what died while n8n was down is replayed', async () => {
		await withLog(async () => {
			await edit(edited, () => {
				triggerOf(edited).parameters.options = { replayDeadLettersOnActivation: true };
			});
			let diedWhileDown = '';
			n8n = await n8n.restart(async () => {
				const { deliveries } = await createContact('While n8n was down');
				diedWhileDown = deliveries.find(
					(id) => kirim.store.deliveries.get(id)!.subscription_id === edited.subscriptionId,
				)!;
				// Kirim's 8 attempts at 1/10 000 of their real spacing: dead after about 11 s.
				await waitFor(
					() => kirim.store.deliveries.get(diedWhileDown)!.status === 'dead',
					60_000,
					'the delivery dead-lettered',
				);
				kirim.store.subscriptions.get(edited.subscriptionId)!.status = 'disabled';
				kirim.store.subscriptions.delete(raced.subscriptionId);
			});

			await waitFor(
				() => kirim.store.subscriptions.get(edited.subscriptionId)?.status === 'active',
				60_000,
				'the disabled subscription re-enabled',
				n8n,
			);
			const remade = await waitFor(
				() => subscriptionsFor(raced.subscribedPath)[0],
				60_000,
				'the lost subscription made again',
				n8n,
			);
			expect(remade.id).not.toBe(raced.subscriptionId);
			await waitFor(
				() => [...kirim.store.deliveries.values()].some((d) => d.replayed_from === diedWhileDown),
				60_000,
				'the dead letter replayed',
				n8n,
			);
			await kirim.sender.idle();

			await createContact('After the restart');
			await kirim.sender.idle();
			const runs = await n8n.rest.executions(edited.workflowId, false);
			const names = await contactNamesRun(edited.workflowId, runs.length);
			expect(names.filter((name) => name === 'While n8n was down' || name === 'After the restart')).toEqual([
				'After the restart',
				'While n8n was down',
			]);
		});
	}, 240_000);
});
