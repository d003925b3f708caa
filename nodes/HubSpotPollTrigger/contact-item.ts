import type { IDataObject } from 'n8n-workflow';

import type { HubSpotObject } from '../shared/hubspot/types';

/** One item per contact: its id, the properties HubSpot returned, and when it was created and last updated. */
export function contactItem(contact: HubSpotObject): IDataObject {
	return {
		id: contact.id,
		properties: { ...contact.properties },
		createdAt: contact.createdAt ?? null,
		updatedAt: contact.updatedAt ?? null,
	};
}
