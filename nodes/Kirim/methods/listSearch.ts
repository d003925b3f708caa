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
	const response = await client.send({ method: 'GET', path: client.scopedPath('conversations', '', phoneNumberId), qs });
	const body = response.body as { data: IDataObject[]; has_more: boolean; next_cursor: string | null };
	return {
		results: body.data.map((c) => {
			const contact = (c.contact ?? {}) as IDataObject;
			return { name: `${String(contact.name ?? contact.phone_number ?? c.id)} – ${String(c.status)}`, value: String(c.id) };
		}),
		paginationToken: body.has_more && body.next_cursor ? body.next_cursor : undefined,
	};
}
