import type { INodeExecutionData } from 'n8n-workflow';

import { HealthTally, withHealth } from '../shared/health/run-health';
import type { HubSpotClient } from '../shared/hubspot/client';
import { MODIFIED_PROPERTY, modifiedMs } from '../shared/hubspot/search-window';
import { searchPage } from '../shared/hubspot/search';
import { contactItem } from './contact-item';

/**
 * "Fetch test event": the most recently changed contact, in the shape a poll emits. One search request; the cursor
 * and the rest of the static data are neither read for position nor written.
 */
export async function sampleContact(
	client: HubSpotClient,
	properties: string[],
	startedAt: number,
	lastSuccessfulRunAt: string | null,
): Promise<INodeExecutionData[][] | null> {
	const body = await searchPage(client, 'contacts', {
		sort: { propertyName: MODIFIED_PROPERTY.contacts, direction: 'DESCENDING' },
		properties: [...new Set([...properties, MODIFIED_PROPERTY.contacts])],
		limit: 1,
	});
	const contact = body.results?.[0];
	if (!contact) return null;
	const tally = new HealthTally(startedAt);
	tally.read();
	tally.written();
	tally.sawSourceUpdatedAt(modifiedMs(contact, 'contacts'));
	return [withHealth([{ json: contactItem(contact) }], tally.summary(lastSuccessfulRunAt))];
}
