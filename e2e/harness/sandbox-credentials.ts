import type { HubSpotSimulator } from '../../simulators/hubspot';
import type { KirimSimulator } from '../../simulators/kirim';
import type { N8nRest } from './rest';

/** The example workflows' two credentials, made in n8n for these simulators: credential type → id. */
export async function createSandboxCredentials(
	rest: N8nRest,
	kirim: KirimSimulator,
	hubspot: HubSpotSimulator,
): Promise<{ kirimSyncApi: string; hubSpotSyncApi: string }> {
	const kirimCredential = await rest.createCredential('Kirim (sandbox simulator)', 'kirimSyncApi', {
		apiKey: kirim.apiKey,
		baseUrl: kirim.url,
		pathStyle: 'phoneScoped',
		phoneNumberId: kirim.phoneNumberIds[0],
	});
	const hubspotCredential = await rest.createCredential('HubSpot (sandbox simulator)', 'hubSpotSyncApi', {
		accessToken: hubspot.token,
		clientSecret: hubspot.clientSecret,
		appId: String(hubspot.appId),
		baseUrl: hubspot.url,
	});
	return { kirimSyncApi: kirimCredential.id, hubSpotSyncApi: hubspotCredential.id };
}
