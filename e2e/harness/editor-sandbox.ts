// What the editor test and `npm run screenshots` open the editor on: both simulators with data for every dropdown,
// n8n with the packed package, and credentials pointing at the simulators — plus decoys created after them, so the
// editor's automatic choice is the wrong one and picking a credential has to work.
import { ulid } from '../../simulators/common/ids';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../simulators/kirim';
import { N8nInstance } from './n8n';

export const CREDENTIALS = {
	kirim: 'Kirim (simulator)',
	hubspot: 'HubSpot (simulator)',
	signing: 'Kirim signing secret',
	journal: 'HubSpot journal (simulator)',
};
export const GOOD_CREDENTIALS = Object.values(CREDENTIALS);

/** People assigned to conversations (Kirim has no members API: the assignee list is read off conversations). */
export const ASSIGNEES = [
	{ id: `usr_${ulid(Date.UTC(2026, 0, 1))}`, name: 'Ayu Lestari', email: 'ayu@example.com' },
	{ id: `usr_${ulid(Date.UTC(2026, 0, 2))}`, name: 'Budi Santoso', email: 'budi@example.com' },
];
export const LABELS = ['VIP', 'Needs follow-up'];

export interface EditorSandbox {
	n8n: N8nInstance;
	kirim: KirimSimulator;
	hubspot: HubSpotSimulator;
	close(): Promise<void>;
}

async function seedKirim(kirim: KirimSimulator): Promise<void> {
	for (const name of LABELS) {
		const response = await fetch(`${kirim.url}/v1/labels`, {
			method: 'POST',
			headers: { authorization: `Bearer ${kirim.apiKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name }),
		});
		if (response.status !== 201)
			throw new Error(`could not create label ${name}: ${response.status} ${await response.text()}`);
	}
	const phone = kirim.phoneNumberIds[0];
	ASSIGNEES.forEach((person, i) => {
		const contact = kirim.store.addContact({ phone_number: `+6281200000${10 + i}`, name: `Customer ${i + 1}` }, phone);
		kirim.store.addConversation(contact, phone).assignee = person;
	});
}

export async function startEditorSandbox(
	tarball: string,
	options: { userFolder?: string; port?: number } = {},
): Promise<EditorSandbox> {
	const kirim = await startKirimSimulator({ tier: 'pro' });
	const hubspot = await startHubSpotSimulator();
	await seedKirim(kirim);
	const n8n = await N8nInstance.start({ packages: [tarball], ...options });
	const rest = n8n.rest;
	const kirimData = {
		apiKey: kirim.apiKey,
		baseUrl: kirim.url,
		pathStyle: 'phoneScoped',
		phoneNumberId: kirim.phoneNumberIds[0],
	};
	const hubspotData = {
		accessToken: hubspot.token,
		clientSecret: hubspot.clientSecret,
		appId: String(hubspot.appId),
		baseUrl: hubspot.url,
	};
	await rest.createCredential(CREDENTIALS.kirim, 'kirimSyncApi', kirimData);
	await rest.createCredential(CREDENTIALS.hubspot, 'hubSpotSyncApi', hubspotData);
	await rest.createCredential(CREDENTIALS.signing, 'kirimWebhookSigningApi', {
		currentSecret: 'whsec_editorTestSecret0123456789',
	});
	await rest.createCredential(CREDENTIALS.journal, 'hubSpotJournalOAuth2Api', {
		clientId: hubspot.oauth.clientId,
		clientSecret: hubspot.clientSecret,
		portalId: hubspot.portalId,
		appId: String(hubspot.appId),
		baseUrl: hubspot.url,
	});
	await rest.createCredential('Kirim (decoy, wrong key)', 'kirimSyncApi', {
		...kirimData,
		apiKey: 'kdv_live_DecoyDecoyDecoyDecoyDecoy00',
	});
	await rest.createCredential('HubSpot (decoy, wrong token)', 'hubSpotSyncApi', {
		...hubspotData,
		accessToken: 'pat-na1-decoy',
	});
	return {
		n8n,
		kirim,
		hubspot,
		close: async () => {
			await n8n.stop();
			await kirim.close();
			await hubspot.close();
		},
	};
}
