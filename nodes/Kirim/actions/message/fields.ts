import type { INodeProperties } from 'n8n-workflow';

/** The customer's number, shown first for every send. */
export const toField: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	required: true,
	default: '',
	placeholder: '+628111222333',
	description: 'The customer’s WhatsApp number (E.164)',
};

/** The options every send offers (read by `send`). */
export const sendOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			description:
				'Kirim sends a message at most once per key for 24 hours. Empty: a key from the triggering Kirim or HubSpot event (else this execution), node and item, so a retried step or a second run of the same event never messages the customer twice.',
		},
	],
};
