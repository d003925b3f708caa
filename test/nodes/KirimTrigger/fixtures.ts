import type { IDataObject } from 'n8n-workflow';

import { KirimSyncApi } from '../../../credentials/KirimSyncApi.credentials';
import { KirimWebhookSigningApi } from '../../../credentials/KirimWebhookSigningApi.credentials';
import { KirimTrigger } from '../../../nodes/KirimTrigger/KirimTrigger.node';
import { signKirim } from '../../../nodes/shared/signatures/kirim';
import type { Delivery, TriggerSetup } from '../../harness/trigger-context';

export const SECRET = 'whsec_test_current_secret_000001';
export const NEXT_SECRET = 'whsec_test_next_secret_0000002';

export const credentialTypes = {
	kirimSyncApi: new KirimSyncApi(),
	kirimWebhookSigningApi: new KirimWebhookSigningApi(),
};

export function existingSetup(parameters: IDataObject = {}, staticData: IDataObject = {}): TriggerSetup {
	return {
		trigger: new KirimTrigger(),
		parameters: {
			subscriptionMode: 'existing',
			events: ['*'],
			signatureCheck: 'verify',
			toleranceSeconds: 300,
			options: {},
			...parameters,
		} as TriggerSetup['parameters'],
		credentialTypes,
		credentials: { kirimWebhookSigningApi: { currentSecret: SECRET, nextSecret: '', previousSecret: '' } },
		staticData,
	};
}

let counter = 0;
export function eventId(): string {
	counter += 1;
	return `evt_01HXYZ${String(counter).padStart(20, '0')}`;
}

export function contactEvent(type = 'contact.created', id = eventId(), data: IDataObject = {}): IDataObject {
	return {
		id,
		type,
		created_at: '2026-05-23T10:00:00Z',
		livemode: true,
		data: {
			contact: {
				id: 'ctc_01HXYZABCDEFGHJKMNPQRSTVWX',
				object: 'contact',
				phone_number: '+628111111111',
				name: 'John Doe',
				email: null,
				metadata: null,
			},
			...data,
		},
	};
}

/** Signs `body` as Kirim does and builds the delivery headers (https://kirim-dev.pages.dev/webhooks/overview/). */
export function signed(
	body: IDataObject | string,
	options: {
		secrets?: string[];
		t?: number;
		headers?: Record<string, string>;
		eventType?: string;
		source?: string;
	} = {},
): Delivery {
	const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	const parsed = typeof body === 'string' ? undefined : body;
	const t = options.t ?? Math.floor(Date.now() / 1000);
	return {
		rawBody: raw,
		headers: {
			'content-type': 'application/json',
			'x-kirim-signature': signKirim(options.secrets ?? [SECRET], t, raw),
			'x-kirim-event': options.eventType ?? String(parsed?.type ?? ''),
			'x-kirim-event-id': String(parsed?.id ?? ''),
			'x-kirim-delivery-id': 'wbd_01HXYZABCDEFGHJKMNPQRSTVWX',
			'x-kirim-attempt': '1',
			'x-kirim-source': options.source ?? 'kirim',
			...options.headers,
		},
	};
}

export function metaBody(
	messages: IDataObject[],
	statuses: IDataObject[] = [],
	phoneNumberId = '106540352242922',
): IDataObject {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '102290129340398',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
							contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
							messages,
							statuses,
						},
					},
				],
			},
		],
	};
}

export function textMessage(id: string, text = 'Does it come in another color?'): IDataObject {
	return { from: '16505551234', id, timestamp: '1749416383', type: 'text', text: { body: text } };
}

export function status(id: string, value: string): IDataObject {
	return { id, status: value, timestamp: '1749416390', recipient_id: '16505551234' };
}
