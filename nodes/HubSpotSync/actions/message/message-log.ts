import { NodeOperationError, type NodeApiError } from 'n8n-workflow';

import { associateDefault, type AssociationPair } from '../../../shared/hubspot/associations';
import { batchRead, batchWrite } from '../../../shared/hubspot/batch';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import { searchByValues } from '../../../shared/hubspot/search';
import type { HubSpotObject } from '../../../shared/hubspot/types';
import { communicationProperties, type TimelineMessage } from '../../../shared/sync/timeline-entry';

/** One input item's wish: this WhatsApp message on this contact's timeline (and its conversation's ticket's). */
export interface MessageLogRequest {
	itemIndex: number;
	message: TimelineMessage;
	/** The Kirim contact: its HubSpot contact is found by the Kirim ID property (a read, no search lag). */
	kirimContactId?: string;
	/** Else the customer's number in E.164: the HubSpot contact is found by search on the phone property. */
	phone?: string;
	/** The Kirim conversation: its ticket, when HubSpot has one, is associated too. */
	conversationId?: string;
	/** Set when the item is not a message (a delivery status): it is passed on, nothing is written. */
	skipReason?: string;
}

export interface MessageLogOptions {
	/** Communication property with unique values holding the message id (the upsert key). */
	messageProperty: string;
	contactIdProperty: string;
	phoneProperty: string;
	conversationProperty: string;
	/**
	 * HubSpot contact ids found so far in this run, by `kirim:<id>` or `phone:<number>`: a run handled in turns
	 * looks each contact up once.
	 */
	contactCache?: Map<string, string>;
}

export interface LinkReport {
	status: 'associated' | 'skipped' | 'failed';
	hubspotId?: string;
	reason?: string;
}

export interface MessageLogResult {
	itemIndex: number;
	messageId: string;
	communicationId?: string;
	/** create: logged now; skip: already logged (a redelivery or a second run) or not a message. */
	operation: 'create' | 'skip';
	reason?: string;
	contact?: LinkReport;
	ticket?: LinkReport;
	error?: Error;
}

export interface MessageLogOutcome {
	results: MessageLogResult[];
	requests: number;
}

/** Why a message's HubSpot contact was not found (the message is then not written). */
function contactMissing(request: MessageLogRequest, options: MessageLogOptions): string {
	if (request.kirimContactId)
		return `HubSpot has no contact with ${options.contactIdProperty} = ${request.kirimContactId}: sync the contact first, then run this item again`;
	if (request.phone)
		return `HubSpot has no contact with ${options.phoneProperty} = ${request.phone} (a contact created in the last seconds may not be searchable yet): sync the contact first, then run this item again`;
	return 'the item names neither a Kirim contact ID nor a phone number, so the message has no timeline to go on';
}

/** The cache key of a request's contact: by Kirim ID when it has one, else by phone. */
function contactKey(request: MessageLogRequest): string | undefined {
	if (request.kirimContactId) return `kirim:${request.kirimContactId}`;
	return request.phone ? `phone:${request.phone}` : undefined;
}

/** The HubSpot contact id of each request whose contact HubSpot has; those not yet in the cache are looked up. */
async function findContacts(
	client: HubSpotClient,
	requests: MessageLogRequest[],
	options: MessageLogOptions,
	counter: { requests: number },
): Promise<Map<MessageLogRequest, string>> {
	const cache = options.contactCache ?? new Map<string, string>();
	const unknown = requests.filter((r) => {
		const key = contactKey(r);
		return key !== undefined && !cache.has(key);
	});
	const byKirimId = [...new Set(unknown.flatMap((r) => (r.kirimContactId ? [r.kirimContactId] : [])))];
	const byPhone = [...new Set(unknown.flatMap((r) => (!r.kirimContactId && r.phone ? [r.phone] : [])))];
	if (byKirimId.length) {
		const read = await batchRead(client, 'contacts', byKirimId, [options.contactIdProperty], options.contactIdProperty);
		counter.requests += read.requests;
		for (const [kirimId, contact] of read.found) cache.set(`kirim:${kirimId}`, contact.id);
	}
	if (byPhone.length) {
		const search = await searchByValues(client, 'contacts', options.phoneProperty, byPhone, [options.phoneProperty]);
		counter.requests += search.requests;
		// The oldest contact with the number, as HubSpot's own de-duplication keeps the oldest record.
		for (const contact of search.objects.sort((a, b) => Number(a.id) - Number(b.id))) {
			const phone = contact.properties?.[options.phoneProperty];
			if (phone && !cache.has(`phone:${phone}`)) cache.set(`phone:${phone}`, contact.id);
		}
	}
	const found = new Map<MessageLogRequest, string>();
	for (const request of requests) {
		const id = cache.get(contactKey(request) ?? '');
		if (id) found.set(request, id);
	}
	return found;
}

/** What happened to one association: made, failed, or not attempted (the target is missing). */
function linkReport(hubspotId: string | undefined, error: NodeApiError | undefined, missing: string): LinkReport {
	if (!hubspotId) return { status: 'skipped', reason: missing };
	return error ? { status: 'failed', hubspotId, reason: error.message } : { status: 'associated', hubspotId };
}

/**
 * Logs WhatsApp messages as HubSpot communications, never twice: each is upserted by its message id in a property
 * with unique values (100 per request), so a redelivered event, a replay or a second run of the same execution
 * finds the communication it made before and writes the same values again. Then each is associated with its
 * contact, and with its conversation's ticket when HubSpot has one (100 pairs per request; associating again is
 * harmless, and repairs a run that stopped between the two). A message whose contact HubSpot does not have is not
 * written: it fails on its item, to be run again once the contact is synced.
 */
export async function logMessages(
	client: HubSpotClient,
	requests: MessageLogRequest[],
	options: MessageLogOptions,
): Promise<MessageLogOutcome> {
	const counter = { requests: 0 };
	const results = new Map<MessageLogRequest, MessageLogResult>();
	const base = (r: MessageLogRequest) => ({ itemIndex: r.itemIndex, messageId: r.message.messageId });
	const messages = requests.filter((r) => {
		if (!r.skipReason) return true;
		results.set(r, { ...base(r), operation: 'skip', reason: r.skipReason });
		return false;
	});

	const contacts = await findContacts(client, messages, options, counter);
	const loggable = messages.filter((r) => {
		if (contacts.has(r)) return true;
		const reason = contactMissing(r, options);
		results.set(r, {
			...base(r),
			operation: 'skip',
			contact: { status: 'skipped', reason },
			error: new NodeOperationError(client.context.getNode(), reason, { itemIndex: r.itemIndex }),
		});
		return false;
	});

	// Items naming one message become one input; each still gets its own result.
	const first = new Map<string, MessageLogRequest>();
	for (const r of loggable) if (!first.has(r.message.messageId)) first.set(r.message.messageId, r);
	const written = await batchWrite(
		client,
		'communications',
		'upsert',
		[...first.values()].map((r) => ({
			key: r.message.messageId,
			id: r.message.messageId,
			idProperty: options.messageProperty,
			properties: communicationProperties(r.message, options.messageProperty),
		})),
	);
	counter.requests += written.requests;

	const tickets = await findTickets(client, loggable, options, counter);
	const contactPairs: AssociationPair[] = [];
	const ticketPairs: AssociationPair[] = [];
	for (const r of first.values()) {
		const communication = written.written.get(r.message.messageId);
		if (!communication) continue;
		contactPairs.push({ key: r.message.messageId, fromId: communication.id, toId: contacts.get(r)! });
		const ticket = r.conversationId ? tickets.get(r.conversationId) : undefined;
		if (ticket) ticketPairs.push({ key: r.message.messageId, fromId: communication.id, toId: ticket.id });
	}
	const contactLinks = await associateDefault(client, 'communications', 'contacts', contactPairs);
	const ticketLinks = await associateDefault(client, 'communications', 'tickets', ticketPairs);
	counter.requests += contactLinks.requests + ticketLinks.requests;

	for (const r of loggable) {
		const key = r.message.messageId;
		const failed = written.failed.get(key);
		const communication = written.written.get(key);
		if (failed || !communication) {
			results.set(r, { ...base(r), operation: 'skip', error: failed ?? new Error('HubSpot did not log this message') });
			continue;
		}
		const contactError = contactLinks.failed.get(key);
		const ticketError = ticketLinks.failed.get(key);
		const created = communication.new === true && r === first.get(key);
		results.set(r, {
			...base(r),
			communicationId: communication.id,
			operation: created ? 'create' : 'skip',
			...(created ? {} : { reason: 'already on the timeline' }),
			contact: linkReport(contacts.get(r), contactError, ''),
			...(r.conversationId
				? {
						ticket: linkReport(
							tickets.get(r.conversationId)?.id,
							ticketError,
							`no HubSpot ticket has ${options.conversationProperty} = ${r.conversationId}`,
						),
					}
				: {}),
			...(contactError || ticketError ? { error: contactError ?? ticketError } : {}),
		});
	}
	return { results: requests.map((r) => results.get(r)!), requests: counter.requests };
}

/** The tickets of the messages' conversations, by the unique conversation property (one read per 100). */
async function findTickets(
	client: HubSpotClient,
	requests: MessageLogRequest[],
	options: MessageLogOptions,
	counter: { requests: number },
): Promise<Map<string, HubSpotObject>> {
	const ids = [...new Set(requests.flatMap((r) => (r.conversationId ? [r.conversationId] : [])))];
	if (!ids.length) return new Map();
	const read = await batchRead(client, 'tickets', ids, [options.conversationProperty], options.conversationProperty);
	counter.requests += read.requests;
	return read.found;
}
