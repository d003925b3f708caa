import type { IExecuteFunctions } from 'n8n-workflow';

import { batchRead } from '../../../shared/hubspot/batch';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import { changeMembers, ensureManualList, listMembers } from '../../../shared/hubspot/lists';
import type { KirimClient } from '../../../shared/kirim/client';
import { isKirimId } from '../../../shared/kirim/ids';
import { sendBulkLabel } from '../../../shared/node/kirim-bulk-label';

/**
 * Segment → label: the Kirim contacts of a HubSpot list's members carry a Kirim label, and lose it when they
 * leave the list. Kirim's contacts show no labels (https://developers.kirim.chat/api/operations/phone_number_idcontacts/get/),
 * so who carries the label because of this list is recorded in HubSpot itself, in a MANUAL list (the labelled
 * list): durable across runs, restarts and queue mode, and visible to the team. The labelled list changes only
 * after Kirim confirmed the label change, so a run that fails half way is completed by the next one.
 */
export interface LabelMirrorRequest {
	listId: string;
	labelId: string;
	labelledListName: string;
	idProperty: string;
	removeFromLeavers: boolean;
	phoneNumberId?: string;
	concurrency: number;
}

export interface LabelMirrorReport {
	listId: string;
	labelId: string;
	labelledListId: string;
	labelledListCreated: boolean;
	members: number;
	/** Members whose Kirim contact got the label in this run. */
	attached: string[];
	/** Former members whose Kirim contact lost the label in this run. */
	detached: string[];
	/** Members with no Kirim ID in HubSpot: nothing to label until the contact is synced. */
	notLinked: string[];
	/** Former members that lost their Kirim ID in HubSpot: the label stays on the Kirim contact. */
	leftUnlinked: string[];
	/** Former members kept labelled because Remove From Leavers is off. */
	leaversKept: number;
	failedChunks: Array<{ operation: 'attach' | 'detach'; hubspotIds: string[]; error: Error }>;
	counts: { applied: number; skipped_cross_org: number; skipped_team_mismatch: number };
	requests: { hubspot: number; kirim: number };
}

/** Kirim ids of the HubSpot contacts, by HubSpot id; contacts without a valid Kirim id are absent. */
async function kirimIdsOf(
	hubspot: HubSpotClient,
	hubspotIds: string[],
	idProperty: string,
): Promise<{ byHubSpotId: Map<string, string>; requests: number }> {
	const { found, requests } = await batchRead(hubspot, 'contacts', hubspotIds, [idProperty]);
	const byHubSpotId = new Map<string, string>();
	for (const [id, contact] of found) {
		const kirimId = contact.properties?.[idProperty];
		if (isKirimId(kirimId, 'ctc')) byHubSpotId.set(id, kirimId);
	}
	return { byHubSpotId, requests };
}

export async function mirrorListToLabel(
	ctx: IExecuteFunctions,
	hubspot: HubSpotClient,
	kirim: KirimClient,
	request: LabelMirrorRequest,
): Promise<LabelMirrorReport> {
	const source = await listMembers(hubspot, request.listId);
	const labelled = await ensureManualList(hubspot, request.labelledListName);
	const holders = await listMembers(hubspot, labelled.listId);

	const members = new Set(source.ids);
	const held = new Set(holders.ids);
	const joiners = source.ids.filter((id) => !held.has(id));
	const formerMembers = holders.ids.filter((id) => !members.has(id));
	const leavers = request.removeFromLeavers ? formerMembers : [];

	const linked = await kirimIdsOf(hubspot, [...joiners, ...leavers], request.idProperty);
	const kirimIdOf = linked.byHubSpotId;
	const requests = {
		hubspot: source.requests + labelled.requests + holders.requests + linked.requests,
		kirim: 0,
	};

	const report: LabelMirrorReport = {
		listId: request.listId,
		labelId: request.labelId,
		labelledListId: labelled.listId,
		labelledListCreated: labelled.created,
		members: source.ids.length,
		attached: [],
		detached: [],
		notLinked: joiners.filter((id) => !kirimIdOf.has(id)),
		leftUnlinked: leavers.filter((id) => !kirimIdOf.has(id)),
		leaversKept: request.removeFromLeavers ? 0 : formerMembers.length,
		failedChunks: [],
		counts: { applied: 0, skipped_cross_org: 0, skipped_team_mismatch: 0 },
		requests,
	};

	/** Sends the label change for the linked ones among `hubspotIds`; returns those Kirim confirmed. */
	const send = async (operation: 'attach' | 'detach', hubspotIds: string[]): Promise<string[]> => {
		const linkedIds = hubspotIds.filter((id) => kirimIdOf.has(id));
		// Two HubSpot contacts may hold one Kirim id (a merge in progress): Kirim gets it once.
		const contactIds = [...new Set(linkedIds.map((id) => kirimIdOf.get(id)!))];
		if (contactIds.length === 0) return [];
		const chunks = await sendBulkLabel(ctx, kirim, {
			labelId: request.labelId,
			operation,
			contactIds,
			phoneNumberId: request.phoneNumberId,
			concurrency: request.concurrency,
		});
		requests.kirim += chunks.length;
		const confirmed = new Set<string>();
		for (const chunk of chunks) {
			if (chunk.ok) {
				for (const key of Object.keys(report.counts) as Array<keyof LabelMirrorReport['counts']>)
					report.counts[key] += Number(chunk.counts[key] ?? 0);
				for (const id of chunk.contactIds) confirmed.add(id);
			} else {
				const refused = new Set(chunk.contactIds);
				const ids = linkedIds.filter((id) => refused.has(kirimIdOf.get(id)!));
				report.failedChunks.push({ operation, hubspotIds: ids, error: chunk.error });
			}
		}
		return linkedIds.filter((id) => confirmed.has(kirimIdOf.get(id)!));
	};

	// Each chunk's idempotency key covers its body, so an attach and a detach never share one.
	report.attached = await send('attach', joiners);
	report.detached = await send('detach', leavers);

	// A leaver without a Kirim id cannot be unlabelled; it leaves the labelled list so it is not retried forever.
	const add = report.attached;
	const remove = [...report.detached, ...report.leftUnlinked];
	if (add.length > 0 || remove.length > 0)
		requests.hubspot += await changeMembers(hubspot, labelled.listId, add, remove);
	return report;
}
