import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { canonicalEventName } from '../../../shared/kirim/events';
import { forItemsInBatch } from '../../../shared/node/batched';
import { optionalKirimId, textParameter } from '../../../shared/node/parameters';
import { parseDateMs } from '../../../shared/sync/dates';
import { normalisePhone } from '../../../shared/sync/phone';
import { timelineProblem, type MessageDirection } from '../../../shared/sync/timeline-entry';
import { rateBudgetField } from '../common';
import { logMessages, type MessageLogRequest, type MessageLogResult } from './message-log';
import { messagePropertyNames, messagePropertyOptions } from './message-options';

const show = { resource: ['message'], operation: ['log'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '={{ $json.wamid ?? $json.data?.message?.id ?? $json.id }}',
		required: true,
		description:
			'What makes a message unique: the WhatsApp message ID (wamid) of a Kirim Trigger message item by default. A message logged before is not logged again.',
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{
				name: 'Automatic',
				value: 'auto',
				description: 'Received when the item has the sender (from), sent when it has the recipient (to)',
			},
			{ name: 'Received (Inbound)', value: 'inbound' },
			{ name: 'Sent (Outbound)', value: 'outbound' },
		],
		default: 'auto',
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'string',
		default: '={{ $json.type ?? $json.data?.message?.type ?? "text" }}',
		description: 'WhatsApp’s message type (text, image, document, …); other types get a readable line',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 2 },
		default:
			'={{ typeof $json.text === "string" ? $json.text : ($json.text?.body ?? $json.data?.message?.content ?? "") }}',
		description: 'The message text, or a media message’s caption',
	},
	{
		displayName: 'Sent At',
		name: 'sentAt',
		type: 'string',
		default: '={{ $json.timestamp ?? $json.data?.message?.created_at ?? $json.created_at }}',
		required: true,
		description: 'When the message was sent: ISO 8601, or epoch seconds or milliseconds',
	},
	{
		displayName: 'Customer Phone Number',
		name: 'phone',
		type: 'string',
		default: '={{ $json.from ?? $json.to ?? "" }}',
		placeholder: '+628111222333',
		description:
			'The customer’s WhatsApp number; the HubSpot contact with it in the Phone Property gets the message. Digits alone (as WhatsApp sends them) are read with a leading +. Used when Kirim Contact ID is empty.',
	},
	{
		displayName: 'Kirim Contact ID',
		name: 'kirimContactId',
		type: 'string',
		default: '',
		placeholder: 'ctc_01J…',
		description:
			'The customer’s Kirim contact: the HubSpot contact with it in the Contact ID Property gets the message (read, so a contact synced seconds ago is found). Empty: found by phone number.',
	},
	{
		displayName: 'Kirim Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		placeholder: 'cnv_01J…',
		description:
			'The message’s Kirim conversation: its HubSpot ticket, when there is one, shows the message too. WhatsApp’s message payload carries no conversation ID.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			...messagePropertyOptions,
			{
				displayName: 'Phone Property',
				name: 'phoneProperty',
				type: 'string',
				default: 'phone',
				description: 'HubSpot contact property searched for the customer’s number',
			},
			rateBudgetField,
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

/** Items per turn: two upserts and two association batches. */
const ITEMS_PER_TURN = 200;

/** Automatic: a Kirim Trigger message item names its sender (from), a message n8n sent its recipient (to). */
function directionOf(ctx: IExecuteFunctions, i: number, json: IDataObject): MessageDirection {
	const chosen = textParameter(ctx, 'direction', i);
	if (chosen === 'inbound' || chosen === 'outbound') return chosen;
	if (json.from) return 'inbound';
	if (json.to) return 'outbound';
	throw new NodeOperationError(
		ctx.getNode(),
		'The direction of this message is unknown: the item has neither from nor to, so pick Received or Sent',
		{ itemIndex: i },
	);
}

/** WhatsApp sends numbers as digits without the +. */
function phoneOf(ctx: IExecuteFunctions, i: number): string | undefined {
	const raw = textParameter(ctx, 'phone', i);
	if (!raw) return undefined;
	const result = normalisePhone(/^\d+$/.test(raw) ? `+${raw}` : raw);
	if (!result.ok)
		throw new NodeOperationError(ctx.getNode(), `Customer Phone Number: ${result.reason}`, { itemIndex: i });
	return result.e164;
}

/** The message's source time for the run's lag figure (syncHealth): when it was sent. */
export function sourceUpdatedAt(ctx: IExecuteFunctions, i: number): unknown {
	return ctx.getNodeParameter('sentAt', i, undefined);
}

function requestFor(ctx: IExecuteFunctions, i: number): MessageLogRequest {
	const json = ctx.getInputData()[i]?.json ?? {};
	const messageId = textParameter(ctx, 'messageId', i);
	if (canonicalEventName(String(json.event)) === 'message.status')
		return {
			itemIndex: i,
			message: { messageId, direction: 'outbound', type: '', text: '', sentAtMs: 0 },
			skipReason: 'a delivery status, not a message: a status never adds a timeline entry',
		};
	const sentAt = ctx.getNodeParameter('sentAt', i, '');
	const problem = timelineProblem({ messageId, sentAt });
	if (problem) throw new NodeOperationError(ctx.getNode(), problem, { itemIndex: i });
	return {
		itemIndex: i,
		message: {
			messageId,
			direction: directionOf(ctx, i, json),
			type: textParameter(ctx, 'messageType', i) || 'text',
			text: textParameter(ctx, 'text', i),
			sentAtMs: parseDateMs(sentAt)!,
		},
		kirimContactId: optionalKirimId(ctx, 'kirimContactId', 'ctc', i),
		phone: phoneOf(ctx, i),
		conversationId: optionalKirimId(ctx, 'conversationId', 'cnv', i),
	};
}

function resultJson(result: MessageLogResult): IDataObject {
	return {
		messageId: result.messageId,
		operation: result.operation,
		...(result.communicationId ? { communicationId: result.communicationId } : {}),
		...(result.reason ? { reason: result.reason } : {}),
		...(result.contact ? { contact: { ...result.contact } } : {}),
		...(result.ticket ? { ticket: { ...result.ticket } } : {}),
	};
}

export async function execute(this: IExecuteFunctions, client: HubSpotClient): Promise<INodeExecutionData[]> {
	const names = messagePropertyNames(this.getNodeParameter('options', 0, {}) as IDataObject);
	const contactCache = new Map<string, string>();
	return await forItemsInBatch(
		this,
		(i) => requestFor(this, i),
		async (requests) => (await logMessages(client, requests, { ...names, contactCache })).results,
		resultJson,
		// Logging is idempotent (upsert by message id), so a run may write in turns of 200 items: reading the next
		// turn's parameters then overlaps the rate-limit waits. A bad item in a later turn fails the run after the
		// earlier turns were logged; running again logs nothing twice.
		ITEMS_PER_TURN,
	);
}
