import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { KirimClient } from '../../shared/kirim/client';
import * as bulkLabel from './bulkLabel/BulkLabel.resource';
import * as contact from './contact/Contact.resource';
import * as conversation from './conversation/Conversation.resource';
import * as label from './label/Label.resource';
import * as message from './message/Message.resource';

type Operation = (this: IExecuteFunctions, client: KirimClient) => Promise<INodeExecutionData[]>;

/** resource → operation → execute; a typo between an option value and this map is a test failure. */
export const operations: Record<string, Record<string, Operation>> = {
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
	label: { get: label.get, getAll: label.getAll, create: label.create, update: label.update, delete: label.deleteLabel },
	message: { sendText: message.sendText, sendTemplate: message.sendTemplate },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const client = await KirimClient.create(this);
	return [await run.call(this, client)];
}
