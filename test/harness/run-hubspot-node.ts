import type { IDataObject, INodeType } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../credentials/HubSpotSyncApi.credentials';
import type { HubSpotSimulator } from '../../simulators/hubspot';
import { runNode, type NodeRunResult } from './run-node';

/** Runs a HubSpot action node through n8n-core against the HubSpot simulator, with the private-app credential. */
export const runHubSpotNode = (
	sim: HubSpotSimulator,
	node: INodeType,
	parameters: IDataObject,
	input: IDataObject[] = [{}],
	continueOnFail = false,
): Promise<NodeRunResult> =>
	runNode({
		node,
		parameters: parameters as never,
		input,
		continueOnFail,
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
		credentials: {
			hubSpotSyncApi: {
				accessToken: sim.token,
				baseUrl: sim.url,
				clientSecret: sim.clientSecret,
				appId: String(sim.appId),
			},
		},
	});
