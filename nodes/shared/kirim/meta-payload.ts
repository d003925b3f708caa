import type { IDataObject } from 'n8n-workflow';

/**
 * Meta's WhatsApp webhook body, forwarded by Kirim unchanged for message.received / message.status
 * (https://developers.kirim.chat/webhooks/payloads/; schema:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages),
 * flattened to one item per message or status.
 */
interface MetaValue {
	metadata?: { display_phone_number?: string; phone_number_id?: string };
	contacts?: Array<{ profile?: { name?: string }; wa_id?: string }>;
	messages?: IDataObject[];
	statuses?: IDataObject[];
}

export interface FlatEntry {
	kind: 'message' | 'status';
	/** Dedupe key: the wamid for a message, `(id, status)` for a status — one wamid goes sent → delivered → read. */
	key?: string;
	json: IDataObject;
	phoneNumberId?: string;
}

export function isMetaBody(body: unknown): boolean {
	return (
		(body as IDataObject | undefined)?.object === 'whatsapp_business_account' &&
		Array.isArray((body as IDataObject).entry)
	);
}

/** Unix seconds as a string (Meta's format) → ISO 8601; anything else is passed through. */
export function isoFromUnixSeconds(value: unknown): unknown {
	if (typeof value !== 'string' && typeof value !== 'number') return value;
	const seconds = Number(value);
	return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : value;
}

function values(body: IDataObject): MetaValue[] {
	const out: MetaValue[] = [];
	for (const entry of (body.entry as IDataObject[]) ?? []) {
		for (const change of (entry?.changes as IDataObject[]) ?? []) {
			if (change?.value && typeof change.value === 'object') out.push(change.value as MetaValue);
		}
	}
	return out;
}

function messageText(message: IDataObject): string | null {
	const type = message.type as string | undefined;
	const part = type ? (message[type] as IDataObject | undefined) : undefined;
	const text = (message.text as IDataObject | undefined)?.body ?? part?.caption ?? part?.body;
	return typeof text === 'string' ? text : null;
}

export function flattenMetaBody(body: IDataObject): FlatEntry[] {
	const entries: FlatEntry[] = [];
	for (const value of values(body)) {
		const phoneNumberId = value.metadata?.phone_number_id;
		const base = {
			phone_number_id: phoneNumberId ?? null,
			display_phone_number: value.metadata?.display_phone_number ?? null,
		};
		for (const message of value.messages ?? []) {
			// Meta's system messages (e.g. a changed number) carry no contacts array.
			const contact = value.contacts?.find((c) => c.wa_id === message.from) ?? value.contacts?.[0];
			entries.push({
				kind: 'message',
				key: typeof message.id === 'string' ? message.id : undefined,
				phoneNumberId,
				json: {
					...base,
					wamid: message.id ?? null,
					from: message.from ?? null,
					contact_name: contact?.profile?.name ?? null,
					type: message.type ?? null,
					text: messageText(message),
					timestamp: isoFromUnixSeconds(message.timestamp) ?? null,
					raw: message,
				},
			});
		}
		for (const status of value.statuses ?? []) {
			entries.push({
				kind: 'status',
				key: typeof status.id === 'string' ? `${status.id}:${String(status.status)}` : undefined,
				phoneNumberId,
				json: {
					...base,
					wamid: status.id ?? null,
					status: status.status ?? null,
					recipient_id: status.recipient_id ?? null,
					timestamp: isoFromUnixSeconds(status.timestamp) ?? null,
					errors: status.errors ?? [],
					raw: status,
				},
			});
		}
	}
	return entries;
}
