import type { IDataObject, INodeType } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../credentials/HubSpotSyncApi.credentials';
import type { HubSpotSimulator } from '../../simulators/hubspot';
import { runNode, type NodeRunResult, type RunNodeOptions } from './run-node';

/** Runs a HubSpot action node through n8n-core against the HubSpot simulator, with the private-app credential. */
export const runHubSpotNode = (
	sim: HubSpotSimulator,
	node: INodeType,
	parameters: IDataObject,
	input: IDataObject[] = [{}],
	continueOnFail = false,
	/** Where the items come from, the execution mode (e.g. a Kirim Trigger in a production run), the typeVersion. */
	origin: Pick<RunNodeOptions, 'source' | 'mode' | 'typeVersion'> = {},
): Promise<NodeRunResult> =>
	runNode({
		...origin,
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
