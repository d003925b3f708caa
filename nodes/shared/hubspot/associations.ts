import type { NodeApiError } from 'n8n-workflow';

import { mapSettled } from '../transport/concurrency';
import type { HubSpotObjectType } from './batch';
import type { HubSpotClient } from './client';

export interface AssociationPair {
	/** Ours, to find the outcome again. */
	key: string;
	fromId: string;
	toId: string;
}

/** Requests in flight at once; the client's rate budget still paces them. */
const IN_FLIGHT = 4;

/**
 * Default (HubSpot-defined) associations, one `PUT /crm/v4/objects/{from}/{id}/associations/default/{to}/{id}`
 * per pair. The PUT is idempotent, so a repeat is harmless. HubSpot also has a v4 batch create, but the
 * reference (webhooks-hubspot.md) does not document it and the simulator does not model it, so it is not used.
 */
export async function associateDefault(
	client: HubSpotClient,
	fromType: HubSpotObjectType,
	toType: HubSpotObjectType,
	pairs: AssociationPair[],
): Promise<{ failed: Map<string, NodeApiError>; requests: number }> {
	const settled = await mapSettled(pairs, IN_FLIGHT, async (pair) =>
		await client.send({
			method: 'PUT',
			path: `/crm/v4/objects/${fromType}/${encodeURIComponent(pair.fromId)}/associations/default/${toType}/${encodeURIComponent(pair.toId)}`,
		}),
	);
	const failed = new Map<string, NodeApiError>();
	settled.forEach((result, i) => {
		if (!result.ok) failed.set(pairs[i].key, result.error as NodeApiError);
	});
	return { failed, requests: pairs.length };
}
