import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { kirimPhoneNumberOption, phoneNumberIdOf } from '../common';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import { KirimClient } from '../../../shared/kirim/client';
import { checkedKirimId, textParameter } from '../../../shared/node/parameters';
import { forEachItem } from '../../../shared/node/per-item';
import { backfillConversation } from './history-backfill';
import { messagePropertyNames, messagePropertyOptions } from './message-options';

const show = { resource: ['message'], operation: ['backfill'] };

const properties: INodeProperties[] = [
	{
		displayName:
			'Logs a Kirim conversation’s messages on its contact’s HubSpot timeline, each once: messages the live path (Log on Timeline) already logged are recognised by their text and time, messages an earlier backfill logged by their Kirim message ID. Costs per conversation: 1 + one Kirim request per 100 messages per direction, and 3–5 HubSpot requests plus one per 100 messages. Needs the Kirim credential.',
		name: 'backfillNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Kirim Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		placeholder: 'cnv_01J…',
		description: 'The conversation whose history to log; a Kirim Poll Trigger conversation item’s ID by default',
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
				displayName: 'Match Window (Seconds)',
				name: 'matchWindowSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 3600 },
				default: 120,
				description:
					'How far apart the time of an entry the live path logged (WhatsApp’s send time) and Kirim’s time for the message may be for them to count as one message',
			},
			{
				displayName: 'Skip Messages Newer Than (Minutes)',
				name: 'minAgeMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description:
					'Messages younger than this are left to the live path (Log on Timeline), so the two never log one message twice; a later backfill of the conversation logs them if the live path did not. 0: every message.',
			},
			kirimPhoneNumberOption('the conversations belong to'),
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

/** One item per conversation, with what it found and logged. */
export async function execute(this: IExecuteFunctions, hubspot: HubSpotClient): Promise<INodeExecutionData[]> {
	const kirim = await KirimClient.create(this);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const settings = {
		...messagePropertyNames(options),
		windowMs: Number(options.matchWindowSeconds ?? 120) * 1000,
		minAgeMs: Number(options.minAgeMinutes ?? 10) * 60_000,
		phoneNumberId: phoneNumberIdOf(options),
		contactCache: new Map<string, string>(),
	};
	return await forEachItem(this, async (i) => {
		const conversationId = checkedKirimId(this, textParameter(this, 'conversationId', i), 'cnv', i);
		const report = await backfillConversation(hubspot, kirim, conversationId, settings, i);
		return { ...report, operation: report.logged > 0 ? 'create' : 'skip' };
	});
}
