import type { HubSpotSimulator } from '../simulators/hubspot';
import type { KirimSimulator } from '../simulators/kirim';
import { exampleWorkflow, webhookPathOf } from './examples';

/**
 * The HubSpot properties the sync keys and stamps by (what the node's Ensure Properties operations create for
 * contacts, tickets and communications).
 */
export async function ensureSyncProperties(hubspot: HubSpotSimulator): Promise<void> {
	const stamp = { name: 'kirim_last_synced_at', label: 'Kirim last synced at', type: 'datetime', fieldType: 'date' };
	const specs = [
		{
			objectType: 'contacts',
			groupName: 'contactinformation',
			spec: {
				name: 'kirim_contact_id',
				label: 'Kirim contact ID',
				type: 'string',
				fieldType: 'text',
				hasUniqueValue: true,
			},
		},
		{ objectType: 'contacts', groupName: 'contactinformation', spec: stamp },
		{
			objectType: 'tickets',
			groupName: 'ticketinformation',
			spec: {
				name: 'kirim_conversation_id',
				label: 'Kirim conversation ID',
				type: 'string',
				fieldType: 'text',
				hasUniqueValue: true,
			},
		},
		{ objectType: 'tickets', groupName: 'ticketinformation', spec: stamp },
		{
			objectType: 'communications',
			groupName: 'communicationinformation',
			spec: {
				name: 'kirim_message_id',
				label: 'WhatsApp message ID',
				type: 'string',
				fieldType: 'text',
				hasUniqueValue: true,
			},
		},
		{
			// The labels HubSpot users choose for the inbox (the HubSpot → Kirim example's label branch).
			objectType: 'contacts',
			groupName: 'contactinformation',
			spec: {
				name: LABEL_CHOICE_PROPERTY,
				label: 'WhatsApp labels',
				type: 'enumeration',
				fieldType: 'checkbox',
				options: [
					{ label: 'Wholesale', value: 'wholesale' },
					{ label: 'Follow up', value: 'follow_up' },
				],
			},
		},
	];
	for (const { objectType, groupName, spec } of specs) {
		const response = await fetch(`${hubspot.url}/crm/properties/2026-09/${objectType}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${hubspot.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ...spec, groupName }),
		});
		if (response.status !== 201 && response.status !== 409)
			throw new Error(
				`could not create ${objectType} property ${spec.name}: ${response.status} ${await response.text()}`,
			);
	}
}

/** The HubSpot-owned multiple checkboxes property whose options the HubSpot → Kirim example makes Kirim labels. */
export const LABEL_CHOICE_PROPERTY = 'whatsapp_labels';

/** The contact properties whose changes the HubSpot → Kirim example carries to Kirim (name, email, CRM fields). */
export const CRM_FIELDS_TO_KIRIM = [
	'firstname',
	'lastname',
	'email',
	'lifecyclestage',
	'hs_lead_status',
	'hubspot_owner_id',
	'jobtitle',
];

/** The company properties whose changes the HubSpot → Kirim example carries to its contacts' Kirim metadata. */
export const COMPANY_FIELDS_TO_KIRIM = ['name', 'domain'];

/** The record events the HubSpot → Kirim example carries to Kirim's metadata (Apply Deletion, Merge or Restore). */
export const RECORD_EVENTS_TO_KIRIM = [
	'contact.deletion',
	'contact.restore',
	'contact.merge',
	'contact.privacyDeletion',
];

/**
 * What a HubSpot admin configures in the private app for the HubSpot → Kirim example: the target URL (the
 * example trigger's production URL), one propertyChange subscription per synced property and for the labels
 * property, the record events, and the company name and domain.
 */
export function pointHubSpotWebhooksAt(hubspot: HubSpotSimulator, n8nUrl: string, batchWindowMs = 200): string {
	const path = webhookPathOf(exampleWorkflow('hubspot-to-kirim.json', {}), 'HubSpot Sync Trigger');
	const targetUrl = `${n8nUrl}/webhook/${path}`;
	hubspot.webhooks.configure({ targetUrl, signatureVersion: 'v3', batchWindowMs });
	for (const property of CRM_FIELDS_TO_KIRIM) hubspot.webhooks.subscribe('contact.propertyChange', property);
	for (const type of RECORD_EVENTS_TO_KIRIM) hubspot.webhooks.subscribe(type);
	for (const property of COMPANY_FIELDS_TO_KIRIM) hubspot.webhooks.subscribe('company.propertyChange', property);
	hubspot.webhooks.subscribe('contact.propertyChange', LABEL_CHOICE_PROPERTY);
	return path;
}

/** The segment and the label the segment example mirrors (examples/hubspot-segment-label.json). */
export const DEMO_SEGMENT = 'VIP customers';
export const DEMO_LABEL = 'VIP';

/**
 * What a team sets up before the segment example runs: a static HubSpot segment "VIP customers" and a Kirim label
 * "VIP", each made through the service's own API when missing. Returns the segment's list id.
 */
export async function ensureDemoSegment(hubspot: HubSpotSimulator, kirim: KirimSimulator): Promise<string> {
	const hubspotCall = (method: string, path: string, body?: unknown) =>
		fetch(`${hubspot.url}${path}`, {
			method,
			headers: { authorization: `Bearer ${hubspot.token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	let list = await hubspotCall('GET', `/crm/lists/2026-09/object-type-id/0-1/name/${encodeURIComponent(DEMO_SEGMENT)}`);
	if (list.status === 404)
		list = await hubspotCall('POST', '/crm/lists/2026-09', {
			name: DEMO_SEGMENT,
			objectTypeId: '0-1',
			processingType: 'MANUAL',
		});
	if (list.status !== 200)
		throw new Error(`could not make the ${DEMO_SEGMENT} segment: ${list.status} ${await list.text()}`);
	const listId = ((await list.json()) as { list: { listId: string } }).list.listId;
	if (![...kirim.store.labels.values()].some((label) => label.name === DEMO_LABEL)) {
		const label = await fetch(`${kirim.url}/v1/labels`, {
			method: 'POST',
			headers: { authorization: `Bearer ${kirim.apiKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name: DEMO_LABEL, color: 'amber' }),
		});
		if (label.status !== 201)
			throw new Error(`could not make the ${DEMO_LABEL} label: ${label.status} ${await label.text()}`);
	}
	return listId;
}
