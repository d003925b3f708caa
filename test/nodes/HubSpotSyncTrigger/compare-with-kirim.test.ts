import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../../credentials/HubSpotSyncApi.credentials';
import { KirimSyncApi } from '../../../credentials/KirimSyncApi.credentials';
import { HubSpotSyncTrigger } from '../../../nodes/HubSpotSyncTrigger/HubSpotSyncTrigger.node';
import { dedupeStore } from '../../../nodes/shared/dedupe/store';
import { signHubSpotV3 } from '../../../nodes/shared/signatures/hubspot';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { WEBHOOK_BASE } from '../../harness/engine';
import { deliver, type TriggerSetup } from '../../harness/trigger-context';

const WEBHOOK_ID = 'hubspot-compare';
const URL = `${WEBHOOK_BASE}/webhook/${WEBHOOK_ID}/webhook`;

let hubspot: HubSpotSimulator;
let kirim: KirimSimulator;
let linked: string;
let unlinked: string;
let orphan: string;

beforeEach(async () => {
	dedupeStore.clear();
	hubspot = await startHubSpotSimulator();
	kirim = await startKirimSimulator({ tier: 'pro' });
	hubspot.store.properties.contacts.set('kirim_contact_id', {
		name: 'kirim_contact_id',
		label: 'k',
		type: 'string',
		fieldType: 'text',
		groupName: 'contactinformation',
		hasUniqueValue: true,
		options: [],
		readOnlyValue: false,
		calculated: false,
	} as never);
	const k = kirim.store.addContact(
		{ phone_number: '+6281211112222', name: 'Ana Putri', email: 'ana@example.com' },
		kirim.phoneNumberIds[0],
	);
	linked = hubspot.ui.create('contacts', { kirim_contact_id: k.id, firstname: 'Ana' }).id;
	unlinked = hubspot.ui.create('contacts', { firstname: 'Ana' }).id;
	orphan = hubspot.ui.create('contacts', { kirim_contact_id: `ctc_${'Z'.repeat(26)}` }).id;
});
afterEach(async () => {
	await hubspot.close();
	await kirim.close();
});

function setup(on: boolean, kirimUrl = kirim.url): TriggerSetup {
	return {
		trigger: new HubSpotSyncTrigger(),
		parameters: {
			subscriptionTypes: ['contact.propertyChange'],
			dropValuesKirimHas: on,
			kirimIdProperty: 'kirim_contact_id',
			options: { combinePropertyChanges: false },
		} as TriggerSetup['parameters'],
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi(), kirimSyncApi: new KirimSyncApi() },
		credentials: {
			hubSpotSyncApi: {
				accessToken: hubspot.token,
				clientSecret: hubspot.clientSecret,
				appId: String(hubspot.appId),
				baseUrl: hubspot.url,
			},
			kirimSyncApi: {
				apiKey: kirim.apiKey,
				baseUrl: kirimUrl,
				pathStyle: 'phoneScoped',
				phoneNumberId: kirim.phoneNumberIds[0],
			},
		} as never,
		staticData: {},
		webhookId: WEBHOOK_ID,
	};
}

let eventId = 1;
const change = (objectId: string, propertyName: string, propertyValue: string): IDataObject => ({
	objectId: Number(objectId),
	propertyName,
	propertyValue,
	changeSource: 'CRM_UI',
	sourceId: 'userId:1',
	eventId: eventId++,
	subscriptionId: 3,
	portalId: hubspot.portalId,
	occurredAt: Date.now() + eventId,
	subscriptionType: 'contact.propertyChange',
	attemptNumber: 0,
});

async function send(on: boolean, events: IDataObject[], kirimUrl?: string) {
	const raw = Buffer.from(JSON.stringify(events));
	const timestamp = String(Date.now());
	const result = await deliver(setup(on, kirimUrl), {
		rawBody: raw,
		headers: {
			'content-type': 'application/json',
			'x-hubspot-signature-v3': signHubSpotV3(hubspot.clientSecret, 'POST', URL, raw, timestamp),
			'x-hubspot-request-timestamp': timestamp,
		},
	});
	const items = (result.result.workflowData?.[0] ?? []) as INodeExecutionData[];
	return { result, kept: items.map((i) => `${String(i.json.propertyName)}=${String(i.json.propertyValue)}`) };
}

describe('HubSpot Sync Trigger: Drop Changes Kirim Already Has', () => {
	const batch = () => [
		change(linked, 'firstname', 'Ana'),
		change(linked, 'lastname', 'Putri'),
		change(linked, 'email', 'ANA@example.com'),
		change(linked, 'phone', '+62 812-1111-2222'),
		change(linked, 'firstname', 'Anna'),
		change(unlinked, 'firstname', 'Ana'),
		change(orphan, 'firstname', 'Ana'),
		change(linked, 'lifecyclestage', 'lead'),
	];

	it('drops only the changes whose value Kirim already holds', async () => {
		const { result, kept } = await send(true, batch());
		expect(kept).toEqual(['firstname=Anna', 'firstname=Ana', 'firstname=Ana', 'lifecyclestage=lead']);
		expect(result.status).toBe(200);
		expect(result.answer).toMatchObject({ alreadyInKirim: 4 });
		// One HubSpot read for the changed contacts, one Kirim read per linked Kirim contact (the orphan's id too).
		expect(hubspot.pipeline.log.count('POST', '/crm/objects/2026-09/contacts/batch/read')).toBe(1);
		expect(kirim.pipeline.log.entries.filter((e) => e.method === 'GET' && e.path.includes('/contacts/'))).toHaveLength(
			2,
		);
	});

	it('is off by default: every change is kept and nothing is read', async () => {
		const { kept } = await send(false, batch());
		expect(kept).toHaveLength(8);
		expect(hubspot.pipeline.log.count('POST', '/crm/objects/2026-09/contacts/batch/read')).toBe(0);
	});

	it('keeps every change when Kirim cannot be reached (it only drops what it proved redundant)', async () => {
		const { kept, result } = await send(true, batch(), 'http://127.0.0.1:9');
		expect(kept).toHaveLength(8);
		expect(result.status).toBe(200);
	});
});
