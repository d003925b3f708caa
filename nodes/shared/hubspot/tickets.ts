import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isOutcomeUnknown } from '../transport/unknown-outcome';
import { batchRead, batchWrite, type UpsertedObject } from './batch';
import type { HubSpotClient } from './client';
import { searchByValues } from './search';
import type { HubSpotObject } from './types';
import { propertiesPath } from './api-version';

/**
 * How tickets are matched to conversations. `upsert`: the conversation property has unique values, so HubSpot
 * reads and upserts by it (a retry can never duplicate). `search`: it does not (HubSpot documents unique-value
 * properties for contacts, https://developers.hubspot.com/docs/api-reference/latest/crm/objects/contacts/guide, and a portal may
 * refuse them on tickets), so tickets are found by search and then created or updated — HubSpot's search guide
 * says results can lag behind writes by a few moments, so two runs for one new conversation seconds apart may
 * each create a ticket.
 */
export type TicketPath = 'upsert' | 'search';
export type TicketMatchMode = 'auto' | TicketPath;

/** The path for this run: the mode chosen, or for `auto` whatever the property's definition allows (one read). */
export async function ticketPath(client: HubSpotClient, property: string, mode: TicketMatchMode): Promise<TicketPath> {
	if (mode !== 'auto') return mode;
	const found = await client.send({
		method: 'GET',
		path: propertiesPath('tickets', `/${encodeURIComponent(property)}`),
		accept: [404],
	});
	if (found.status === 404) {
		throw new NodeOperationError(
			client.context.getNode(),
			`The ticket property ${property} does not exist in HubSpot. Run Ticket → Ensure Properties once to create it.`,
		);
	}
	return (found.body as { hasUniqueValue?: boolean } | undefined)?.hasUniqueValue === true ? 'upsert' : 'search';
}

export interface FoundTickets {
	/** Conversation id → its ticket (the oldest, when a search finds several). */
	found: Map<string, HubSpotObject>;
	/** Conversation id → the other tickets that carry it (search path only: duplicates made by earlier races). */
	duplicates: Map<string, string[]>;
	requests: number;
}

const numericId = (o: HubSpotObject) => Number(o.id);

/** The tickets of these conversations: a batch read by the unique property, or a search. */
export async function findTickets(
	client: HubSpotClient,
	path: TicketPath,
	property: string,
	conversationIds: string[],
	properties: string[],
): Promise<FoundTickets> {
	const wanted = [...new Set([...properties, property])];
	if (path === 'upsert') {
		const { found, requests } = await batchRead(client, 'tickets', conversationIds, wanted, property);
		return { found, duplicates: new Map(), requests };
	}
	const { objects: tickets, requests } = await searchByValues(client, 'tickets', property, conversationIds, wanted);
	const found = new Map<string, HubSpotObject>();
	const duplicates = new Map<string, string[]>();
	for (const ticket of tickets.sort((a, b) => numericId(a) - numericId(b))) {
		const key = ticket.properties?.[property];
		if (key === null || key === undefined) continue;
		if (!found.has(key)) found.set(key, ticket);
		else duplicates.set(key, [...(duplicates.get(key) ?? []), ticket.id]);
	}
	return { found, duplicates, requests };
}

export interface TicketWrite {
	conversationId: string;
	/** The ticket's HubSpot id when it exists (search path: update instead of create). */
	existingId?: string;
	properties: Record<string, unknown>;
}

/** The error of a ticket create whose answer was lost and whose ticket the read-back did not find. */
function lostCreateError(
	client: HubSpotClient,
	property: string,
	conversationId: string,
	cause: NodeApiError,
): NodeApiError {
	const error = new NodeApiError(
		client.context.getNode(),
		{ message: cause.message },
		{
			message: `HubSpot may or may not have created the ticket for conversation ${conversationId} — outcome unknown, not sent again`,
			description:
				`The batch create failed without a usable answer (${cause.message}). It was not sent again because that could create the ticket twice, ` +
				`and a search right after found no ticket with ${property} = ${conversationId} (new tickets can take a few moments to show in search). ` +
				`Search HubSpot tickets for ${property} = ${conversationId} before running again; if there is none, running again creates it.`,
			httpCode: cause.httpCode ?? undefined,
		},
	);
	Object.assign(error.context, { outcomeUnknown: true });
	return error;
}

/**
 * After a batch create whose outcome is unknown (a 5xx or a dropped connection after sending), looks the tickets up
 * by the conversation property they carry: found ones were created and count as written. Missing ones are reported,
 * not re-created: search trails writes by "a few moments"
 * (https://developers.hubspot.com/docs/api-reference/search/guide), so "not found yet" does not mean "not created".
 * Returns the requests it spent.
 */
async function readBackLostCreates(
	client: HubSpotClient,
	property: string,
	result: { written: Map<string, UpsertedObject>; failed: Map<string, NodeApiError> },
): Promise<number> {
	const lost = [...result.failed].filter(([, error]) => isOutcomeUnknown(error));
	if (!lost.length) return 0;
	let requests = 0;
	try {
		const search = await searchByValues(
			client,
			'tickets',
			property,
			lost.map(([key]) => key),
			[property],
		);
		requests = search.requests;
		for (const ticket of search.objects.sort((a, b) => numericId(a) - numericId(b))) {
			const key = ticket.properties?.[property];
			if (!key || result.written.has(key) || !result.failed.has(key)) continue;
			result.written.set(key, ticket);
			result.failed.delete(key);
		}
	} catch {
		// The look-up failed too: the outcome stays unknown, which the errors below say.
	}
	for (const [key, cause] of lost) {
		if (result.failed.has(key)) result.failed.set(key, lostCreateError(client, property, key, cause));
	}
	return requests;
}

export interface TicketWriteOutcome {
	written: Map<string, UpsertedObject & { created: boolean }>;
	failed: Map<string, NodeApiError>;
	requests: number;
}

/**
 * Writes tickets keyed by conversation id. upsert path: one batch upsert by the unique property, whose `new`
 * flag says what happened. search path: batch create for the new, batch update (by HubSpot id) for the rest.
 * Either way 100 per request, 207 errors on their input, whole-batch 400s split (batch.ts).
 */
export async function writeTickets(
	client: HubSpotClient,
	path: TicketPath,
	property: string,
	writes: TicketWrite[],
): Promise<TicketWriteOutcome> {
	const outcome: TicketWriteOutcome = { written: new Map(), failed: new Map(), requests: 0 };
	const run = async (action: 'upsert' | 'create' | 'update', group: TicketWrite[]) => {
		if (!group.length) return;
		const result = await batchWrite(
			client,
			'tickets',
			action,
			group.map((w) => ({
				key: w.conversationId,
				id: action === 'update' ? w.existingId! : w.conversationId,
				idProperty: property,
				// The conversation id goes into the properties too, so every answer names it and results pair up.
				properties: action === 'update' ? w.properties : { ...w.properties, [property]: w.conversationId },
			})),
		);
		outcome.requests += result.requests;
		if (action === 'create') outcome.requests += await readBackLostCreates(client, property, result);
		for (const [key, object] of result.written) {
			const created = action === 'create' || (action === 'upsert' && object.new === true);
			outcome.written.set(key, { ...object, created });
		}
		for (const [key, error] of result.failed) outcome.failed.set(key, error);
	};
	if (path === 'upsert') {
		await run('upsert', writes);
	} else {
		await run(
			'create',
			writes.filter((w) => !w.existingId),
		);
		await run(
			'update',
			writes.filter((w) => w.existingId),
		);
	}
	return outcome;
}
