import { NodeOperationError, type INode } from 'n8n-workflow';

import { collect } from '../transport/pagination';
import type { KirimClient } from './client';
import { isKirimId } from './ids';

export interface KirimLabel {
	id: string;
	name: string;
	team_id?: string;
}

/** Labels are read 100 per page; an organisation with more than this many is asked for an ID instead. */
const MAX_LABELS_READ = 5000;

/** The organisation's labels (100 per request, at most MAX_LABELS_READ). */
export async function listLabels(client: KirimClient): Promise<KirimLabel[]> {
	return await collect(client.listPages<KirimLabel>('/v1/labels', {}, 100), MAX_LABELS_READ);
}

/**
 * A label's id from its id or its exact name. Kirim has no look-up by name, so the organisation's labels are
 * listed (https://developers.kirim.chat/api/operations/labels/post/: names are unique per team, so one name may
 * belong to several teams, and then the ID is needed).
 */
export async function labelIdOf(node: INode, client: KirimClient, nameOrId: string): Promise<string> {
	const wanted = nameOrId.trim();
	if (isKirimId(wanted, 'lbl')) return wanted;
	if (!wanted) throw new NodeOperationError(node, 'No Kirim label was given');
	const labels = await listLabels(client);
	const named = labels.filter((label) => label.name === wanted);
	if (named.length === 1) return named[0].id;
	if (named.length === 0)
		throw new NodeOperationError(node, `Kirim has no label named "${wanted}"`, {
			description: `Labels are matched by exact name (case matters), or give the label ID (lbl_…). Kirim has: ${
				labels
					.slice(0, 20)
					.map((label) => label.name)
					.join(', ') || 'no labels'
			}.`,
		});
	throw new NodeOperationError(node, `${named.length} Kirim labels are named "${wanted}" (one per team)`, {
		description: `Give the label ID instead: ${named.map((label) => `${label.id} (team ${label.team_id ?? '?'})`).join(', ')}.`,
	});
}
