import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { readAssociations } from '../../../shared/hubspot/associations';
import { batchRead } from '../../../shared/hubspot/batch';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import type { KirimClient } from '../../../shared/kirim/client';
import { parseDateMs } from '../../../shared/sync/dates';
import type { MessageDirection, TimelineMessage } from '../../../shared/sync/timeline-entry';
import { matchHistory, type LoggedEntry } from '../../../shared/sync/timeline-match';
import { logMessages, type MessageLogOptions } from './message-log';

export interface BackfillSettings extends MessageLogOptions {
	/** How far a live entry's time may be from Kirim's created_at and still be the same message. */
	windowMs: number;
	/** Messages younger than this are left to the live path (logged by a later backfill if it never does). */
	minAgeMs: number;
	phoneNumberId?: string;
}

export interface BackfillReport extends IDataObject {
	conversationId: string;
	kirimContactId: string;
	hubspotContactId: string;
	/** The conversation's messages Kirim listed. */
	messages: number;
	/** Logged by this run. */
	logged: number;
	/** Already on the timeline under their Kirim id (an earlier backfill). */
	alreadyBackfilled: number;
	/** Already on the timeline from the live path (matched by body and time). */
	matchedLive: number;
	/** Younger than the minimum age: left to the live path this time. */
	tooRecent: number;
	/** Messages Kirim lists without a readable time: not logged, named here. */
	unreadable: string[];
	requests: { kirim: number; hubspot: number };
}

const DIRECTIONS: MessageDirection[] = ['inbound', 'outbound'];

/** A Kirim message resource as a timeline message; its direction is the list filter it came from. */
function timelineMessage(message: IDataObject, direction: MessageDirection): TimelineMessage | undefined {
	const sentAtMs = parseDateMs(message.created_at);
	if (sentAtMs === undefined) return undefined;
	const text =
		typeof message.content === 'string' ? message.content : typeof message.caption === 'string' ? message.caption : '';
	return { messageId: String(message.id), direction, type: String(message.type ?? 'text'), text, sentAtMs };
}

/**
 * Logs a Kirim conversation's history on its contact's HubSpot timeline, once. Kirim's message objects name no
 * direction, so the messages are listed twice, with the list's `direction` filter (inbound, then outbound). What is
 * on the timeline already is read through the contact's associations and a batch read (never a search, which lags):
 * an entry under the message's msg_ id is an earlier backfill, a WhatsApp entry with the same body and a time within
 * the window is the live path's (matchHistory). The rest is logged like the live path logs, keyed by the msg_ id.
 * Messages younger than the minimum age are left alone: the live path may still be about to log them, and an entry
 * it makes after the backfill logged the message could not be recognised (it is keyed by the wamid).
 */
export async function backfillConversation(
	hubspot: HubSpotClient,
	kirim: KirimClient,
	conversationId: string,
	settings: BackfillSettings,
	itemIndex: number,
): Promise<BackfillReport> {
	const node = hubspot.context.getNode();
	const requests = { kirim: 0, hubspot: 0 };
	const conversation = await kirim.data<IDataObject>(
		{
			method: 'GET',
			path: kirim.scopedPath(
				'conversations',
				`/${encodeURIComponent(conversationId)}`,
				settings.phoneNumberId,
				itemIndex,
			),
		},
		itemIndex,
	);
	requests.kirim++;
	const kirimContactId = String((conversation.contact as IDataObject | null)?.id ?? '');
	if (!kirimContactId)
		throw new NodeOperationError(node, `Kirim conversation ${conversationId} names no contact`, { itemIndex });

	const messages: TimelineMessage[] = [];
	const unreadable: string[] = [];
	const path = kirim.scopedPath('messages', '', settings.phoneNumberId, itemIndex);
	for (const direction of DIRECTIONS) {
		const qs = { conversation_id: conversationId, direction };
		for await (const page of kirim.listPages<IDataObject>(path, qs, 100, itemIndex)) {
			requests.kirim++;
			for (const raw of page.items) {
				const message = timelineMessage(raw, direction);
				if (message) messages.push(message);
				else unreadable.push(String(raw.id));
			}
		}
	}
	messages.sort((a, b) => a.sentAtMs - b.sentAtMs);
	const newest = Date.now() - settings.minAgeMs;
	const tooRecent = messages.filter((m) => m.sentAtMs > newest).length;
	const older = messages.filter((m) => m.sentAtMs <= newest);

	const contacts = await batchRead(
		hubspot,
		'contacts',
		[kirimContactId],
		[settings.contactIdProperty],
		settings.contactIdProperty,
	);
	requests.hubspot += contacts.requests;
	const hubspotContactId = contacts.found.get(kirimContactId)?.id;
	if (!hubspotContactId)
		throw new NodeOperationError(
			node,
			`HubSpot has no contact with ${settings.contactIdProperty} = ${kirimContactId}: sync the contact first, then run this item again`,
			{ itemIndex },
		);
	settings.contactCache?.set(`kirim:${kirimContactId}`, hubspotContactId);

	const entries = await timelineOf(hubspot, hubspotContactId, settings.messageProperty, requests);
	const matches = matchHistory(older, entries, settings.windowMs);
	const fresh = older.filter((m) => matches.get(m.messageId)?.kind === 'new');
	const count = (kind: string) => older.filter((m) => matches.get(m.messageId)?.kind === kind).length;

	const outcome = await logMessages(
		hubspot,
		fresh.map((message) => ({ itemIndex, message, kirimContactId, conversationId })),
		settings,
	);
	requests.hubspot += outcome.requests;
	const failed = outcome.results.filter((r) => r.error);
	if (failed.length)
		throw new NodeOperationError(
			node,
			`${failed.length} of ${fresh.length} messages of conversation ${conversationId} could not be logged: ${failed[0].error?.message}`,
			{ itemIndex, description: 'Run the item again: what was logged is found and not logged twice.' },
		);
	return {
		conversationId,
		kirimContactId,
		hubspotContactId,
		messages: messages.length + unreadable.length,
		logged: outcome.results.filter((r) => r.operation === 'create').length,
		alreadyBackfilled: count('same_id') + outcome.results.filter((r) => r.operation === 'skip').length,
		matchedLive: count('same_message'),
		tooRecent,
		unreadable,
		requests,
	};
}

/** The contact's timeline communications with what matching needs (associations, then 100 per batch read). */
async function timelineOf(
	hubspot: HubSpotClient,
	contactId: string,
	messageProperty: string,
	requests: { hubspot: number },
): Promise<LoggedEntry[]> {
	const associated = await readAssociations(hubspot, 'contacts', 'communications', [contactId]);
	requests.hubspot += associated.requests;
	const ids = (associated.associated.get(contactId) ?? []).map((record) => record.id);
	if (!ids.length) return [];
	const read = await batchRead(hubspot, 'communications', ids, [
		messageProperty,
		'hs_communication_channel_type',
		'hs_communication_body',
		'hs_timestamp',
	]);
	requests.hubspot += read.requests;
	return [...read.found.values()].map((entry) => ({
		communicationId: entry.id,
		messageId: entry.properties[messageProperty] ?? null,
		channel: entry.properties.hs_communication_channel_type ?? null,
		body: entry.properties.hs_communication_body ?? null,
		timestampMs: parseDateMs(entry.properties.hs_timestamp),
	}));
}
