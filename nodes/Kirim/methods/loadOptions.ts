import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getPhoneNumbers } from '../../shared/kirim/accounts';
import { KirimClient } from '../../shared/kirim/client';
import { collect } from '../../shared/transport/pagination';

export { getPhoneNumbers };

/** Every label of the organisation (labels are org-level and scoped to a team, kirim-api.md §4). */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await KirimClient.create(this);
	const labels = await collect(client.listPages<IDataObject>('/v1/labels', {}, 100), 1000);
	return labels.map((l) => ({ name: `${String(l.name)}${l.color ? ` (${String(l.color)})` : ''}`, value: String(l.id) }));
}
