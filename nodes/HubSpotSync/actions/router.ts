import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { HubSpotClient } from '../../shared/hubspot/client';
import { routeOperation, type OperationMap } from '../../shared/node/route';
import * as company from './company/Company.resource';
import * as contact from './contact/Contact.resource';
import { hubSpotClientFor } from './common';
import { countedFromOutputs, withSyncHealth } from './sync-health';
import * as list from './list/List.resource';
import * as message from './message/Message.resource';
import * as ticket from './ticket/Ticket.resource';

/** Every write carries the run's `syncHealth` (sync-health.ts); reads and property setup do not. */
type Dropdowns = {
	company: typeof company.operationOptions;
	contact: typeof contact.operationOptions;
	ticket: typeof ticket.operationOptions;
	message: typeof message.operationOptions;
	list: typeof list.operationOptions;
};

export const operations: OperationMap<Dropdowns, HubSpotClient> = {
	company: { mirrorToKirim: withSyncHealth(countedFromOutputs(company.mirrorToKirim.execute)) },
	contact: {
		upsert: withSyncHealth(countedFromOutputs(contact.upsert.execute, contact.upsert.sourceUpdatedAt)),
		get: contact.get.execute,
		searchChanged: contact.searchChanged.execute,
		ensureProperties: contact.ensureProperties.execute,
		reconcile: withSyncHealth(contact.reconcile.execute),
		applyRecordChange: withSyncHealth(countedFromOutputs(contact.applyRecordChange.execute)),
		mirrorLabels: withSyncHealth(countedFromOutputs(contact.mirrorLabels.execute)),
	},
	ticket: {
		upsert: withSyncHealth(countedFromOutputs(ticket.upsert.execute)),
		close: withSyncHealth(countedFromOutputs(ticket.close.execute)),
		ensureProperties: ticket.ensureProperties.execute,
	},
	message: {
		log: withSyncHealth(countedFromOutputs(message.log.execute, message.log.sourceUpdatedAt)),
		backfill: withSyncHealth(countedFromOutputs(message.backfill.execute)),
		ensureProperties: message.ensureProperties.execute,
	},
	list: { mirrorToLabel: list.mirrorToLabel.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, hubSpotClientFor);
}
