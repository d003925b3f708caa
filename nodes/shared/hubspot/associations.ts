import type { NodeApiError } from 'n8n-workflow';

import { chunk } from '../transport/concurrency';
import type { HubSpotObjectType } from './batch';
import type { HubSpotClient } from './client';
import { hubSpotApiError } from './errors';
import { associationsPath } from './api-version';

export interface AssociationPair {
	/** Ours, to find the outcome again. */
	key: string;
	fromId: string;
	toId: string;
}

/**
 * Pairs per request. HubSpot's batch page names no limit we could read (a third-party connector says 2000);
 * 100 keeps one association request per 100-ticket write batch.
 */
export const ASSOCIATIONS_PER_REQUEST = 100;

interface AssociateBody {
	results?: Array<{ from?: { id?: string }; to?: { id?: string } }>;
	errors?: Array<{ message?: string; category?: string; context?: { fromObjectId?: unknown; toObjectId?: unknown } }>;
}

const pairId = (fromId: string, toId: string) => `${fromId}>${toId}`;

/**
 * Default (HubSpot-defined) associations through the batch create,
 * `POST /crm/associations/<version>/{from}/{to}/batch/associate/default`: one request per 100 pairs instead of one PUT
 * per pair. Associating twice is harmless. A pair named by an error entry of a 207 fails alone; a pair neither in
 * the results nor in an error is reported as failed too, so no association is silently lost.
 */
export async function associateDefault(
	client: HubSpotClient,
	fromType: HubSpotObjectType,
	toType: HubSpotObjectType,
	pairs: AssociationPair[],
): Promise<{ failed: Map<string, NodeApiError>; requests: number }> {
	const failed = new Map<string, NodeApiError>();
	let requests = 0;
	for (const group of chunk(pairs, ASSOCIATIONS_PER_REQUEST)) {
		requests++;
		const path = associationsPath(fromType, toType, '/batch/associate/default');
		let response;
		try {
			response = await client.send({
				method: 'POST',
				path,
				body: { inputs: group.map((pair) => ({ from: { id: pair.fromId }, to: { id: pair.toId } })) },
			});
		} catch (error) {
			for (const pair of group) failed.set(pair.key, error as NodeApiError);
			continue;
		}
		const body = (response.body ?? {}) as AssociateBody;
		const done = new Set((body.results ?? []).map((r) => pairId(String(r.from?.id), String(r.to?.id))));
		const errorOf = (entry: object, reason: string) =>
			hubSpotApiError(
				client.context,
				{ kind: 'response', status: response.status, headers: response.headers, body: entry },
				reason,
			);
		const blamed = new Map<string, NodeApiError>();
		for (const entry of body.errors ?? []) {
			const from = entry.context?.fromObjectId;
			const to = entry.context?.toObjectId;
			if (Array.isArray(from) && Array.isArray(to))
				blamed.set(pairId(String(from[0]), String(to[0])), errorOf(entry, 'association failed for this pair'));
		}
		for (const pair of group) {
			const id = pairId(pair.fromId, pair.toId);
			if (done.has(id)) continue;
			failed.set(
				pair.key,
				blamed.get(id) ??
					errorOf(
						{
							message: `HubSpot did not confirm the association of ${fromType} ${pair.fromId} with ${toType} ${pair.toId}`,
						},
						'no result for this pair',
					),
			);
		}
	}
	return { failed, requests };
}

/** Ids per associations batch read (HubSpot's limit for that endpoint). */
export const ASSOCIATION_READS_PER_REQUEST = 1000;

interface AssociationReadBody {
	results?: Array<{
		from?: { id?: string | number };
		to?: Array<{ toObjectId?: string | number; associationTypes?: Array<{ typeId?: number }> }>;
		/** Present only when the input has more associations: ask again with `{id, after}`. */
		paging?: { next?: { after?: string } };
	}>;
}

export interface AssociatedRecord {
	id: string;
	typeIds: number[];
}

/**
 * The records each of `ids` is associated with, through `POST /crm/associations/<version>/{from}/{to}/batch/read`
 * (https://developers.hubspot.com/docs/api-reference/latest/crm/associations/overview). An id with none is absent
 * (HubSpot lists it among the errors, which are not failures here).
 */
export async function readAssociations(
	client: HubSpotClient,
	fromType: HubSpotObjectType,
	toType: HubSpotObjectType,
	ids: string[],
): Promise<{ associated: Map<string, AssociatedRecord[]>; requests: number }> {
	const associated = new Map<string, AssociatedRecord[]>();
	let requests = 0;
	let inputs: Array<{ id: string; after?: string }> = [...new Set(ids)].map((id) => ({ id }));
	// An input with more associations than one answer holds comes back with paging; it is asked again from there.
	while (inputs.length) {
		const more: Array<{ id: string; after: string }> = [];
		for (const group of chunk(inputs, ASSOCIATION_READS_PER_REQUEST)) {
			requests++;
			const body = await client.json<AssociationReadBody>({
				method: 'POST',
				path: associationsPath(fromType, toType, '/batch/read'),
				body: { inputs: group },
			});
			for (const result of body.results ?? []) {
				const id = String(result.from?.id);
				const records = (result.to ?? []).map((to) => ({
					id: String(to.toObjectId),
					typeIds: (to.associationTypes ?? []).map((type) => Number(type.typeId)),
				}));
				associated.set(id, [...(associated.get(id) ?? []), ...records]);
				const after = result.paging?.next?.after;
				if (after) more.push({ id, after });
			}
		}
		inputs = more;
	}
	return { associated, requests };
}
