import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { KirimClient } from '../../shared/kirim/client';
import { routeKirimOperation } from '../../shared/node/kirim-route';
import type { OperationMap } from '../../shared/node/route';
import * as bulkLabel from './bulkLabel/BulkLabel.resource';
import * as contact from './contact/Contact.resource';
import * as conversation from './conversation/Conversation.resource';
import * as label from './label/Label.resource';
import * as message from './message/Message.resource';

type Dropdowns = {
	contact: typeof contact.operationOptions;
	bulkLabel: typeof bulkLabel.operationOptions;
	conversation: typeof conversation.operationOptions;
	label: typeof label.operationOptions;
	message: typeof message.operationOptions;
};

export const operations: OperationMap<Dropdowns, KirimClient> = {
	contact: {
		get: contact.get.execute,
		getAll: contact.getAll.execute,
		create: contact.create.execute,
		update: contact.update.execute,
		upsert: contact.upsert.execute,
		attachLabel: contact.attachLabel.execute,
		detachLabel: contact.detachLabel.execute,
	},
	bulkLabel: { attach: bulkLabel.attach.execute, detach: bulkLabel.detach.execute },
	conversation: {
		get: conversation.get.execute,
		getAll: conversation.getAll.execute,
		update: conversation.update.execute,
	},
	label: {
		get: label.get.execute,
		getAll: label.getAll.execute,
		create: label.create.execute,
		update: label.update.execute,
		delete: label.deleteLabel.execute,
	},
	message: {
		get: message.get.execute,
		getAll: message.getAll.execute,
		sendText: message.sendText.execute,
		sendTemplate: message.sendTemplate.execute,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeKirimOperation(this, operations);
}
