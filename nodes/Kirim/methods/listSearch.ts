import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { KirimClient } from '../../shared/kirim/client';

/** One page of contacts per call; n8n passes the cursor back as paginationToken. Search is Kirim's own. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await KirimClient.create(this);
	const phoneNumberId = String(this.getCurrentNodeParameter('phoneNumberId') ?? '');
	const qs: IDataObject = { limit: '50', ...(paginationToken ? { cursor: paginationToken } : {}) };
	if (filter && filter.trim()) qs.search = filter.trim().slice(0, 200);
	const response = await client.send({ method: 'GET', path: client.scopedPath('contacts', '', phoneNumberId), qs });
	const body = response.body as { data: IDataObject[]; has_more: boolean; next_cursor: string | null };
	return {
		results: body.data.map((c) => ({
			name: `${String(c.name ?? 'Unnamed')} ${c.phone_number ? `(${String(c.phone_number)})` : ''}`.trim(),
			value: String(c.id),
		})),
		paginationToken: body.has_more && body.next_cursor ? body.next_cursor : undefined,
	};
}

export async function searchConversations(
	this: ILoadOptionsFunctions,
	_filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await KirimClient.create(this);
	const phoneNumberId = String(this.getCurrentNodeParameter('phoneNumberId') ?? '');
	const qs: IDataObject = { limit: '50', ...(paginationToken ? { cursor: paginationToken } : {}) };
	const response = await client.send({
		method: 'GET',
		path: client.scopedPath('conversations', '', phoneNumberId),
		qs,
	});
	const body = response.body as { data: IDataObject[]; has_more: boolean; next_cursor: string | null };
	return {
		results: body.data.map((c) => {
			const contact = (c.contact ?? {}) as IDataObject;
			return {
				name: `${String(contact.name ?? contact.phone_number ?? c.id)} – ${String(c.status)}`,
				value: String(c.id),
			};
		}),
		paginationToken: body.has_more && body.next_cursor ? body.next_cursor : undefined,
	};
}

/** Conversations read per call at most, and how many new people are enough to answer with. */
const ASSIGNEE_PAGES_PER_CALL = 20;
const ASSIGNEES_PER_CALL = 20;

interface AssigneeToken {
	/** The conversation page to read next (absent: the first); a page cut short is read again. */
	cursor?: string;
	/** Ids already shown, so the next call does not list them again. */
	seen: string[];
}

/**
 * Kirim documents no users or members endpoint (its resource-ids page,
 * https://developers.kirim.chat/concepts/resource-ids/, lists only the `usr_` prefix), so the people offered are the
 * distinct assignees of the number's conversations, most recently active first: someone never assigned before
 * does not appear (they can still be given by ID). Paged over the conversation cursor.
 */
export async function searchAssignees(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await KirimClient.create(this);
	const path = client.scopedPath('conversations', '', String(this.getCurrentNodeParameter('phoneNumberId') ?? ''));
	const token = paginationToken ? (JSON.parse(paginationToken) as AssigneeToken) : undefined;
	const seen = new Set(token?.seen ?? []);
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchResult['results'] = [];
	let cursor = token?.cursor;
	for (let page = 0; page < ASSIGNEE_PAGES_PER_CALL; page++) {
		const qs: IDataObject = { limit: '100', ...(cursor ? { cursor } : {}) };
		const body = (await client.send({ method: 'GET', path, qs })).body as {
			data: IDataObject[];
			has_more: boolean;
			next_cursor: string | null;
		};
		for (const conversation of body.data) {
			const assignee = conversation.assignee as IDataObject | null | undefined;
			const id = typeof assignee?.id === 'string' ? assignee.id : '';
			if (!id || seen.has(id)) continue;
			const label =
				[assignee?.name, assignee?.email].filter((part) => typeof part === 'string' && part).join(' · ') || id;
			if (needle && !`${label} ${id}`.toLowerCase().includes(needle)) continue;
			// Enough for one answer: the next call reads this page again and skips whoever was shown.
			if (results.length === ASSIGNEES_PER_CALL) return { results, paginationToken: tokenOf(cursor, seen) };
			seen.add(id);
			results.push({ name: label, value: id });
		}
		if (!body.has_more || !body.next_cursor) return { results };
		cursor = body.next_cursor;
	}
	return { results, paginationToken: tokenOf(cursor, seen) };
}

function tokenOf(cursor: string | undefined, seen: Set<string>): string {
	return JSON.stringify({ ...(cursor ? { cursor } : {}), seen: [...seen] } satisfies AssigneeToken);
}
