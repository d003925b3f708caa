import { SEED_USERS } from '../simulators/kirim/store';

/** The commands `npm start` prints to show each direction of the sync, for the simulators at these URLs. */
export interface DemoCommand {
	/** What it does, printed before it. */
	title?: string;
	command: string;
}

export function demoCommands(urls: { kirim: string; hubspot: string }): DemoCommand[] {
	return [
		{
			title:
				'Kirim → HubSpot: make Kirim send a real signed contact.created event, then watch it under Executions and in HubSpot:',
			command: `curl -X POST ${urls.kirim}/_sim/contacts -H 'content-type: application/json' -d '{"name":"Siti Nurhaliza","email":"siti@example.com"}'`,
		},
		{ command: `curl ${urls.hubspot}/_sim/crm/contacts` },
		{
			title: 'HubSpot → Kirim: edit that contact in HubSpot as a person would (use its id from the list above):',
			command: `curl -X PATCH ${urls.hubspot}/_sim/crm/contacts/<id> -H 'content-type: application/json' -d '{"properties":{"firstname":"Siti N."}}'`,
		},
		{
			title:
				'Kirim → HubSpot ticket: assign that contact’s conversation to an agent in Kirim (its conversation_id is in the first command’s answer); Kirim sends conversation.assigned and the tickets example makes one ticket, owned by the agent’s HubSpot owner:',
			command: `curl -X POST ${urls.kirim}/_sim/conversations/<conversation_id>/assign -H 'content-type: application/json' -d '{"user_id":"${SEED_USERS[0].id}"}'`,
		},
		{ command: `curl ${urls.hubspot}/_sim/crm/tickets` },
		{
			title: 'Close the conversation in Kirim; the ticket moves to its closed stage:',
			command: `curl -X POST ${urls.kirim}/_sim/conversations/<conversation_id>/close`,
		},
		{
			title:
				'Kirim → HubSpot timeline: that customer writes on WhatsApp (use the phone_number from the first command’s answer); the messages example logs it on the contact in HubSpot:',
			command: `curl -X POST ${urls.kirim}/_sim/messages/inbound -H 'content-type: application/json' -d '{"from":"<phone_number>","name":"Siti Nurhaliza","text":"Halo, pesanan saya sudah dikirim?"}'`,
		},
		{ command: `curl ${urls.hubspot}/_sim/crm/communications` },
	];
}
