import type { INodeType } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../credentials/HubSpotSyncApi.credentials';
import { KirimSyncApi } from '../../credentials/KirimSyncApi.credentials';
import { ensureSyncProperties } from '../../testkit/sandbox';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../simulators/kirim';
import { InProcessN8n } from './in-process-n8n';

export interface SyncSandbox {
	kirim: KirimSimulator;
	hubspot: HubSpotSimulator;
	n8n: InProcessN8n;
	/** Until neither simulator has a delivery pending and the in-process n8n has no request or run in progress. */
	settle(): Promise<void>;
	close(): Promise<void>;
}

/**
 * Both simulators sending signed webhooks to an in-process n8n with credentials for them, and the HubSpot sync
 * properties in place: what the in-process round-trip tests run the example workflows in.
 */
export async function startSyncSandbox(types: Record<string, INodeType>): Promise<SyncSandbox> {
	const kirim = await startKirimSimulator({ allowHttpWebhooks: true, webhookTimeScale: 0.001 });
	const hubspot = await startHubSpotSimulator();
	const n8n = await InProcessN8n.start(
		types,
		{ kirimSyncApi: new KirimSyncApi(), hubSpotSyncApi: new HubSpotSyncApi() },
		{
			kirimSyncApi: {
				apiKey: kirim.apiKey,
				baseUrl: kirim.url,
				pathStyle: 'phoneScoped',
				phoneNumberId: kirim.phoneNumberIds[0],
			},
			hubSpotSyncApi: {
				accessToken: hubspot.token,
				clientSecret: hubspot.clientSecret,
				appId: String(hubspot.appId),
				baseUrl: hubspot.url,
			},
		},
	);
	await ensureSyncProperties(hubspot);
	return {
		kirim,
		hubspot,
		n8n,
		async settle() {
			for (let pass = 0; pass < 3; pass++) {
				await kirim.sender.idle();
				await hubspot.webhooks.idle();
				await n8n.idle();
				await new Promise((resolve) => setTimeout(resolve, 300));
			}
		},
		async close() {
			await n8n.close();
			await kirim.close();
			await hubspot.close();
		},
	};
}
