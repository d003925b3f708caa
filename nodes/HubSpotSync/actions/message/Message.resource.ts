import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as ensureProperties from './ensureProperties.operation';
import * as log from './log.operation';

export { ensureProperties, log };

/** The operations of the message resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
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

export const description = resourceProperties('message', operationOptions, 'log', [log, ensureProperties]);
