import type { IDataObject, INodeType } from 'n8n-workflow';

import { KirimSyncApi } from '../../credentials/KirimSyncApi.credentials';
import type { KirimSimulator } from '../../simulators/kirim';
import { runNode, type NodeRunResult } from './run-node';

/** Runs a Kirim action node through n8n-core against the simulator, with a phone-scoped credential for it. */
export function runKirimNode(
	sim: KirimSimulator,
	node: INodeType,
	parameters: IDataObject,
	input: IDataObject[] = [{}],
	continueOnFail = false,
): Promise<NodeRunResult> {
	return runNode({
		node,
		parameters: parameters as never,
		credentialTypes: { kirimSyncApi: new KirimSyncApi() },
		credentials: {
			kirimSyncApi: {
				apiKey: sim.apiKey,
				baseUrl: sim.url,
				pathStyle: 'phoneScoped',
				phoneNumberId: sim.phoneNumberIds[0],
			},
		},
		input,
		continueOnFail,
	});
}
