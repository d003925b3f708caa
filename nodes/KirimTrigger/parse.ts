import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { canonicalEventName } from '../shared/kirim/events';
import { flattenMetaBody, isMetaBody, isoFromUnixSeconds } from '../shared/kirim/meta-payload';
import { headerValue, type Headers } from '../shared/transport/headers';
import { forLog } from '../shared/webhook/log-safe';

/**
 * Delivery metadata put on every item. `eventId` and `eventType` are what the signed body says (a header only
 * where the body has none); `deliveryId`, `attempt` and `source` exist only as headers, which the signature does
 * not cover, so they are shown as sent and decide nothing.
 */
export interface DeliveryInfo {
	eventId: string | null;
	deliveryId: string | null;
	attempt: number | null;
	source: string | null;
	eventType: string;
}

export interface ParsedItem {
	/** Dedupe key of this item. */
	key: string;
	item: INodeExecutionData;
	/** For message events: the receiving number, for the number filter. */
	phoneNumberId?: string;
	contact?: IDataObject;
	changedFields?: unknown;
}

export type ParseResult =
	{ ok: true; eventType: string; items: ParsedItem[]; warnings: string[] } | { ok: false; reason: string };

/** A header's value, or undefined when it is absent or blank (a blank id must not shadow the body's). */
function present(headers: Headers, name: string): string | undefined {
	const value = headerValue(headers, name)?.trim();
	return value ? value : undefined;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * What the signed body and the unsigned headers say about the event's identity. The signature covers only the
 * body (https://developers.kirim.chat/webhooks/signing/), so a captured delivery can be sent again with new
 * headers: the body decides the dedupe key and the event type, a header only fills in what the body lacks, and a
 * header that contradicts the body is reported (the caller logs it) and otherwise ignored.
 */
class Identity {
	readonly warnings: string[] = [];
	readonly headerEventId: string | undefined;
	readonly headerEventType: string | undefined;

	constructor(readonly headers: Headers) {
		this.headerEventId = present(headers, 'x-kirim-event-id');
		this.headerEventType = canonicalEventName(present(headers, 'x-kirim-event'));
	}

	eventType(fromBody: string | undefined): string | undefined {
		const body = canonicalEventName(fromBody);
		if (body && this.headerEventType && body !== this.headerEventType) {
			this.warnings.push(
				`X-Kirim-Event ${forLog(this.headerEventType)} contradicts the signed body's ${forLog(body)}; the body's is used`,
			);
		}
		return body ?? this.headerEventType;
	}

	/** Checks the header id against the ids the body holds (any of them, for a body with several messages). */
	checkEventId(bodyIds: string[]): void {
		if (this.headerEventId && bodyIds.length > 0 && !bodyIds.includes(this.headerEventId)) {
			this.warnings.push(
				`X-Kirim-Event-Id ${forLog(this.headerEventId)} is not an id of the signed body; the body's id is used`,
			);
		}
	}

	delivery(eventType: string, eventId: string | undefined): DeliveryInfo {
		const attempt = Number(headerValue(this.headers, 'x-kirim-attempt'));
		return {
			eventId: eventId ?? this.headerEventId ?? null,
			deliveryId: present(this.headers, 'x-kirim-delivery-id') ?? null,
			attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : null,
			source: present(this.headers, 'x-kirim-source') ?? null,
			eventType,
		};
	}
}

function metaEventType(body: IDataObject): string | undefined {
	const entries = flattenMetaBody(body);
	if (entries.some((e) => e.kind === 'message')) return 'message.received';
	if (entries.some((e) => e.kind === 'status')) return 'message.status';
	return undefined;
}

/** Meta's raw body (`message.received` / `message.status`), split per message or status unless `split` is off. */
function parseMeta(body: IDataObject, identity: Identity, eventType: string, split: boolean): ParsedItem[] {
	const entries = flattenMetaBody(body);
	const ids = entries.map((e) => e.json.wamid).filter((id): id is string => typeof id === 'string');
	identity.checkEventId(ids);
	// Only an entry the body gives no id may fall back on the header's id.
	const fallbackKey = identity.headerEventId;
	if (!split) {
		const keys = entries.map((e) => e.key).filter((k): k is string => !!k);
		const key = keys.length ? keys.join('|') : fallbackKey;
		if (!key) return [];
		const delivery = identity.delivery(eventType, ids[0]);
		return [{ key, item: { json: { event: eventType, body, delivery } }, phoneNumberId: entries[0]?.phoneNumberId }];
	}
	return entries
		.map((entry) => ({ entry, key: entry.key ?? fallbackKey }))
		.filter((e): e is { entry: (typeof entries)[number]; key: string } => !!e.key)
		.map(({ entry, key }) => {
			const event = entry.kind === 'message' ? 'message.received' : 'message.status';
			const wamid = typeof entry.json.wamid === 'string' ? entry.json.wamid : undefined;
			return {
				key,
				phoneNumberId: entry.phoneNumberId,
				item: { json: { event, ...entry.json, delivery: identity.delivery(event, wamid) } },
			};
		});
}

/**
 * The third documented shape, `{id:"wbd_…", event, delivered_at, data:{message}}`
 * (https://developers.kirim.chat/sending/receive-messages/). `id` names the delivery, which is new on every
 * attempt, so the message decides the key: its id, and for a status event its status too — one message goes
 * sent → delivered → read, and each is a change of its own.
 */
function parseDeliveryEnvelope(body: IDataObject, identity: Identity, eventType: string): ParsedItem[] {
	const message = ((body.data as IDataObject | undefined)?.message ?? {}) as IDataObject;
	const messageId = text(message.id);
	if (messageId) identity.checkEventId([messageId]);
	const id = messageId ?? identity.headerEventId;
	if (!id) return [];
	const status = text(message.status);
	const key = eventType === 'message.status' ? `${id}:${status ?? 'unknown'}` : id;
	return [
		{
			key,
			item: {
				json: {
					event: eventType,
					wamid: message.id ?? null,
					...(eventType === 'message.status' ? { status: status ?? null } : {}),
					text: message.content ?? null,
					type: message.type ?? null,
					timestamp: isoFromUnixSeconds(message.created_at ?? body.delivered_at) ?? null,
					raw: message,
					delivery: identity.delivery(eventType, messageId),
				},
			},
		},
	];
}

/** A Kirim-sourced event: `{id:"evt_…", type, created_at, livemode?, data}` (https://developers.kirim.chat/webhooks/events/). */
function parseKirimEvent(body: IDataObject, identity: Identity, eventType: string): ParsedItem[] {
	const bodyId = text(body.id);
	if (bodyId) identity.checkEventId([bodyId]);
	const key = bodyId ?? identity.headerEventId;
	if (!key) return [];
	const data = (body.data ?? {}) as IDataObject;
	return [
		{
			key,
			contact: data.contact as IDataObject | undefined,
			changedFields: data.changed_fields,
			item: {
				json: {
					event: eventType,
					id: body.id ?? null,
					created_at: body.created_at ?? null,
					livemode: body.livemode ?? null,
					data,
					delivery: identity.delivery(eventType, bodyId),
				},
			},
		},
	];
}

function done(eventType: string, items: ParsedItem[], identity: Identity, reason: string): ParseResult {
	return items.length ? { ok: true, eventType, items, warnings: identity.warnings } : { ok: false, reason };
}

/** Turns a verified delivery into items with dedupe keys, or says why it is not a Kirim event. */
export function parseDelivery(body: unknown, headers: Headers, split: boolean): ParseResult {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { ok: false, reason: 'the body is not a JSON object' };
	}
	const payload = body as IDataObject;
	const identity = new Identity(headers);
	if (isMetaBody(payload)) {
		const eventType = identity.eventType(metaEventType(payload));
		if (!eventType) return { ok: false, reason: 'the WhatsApp payload holds no message and no status' };
		return done(eventType, parseMeta(payload, identity, eventType, split), identity, 'the WhatsApp payload has no ids');
	}
	const envelope = text(payload.event);
	if (envelope && (payload.data as IDataObject | undefined)?.message) {
		const eventType = identity.eventType(envelope) as string;
		return done(eventType, parseDeliveryEnvelope(payload, identity, eventType), identity, 'the message has no id');
	}
	const eventType = identity.eventType(text(payload.type) ?? envelope);
	if (!eventType) return { ok: false, reason: 'no event type (type or event field, or X-Kirim-Event header)' };
	return done(
		eventType,
		parseKirimEvent(payload, identity, eventType),
		identity,
		'no event id (id field or X-Kirim-Event-Id header)',
	);
}
