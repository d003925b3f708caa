import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as backfill from './backfill.operation';
import * as ensureProperties from './ensureProperties.operation';
import * as log from './log.operation';

export { backfill, ensureProperties, log };

/** The operations of the message resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{
		name: 'Backfill Conversation History',
		value: 'backfill',
		description:
			'Log a Kirim conversation’s past messages on the contact’s timeline, skipping what the live path or an earlier backfill logged',
		action: 'Backfill a conversation history on the HubSpot timeline',
	},
	{
		name: 'Ensure Properties',
		value: 'ensureProperties',
		description: 'Create the WhatsApp message ID property on communications when missing',
		action: 'Ensure the message sync property exists',
	},
	{
		name: 'Log on Timeline',
		value: 'log',
		description:
			'Log WhatsApp messages on the contact’s timeline as WhatsApp communications, each once, with its ticket when it has one',
		action: 'Log WhatsApp messages on the HubSpot timeline',
	},
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('message', operationOptions, 'log', [log, backfill, ensureProperties]);
