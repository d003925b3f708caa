import { SEED_USERS } from '../simulators/kirim/store';

/** The commands `npm start` prints to show each direction of the sync, for the simulators at these URLs. */
export interface DemoCommand {
	/** What it does, printed before it. */
	title?: string;
	command: string;
}

export interface DemoTargets {
	kirim: string;
	hubspot: string;
	/** The HubSpot private-app token (the segment step uses HubSpot's own Lists API). */
	hubspotToken: string;
	/** The "VIP customers" segment's list id (testkit/sandbox.ts ensureDemoSegment). */
	segmentListId: string;
}

export function demoCommands(urls: DemoTargets): DemoCommand[] {
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
		{
			title:
				'HubSpot segment → Kirim label: put that contact (its HubSpot id from the list above) in the "VIP customers" segment; within 5 minutes the segment example gives its Kirim contact (contact.id in the first command’s answer) the label VIP, and takes it off when the contact leaves the segment (…/memberships/remove):',
			command: `curl -X PUT ${urls.hubspot}/crm/lists/2026-09/${urls.segmentListId}/memberships/add -H 'authorization: Bearer ${urls.hubspotToken}' -H 'content-type: application/json' -d '["<id>"]'`,
		},
		{ command: `curl ${urls.kirim}/_sim/contacts/<kirim_id>/labels` },
		{
			title:
				'HubSpot deletion → Kirim: delete that contact in HubSpot as a person would; the HubSpot → Kirim example unlinks its Kirim contact (crm_id leaves its metadata, crm_deleted_id and crm_deleted_at appear); POST …/<id>/restore links it again:',
			command: `curl -X DELETE ${urls.hubspot}/_sim/crm/contacts/<id>`,
		},
		{ command: `curl ${urls.kirim}/_sim/contacts/<kirim_id>` },
	];
}
