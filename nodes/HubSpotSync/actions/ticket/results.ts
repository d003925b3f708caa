import type { IDataObject } from 'n8n-workflow';

import type { TicketSyncResult } from './ticket-sync';

/** What every ticket output item says, whatever the operation. */
export function ticketJson(result: TicketSyncResult): IDataObject {
	return {
		kirimConversationId: result.conversationId,
		hubspotTicketId: result.ticketId ?? null,
		operation: result.history.operation,
		path: result.path ?? null,
		stageId: result.stageId ?? null,
		...(result.duplicates ? { duplicateTicketIds: result.duplicates } : {}),
		sync: result.history as unknown as IDataObject,
	};
}
