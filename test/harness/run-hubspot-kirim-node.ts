import type { IDataObject, INodeType } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../credentials/HubSpotSyncApi.credentials';
import { KirimSyncApi } from '../../credentials/KirimSyncApi.credentials';
import type { HubSpotSimulator } from '../../simulators/hubspot';
import type { KirimSimulator } from '../../simulators/kirim';
import { runNode, type NodeRunResult } from './run-node';

export interface BothSimulators {
	hubspot: HubSpotSimulator;
	/** Absent for operations that need only HubSpot (the Kirim credential is then not given). */
	kirim?: KirimSimulator;
}

export interface RunOptions {
	continueOnFail?: boolean;
	/** The workflow's static data; pass the same object to several runs to see what a production run keeps. */
	staticData?: IDataObject;
	/** What the node runs below (e.g. a poll trigger's name and type); default a test items source. */
	source?: { name: string; type: string };
}

/**
 * Runs a node that talks to HubSpot and Kirim (HubSpot Sync's Reconcile) through n8n-core against both
 * simulators: the HubSpot private-app credential and a phone-scoped Kirim credential.
 */
export function runWithBothSimulators(
	sims: BothSimulators,
	node: INodeType,
	parameters: IDataObject,
	input: IDataObject[] = [{}],
	options: RunOptions = {},
): Promise<NodeRunResult> {
	const { hubspot, kirim } = sims;
	return runNode({
		node,
		parameters: parameters as never,
		input,
		continueOnFail: options.continueOnFail,
		staticData: options.staticData,
		source: options.source,
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi(), kirimSyncApi: new KirimSyncApi() },
		credentials: {
			hubSpotSyncApi: {
				accessToken: hubspot.token,
				baseUrl: hubspot.url,
				clientSecret: hubspot.clientSecret,
				appId: String(hubspot.appId),
			},
			...(kirim
				? {
						kirimSyncApi: {
							apiKey: kirim.apiKey,
							baseUrl: kirim.url,
							pathStyle: 'phoneScoped',
							phoneNumberId: kirim.phoneNumberIds[0],
						},
					}
				: {}),
		},
	});
}
