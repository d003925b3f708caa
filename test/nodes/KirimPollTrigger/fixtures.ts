import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { KirimSyncApi } from '../../../credentials/KirimSyncApi.credentials';
import { KirimPollTrigger } from '../../../nodes/KirimPollTrigger/KirimPollTrigger.node';
import { STATE_KEY, type PollState } from '../../../nodes/KirimPollTrigger/state';
import { ulid } from '../../../simulators/common/ids';
import { kirimError } from '../../../simulators/kirim/errors';
import type { KirimSimulator } from '../../../simulators/kirim';
import type { Contact } from '../../../simulators/kirim/store';
import { PollTriggerRun, type PollSetup } from '../../harness/poll';

export const credentialTypes = { kirimSyncApi: new KirimSyncApi() };

/** The Kirim Poll Trigger in an active workflow against the simulator (phone-scoped credential). */
export function pollTrigger(
	sim: KirimSimulator,
	parameters: IDataObject,
	setup: Partial<PollSetup> = {},
): PollTriggerRun {
	return new PollTriggerRun({
		trigger: new KirimPollTrigger(),
		parameters: parameters as PollSetup['parameters'],
		credentialTypes,
		credentials: {
			kirimSyncApi: {
				apiKey: sim.apiKey,
				baseUrl: sim.url,
				pathStyle: 'phoneScoped',
				phoneNumberId: sim.phoneNumberIds[0],
			},
		},
		...setup,
	});
}

export const idsOf = (items: INodeExecutionData[] | null): string[] =>
	(items ?? []).map((item) => item.json.id as string);

/** Items of one poll: each id exactly once, every item carrying the poll's health figures. */
export function health(items: INodeExecutionData[] | null): IDataObject {
	return (items?.[0]?.json.syncHealth ?? {}) as IDataObject;
}

/** Throws when an id occurs twice (the test's "never a record twice"). */
export function expectNoDuplicates(ids: string[]): void {
	const seen = new Set<string>();
	const twice = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
	if (twice.length) throw new Error(`${twice.length} ids emitted twice, e.g. ${twice.slice(0, 3).join(', ')}`);
}

/** Seeds `count` contacts quietly; answers their ids in list order. */
export async function seedContacts(sim: KirimSimulator, count: number): Promise<string[]> {
	const response = await fetch(`${sim.url}/_sim/contacts`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ count, ids: true }),
	});
	return ((await response.json()) as { ids: string[] }).ids;
}

/** A contact created through the public API (and a conversation with it, as an inbound WhatsApp user makes). */
export async function createContact(
	sim: KirimSimulator,
	name: string,
): Promise<{ contactId: string; conversationId: string }> {
	const response = await fetch(`${sim.url}/_sim/contacts`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, phone_number: `+6287${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}` }),
	});
	const contact = ((await response.json()) as { contact: { id: string } }).contact;
	const conversation = [...sim.store.conversations.values()].find((c) => c.contact.id === contact.id)!;
	return { contactId: contact.id, conversationId: conversation.id };
}

export async function kirimApi(
	sim: KirimSimulator,
	method: string,
	path: string,
	body?: unknown,
): Promise<IDataObject> {
	const response = await fetch(`${sim.url}/v1/${sim.phoneNumberIds[0]}${path}`, {
		method,
		headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as IDataObject;
}

/**
 * A contact created now whose id sorts before every other (the simulator lists contacts in id order): it lands
 * behind any cursor, as a new contact may in a list whose order Kirim does not document.
 */
export function insertBehindCursor(sim: KirimSimulator, name: string): Contact {
	const now = new Date().toISOString();
	const id = `ctc_00${ulid(Date.now()).slice(2)}`;
	const phone = sim.phoneNumberIds[0];
	const contact: Contact = {
		id,
		object: 'contact',
		phone_number: `+6285${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
		name,
		email: null,
		metadata: null,
		whatsapp_account: { phone_number: sim.store.account(phone)?.phone_number ?? null },
		created_at: now,
		updated_at: now,
	};
	sim.store.contacts.set(id, contact);
	sim.store.contactAccount.set(id, phone);
	sim.store.contactTeam.set(id, sim.store.defaultTeam);
	sim.store.contactLabels.set(id, new Set());
	return contact;
}

/** Runs `action` while the trigger's poll is between its first and second page (on the simulator's second list read). */
export function duringWalk(sim: KirimSimulator, action: () => void, atRead = 2): void {
	const store = sim.store;
	const original = store.contactsOf.bind(store);
	let reads = 0;
	store.contactsOf = (phone?: string) => {
		reads += 1;
		if (reads === atRead) {
			store.contactsOf = original;
			action();
		}
		return original(phone);
	};
}

/** The next `times` list requests fail as a revoked key would (401: not retried), ending the poll with an error. */
export function failNextPages(sim: KirimSimulator, path: string, times = 1): void {
	const response = kirimError(401, 'authentication_error', 'invalid_api_key', 'The API key is not valid.');
	sim.pipeline.faults.add({ match: { method: 'GET', path }, action: { kind: 'respond', response }, times });
}

/** The trigger's state record as the database holds it. */
export function savedState(run: PollTriggerRun): PollState | undefined {
	return run.savedNodeStaticData?.[STATE_KEY] as PollState | undefined;
}
