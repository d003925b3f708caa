import type { HubSpotSimulator } from '../simulators/hubspot';
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

/**
 * What a HubSpot admin configures in the private app for the HubSpot → Kirim example: the target URL (the
 * example trigger's production URL) and one propertyChange subscription per synced property.
 */
export function pointHubSpotWebhooksAt(hubspot: HubSpotSimulator, n8nUrl: string, batchWindowMs = 200): string {
	const path = webhookPathOf(exampleWorkflow('hubspot-to-kirim.json', {}), 'HubSpot Sync Trigger');
	const targetUrl = `${n8nUrl}/webhook/${path}`;
	hubspot.webhooks.configure({ targetUrl, signatureVersion: 'v3', batchWindowMs });
	for (const property of ['firstname', 'lastname', 'email'])
		hubspot.webhooks.subscribe('contact.propertyChange', property);
	return path;
}
