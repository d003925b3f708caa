import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { canonicalEventName } from '../shared/kirim/events';
import { flattenMetaBody, isMetaBody, isoFromUnixSeconds } from '../shared/kirim/meta-payload';
import { headerOf, type Headers } from '../shared/signatures/verdict';

/** Delivery metadata from Kirim's headers (kirim-api.md §7.4), put on every item. */
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

export type ParseResult = { ok: true; eventType: string; items: ParsedItem[] } | { ok: false; reason: string };

/** A header's value, or undefined when it is absent or blank (a blank id must not shadow the body's). */
function present(headers: Headers, name: string): string | undefined {
	const value = headerOf(headers, name)?.trim();
	return value ? value : undefined;
}

function deliveryInfo(headers: Headers, eventType: string): DeliveryInfo {
	const attempt = Number(headerOf(headers, 'x-kirim-attempt'));
	return {
		eventId: present(headers, 'x-kirim-event-id') ?? null,
		deliveryId: present(headers, 'x-kirim-delivery-id') ?? null,
		attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : null,
		source: present(headers, 'x-kirim-source') ?? null,
		eventType,
	};
}

function metaEventType(body: IDataObject): string | undefined {
	const entries = flattenMetaBody(body);
	if (entries.some((e) => e.kind === 'message')) return 'message.received';
	if (entries.some((e) => e.kind === 'status')) return 'message.status';
	return undefined;
}

/** Meta's raw body (`message.received` / `message.status`), split per message or status unless `split` is off. */
function parseMeta(body: IDataObject, headers: Headers, eventType: string, split: boolean): ParsedItem[] {
	const delivery = deliveryInfo(headers, eventType);
	const entries = flattenMetaBody(body);
	const fallbackKey = delivery.eventId ?? undefined;
	if (!split) {
		const keys = entries.map((e) => e.key).filter((k): k is string => !!k);
		const key = keys.length ? keys.join('|') : fallbackKey;
		if (!key) return [];
		return [{ key, item: { json: { event: eventType, body, delivery: { ...delivery } } }, phoneNumberId: entries[0]?.phoneNumberId }];
	}
	return entries
		.map((entry) => ({ entry, key: entry.key ?? fallbackKey }))
		.filter((e): e is { entry: (typeof entries)[number]; key: string } => !!e.key)
		.map(({ entry, key }) => ({
			key,
			phoneNumberId: entry.phoneNumberId,
			item: {
				json: {
					event: entry.kind === 'message' ? 'message.received' : 'message.status',
					...entry.json,
					delivery: { ...delivery },
				},
			},
		}));
}

/** The third documented shape: `{id:"wbd_…", event, delivered_at, data:{message}}` (kirim-api.md §7.3). */
function parseDeliveryEnvelope(body: IDataObject, headers: Headers, eventType: string): ParsedItem[] {
	const message = ((body.data as IDataObject | undefined)?.message ?? {}) as IDataObject;
	const delivery = deliveryInfo(headers, eventType);
	const key = (message.id as string | undefined) ?? delivery.eventId ?? (body.id as string | undefined);
	if (!key) return [];
	return [
		{
			key,
			item: {
				json: {
					event: eventType,
					wamid: message.id ?? null,
					text: message.content ?? null,
					type: message.type ?? null,
					timestamp: isoFromUnixSeconds(message.created_at ?? body.delivered_at) ?? null,
					raw: message,
					delivery: { ...delivery },
				},
			},
		},
	];
}

/** A Kirim-sourced event: `{id:"evt_…", type, created_at, livemode?, data}` (seed 002). */
function parseKirimEvent(body: IDataObject, headers: Headers, eventType: string): ParsedItem[] {
	const delivery = deliveryInfo(headers, eventType);
	const key = delivery.eventId ?? (typeof body.id === 'string' ? body.id : undefined);
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
					delivery: { ...delivery },
				},
			},
		},
	];
}

/** Turns a verified delivery into items with dedupe keys, or says why it is not a Kirim event. */
export function parseDelivery(body: unknown, headers: Headers, split: boolean): ParseResult {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { ok: false, reason: 'the body is not a JSON object' };
	}
	const payload = body as IDataObject;
	const bodyType = typeof payload.type === 'string' ? payload.type : typeof payload.event === 'string' ? payload.event : undefined;
	const declared = canonicalEventName(present(headers, 'x-kirim-event') ?? bodyType);
	if (isMetaBody(payload)) {
		const eventType = declared ?? metaEventType(payload);
		if (!eventType) return { ok: false, reason: 'the WhatsApp payload holds no message and no status' };
		const items = parseMeta(payload, headers, eventType, split);
		return items.length ? { ok: true, eventType, items } : { ok: false, reason: 'the WhatsApp payload has no ids' };
	}
	if (!declared) return { ok: false, reason: 'no event type (X-Kirim-Event header, type or event field)' };
	if (typeof payload.event === 'string' && (payload.data as IDataObject | undefined)?.message) {
		const items = parseDeliveryEnvelope(payload, headers, declared);
		return items.length ? { ok: true, eventType: declared, items } : { ok: false, reason: 'the message has no id' };
	}
	const items = parseKirimEvent(payload, headers, declared);
	return items.length
		? { ok: true, eventType: declared, items }
		: { ok: false, reason: 'no event id (X-Kirim-Event-Id header or id field)' };
}
