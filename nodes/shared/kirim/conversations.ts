/** Kirim's conversation statuses (https://developers.kirim.chat/api/operations/phone_number_idconversations/). */
export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** How the statuses read in a dropdown; resolved is what Kirim's inbox calls closing a conversation. */
export const CONVERSATION_STATUS_OPTIONS: Array<{ name: string; value: ConversationStatus }> = [
	{ name: 'Open', value: 'open' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Resolved (Closed)', value: 'resolved' },
];
