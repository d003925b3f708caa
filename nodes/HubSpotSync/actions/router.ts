import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { HubSpotClient } from '../../shared/hubspot/client';
import { routeOperation, type Operations } from '../../shared/node/route';
import * as contact from './contact/Contact.resource';
import { hubSpotClientFor } from './common';
import * as ticket from './ticket/Ticket.resource';

export const operations: Operations<HubSpotClient> = {
	contact: {
		upsert: contact.upsert.execute,
		get: contact.get.execute,
		searchChanged: contact.searchChanged.execute,
		ensureProperties: contact.ensureProperties.execute,
	},
	ticket: {
		upsert: ticket.upsert.execute,
		close: ticket.close.execute,
		ensureProperties: ticket.ensureProperties.execute,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, hubSpotClientFor);
}
