import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeKirimOperation, type KirimOperations } from '../../shared/node/kirim-route';
import * as bulkLabel from './bulkLabel/BulkLabel.resource';
import * as contact from './contact/Contact.resource';
import * as conversation from './conversation/Conversation.resource';
import * as label from './label/Label.resource';
import * as message from './message/Message.resource';

export const operations: KirimOperations = {
	contact: {
		get: contact.get.execute,
		getAll: contact.getAll.execute,
		create: contact.create.execute,
		update: contact.update.execute,
		upsert: contact.upsert.execute,
		attachLabel: contact.labels.attach,
		detachLabel: contact.labels.detach,
	},
	bulkLabel: { attach: bulkLabel.attach, detach: bulkLabel.detach },
	conversation: { get: conversation.get, getAll: conversation.getAll, update: conversation.update },
	label: {
		get: label.get,
		getAll: label.getAll,
		create: label.create,
		update: label.update,
		delete: label.deleteLabel,
	},
	message: { sendText: message.sendText, sendTemplate: message.sendTemplate },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeKirimOperation(this, operations);
}
