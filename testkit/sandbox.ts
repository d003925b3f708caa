import type { HubSpotSimulator } from '../simulators/hubspot';
import { exampleWorkflow, webhookPathOf } from './examples';

/** The HubSpot properties the sync keys and stamps by (what the node's Ensure Properties creates). */
export async function ensureSyncProperties(hubspot: HubSpotSimulator): Promise<void> {
	const specs = [
		{ name: 'kirim_contact_id', label: 'Kirim contact ID', type: 'string', fieldType: 'text', hasUniqueValue: true },
		{ name: 'kirim_last_synced_at', label: 'Kirim last synced at', type: 'datetime', fieldType: 'date' },
	];
	for (const spec of specs) {
		const response = await fetch(`${hubspot.url}/crm/properties/2026-09/contacts`, {
			method: 'POST',
			headers: { authorization: `Bearer ${hubspot.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ...spec, groupName: 'contactinformation' }),
		});
		if (response.status !== 201 && response.status !== 409)
			throw new Error(`could not create ${spec.name}: ${response.status}`);
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
