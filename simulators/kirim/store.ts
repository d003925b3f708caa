import type { Clock } from '../common/clock';
import { ulid } from '../common/ids';
import { SEED_TEMPLATES, type Template, type TemplateSeed } from './templates';

export interface Contact {
	id: string;
	object: 'contact';
	phone_number: string | null;
	name: string | null;
	email: string | null;
	metadata: Record<string, unknown> | null;
	whatsapp_account: { phone_number: string | null };
	created_at: string;
	updated_at: string;
}

export interface Label {
	id: string;
	object: 'label';
	name: string;
	color: string;
	team_id: string;
	created_at: string;
	updated_at: string;
}

export interface Conversation {
	id: string;
	object: 'conversation';
	status: 'open' | 'resolved' | 'pending';
	contact: { id: string; phone_number: string | null; name: string | null };
	whatsapp_account: { phone_number: string | null };
	assignee: { id: string; name: string | null; email: string | null } | null;
	unread_count: number;
	last_message_at: string | null;
	last_inbound_at: string | null;
	created_at: string;
	updated_at: string;
}

/**
 * A message as the simulator keeps it: the fields the API shows (see `messageView`) and, after them, what only the
 * simulator uses (filtering, the send log tests read).
 */
export interface StoredMessage {
	id: string;
	object: 'message';
	type: string;
	/** Set where the simulator knows it: a send is 'queued'. Inbound messages have none (see admin.ts). */
	status?: string;
	created_at: string;
	/** A text message's body (https://developers.kirim.chat/sending/receive-messages/). */
	content?: string;
	direction: 'inbound' | 'outbound';
	phone_number_id: string;
	/** The contact's conversation, found by phone number; null for a send to a number with no contact. */
	conversation_id: string | null;
	contact_id: string | null;
	wamid: string;
	/** Sends only: the recipient and the request body as received. */
	to?: string;
	body?: Record<string, unknown>;
}

/** What the simulator stores for a new message; the id and created_at are the store's. */
export type NewMessage = Omit<StoredMessage, 'id' | 'object' | 'created_at'>;

/**
 * A message as GET …/messages and GET …/messages/{id} answer it. Kirim documents only the type-specific fields of
 * its Message resource (`content` for text, https://developers.kirim.chat/sending/receive-messages/), the `msg_` id
 * (https://developers.kirim.chat/concepts/resource-ids/) and that it has a `status`
 * (https://developers.kirim.chat/concepts/pagination/). `object`, `type` and `created_at` are what this simulator
 * already answers for a message (the POST …/messages answer); direction, wamid, conversation_id and contact_id are
 * not documented, so they are not shown, however the simulator keeps them.
 */
export function messageView(message: StoredMessage): Record<string, unknown> {
	return {
		id: message.id,
		object: message.object,
		type: message.type,
		...(message.status !== undefined ? { status: message.status } : {}),
		created_at: message.created_at,
		...(message.content !== undefined ? { content: message.content } : {}),
	};
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The ULID after `value` (its last character counted up, carrying), so ids made in one millisecond stay in order. */
function nextUlid(value: string): string {
	const chars = value.split('');
	for (let i = chars.length - 1; i >= 0; i--) {
		const digit = CROCKFORD.indexOf(chars[i]);
		if (digit < CROCKFORD.length - 1) {
			chars[i] = CROCKFORD[digit + 1];
			return chars.join('');
		}
		chars[i] = CROCKFORD[0];
	}
	throw new Error(`no ULID after ${value}`);
}

/** A member of the organization who can be assigned conversations (a conversation's `assignee`). */
export interface User {
	id: string;
	name: string | null;
	email: string | null;
}

/**
 * The organization's agents at start. Kirim documents no users endpoint; its conversation object names the
 * assignee as `{id, name, email}`, so the simulator keeps a roster to fill that in.
 */
export const SEED_USERS: readonly User[] = [
	{ id: 'usr_01J9AGENT00000000000000001', name: 'Agent One', email: 'agent.one@example.com' },
	{ id: 'usr_01J9AGENT00000000000000002', name: 'Agent Two', email: 'agent.two@example.com' },
	{ id: 'usr_01J9AGENT00000000000000003', name: 'Rina Wijaya', email: 'rina@example.com' },
];

export interface Account {
	object: 'account';
	phone_number_id: string;
	phone_number: string;
	name: string;
	status: string;
}

export interface Secret {
	id: string;
	secret: string;
	created_at: string;
	expires_at: string | null;
}

export interface Subscription {
	id: string;
	object: 'webhook_subscription';
	url: string;
	status: 'active' | 'paused' | 'disabled';
	events: string[];
	description: string | null;
	secrets: Secret[];
	created_at: string;
	updated_at: string;
	consecutive_failures: number;
}

export interface Attempt {
	attempt: number;
	at: string;
	response_status_code: number | null;
	response_body: string;
	error: string | null;
	duration_ms: number;
}

export interface Delivery {
	id: string;
	object: 'webhook_delivery';
	subscription_id: string;
	event_type: string;
	event_id: string;
	source: 'kirim' | 'meta';
	status: 'pending' | 'delivered' | 'failed' | 'dead';
	attempts: Attempt[];
	replayed_from: string | null;
	created_at: string;
	/** The exact bytes sent (every attempt re-signs these). */
	body: string;
}

/**
 * Ids of other organisations (bulk_label skips them and counts them:
 * https://developers.kirim.chat/api/operations/phone_number_idcontactsbulk_label/).
 */
export const OTHER_ORG_CONTACT = 'ctc_01XTHERXRG0000000000000000';

/** Everything the simulated organisation holds, in memory. */
export class KirimStore {
	readonly contacts = new Map<string, Contact>();
	readonly contactLabels = new Map<string, Set<string>>();
	/** Which account (phone_number_id) a contact belongs to. */
	readonly contactAccount = new Map<string, string>();
	/** Team of each contact (labels of another team are skipped by bulk_label). */
	readonly contactTeam = new Map<string, string>();
	readonly labels = new Map<string, Label>();
	readonly conversations = new Map<string, Conversation>();
	readonly conversationAccount = new Map<string, string>();
	readonly subscriptions = new Map<string, Subscription>();
	readonly deliveries = new Map<string, Delivery>();
	/** Every message, sent or received, in id order (= creation order: `addMessage` makes ids that only go up). */
	readonly messages: StoredMessage[] = [];
	private readonly messageIndex = new Map<string, StoredMessage>();
	readonly templates = new Map<string, Template>();
	/** Which account (phone_number_id) a template belongs to. */
	readonly templateAccount = new Map<string, string>();
	readonly organization = { id: `org_${ulid(0)}`, object: 'organization' as const, name: 'Simulated Org' };
	readonly defaultTeam = 'team_default';
	readonly users = new Map<string, User>(SEED_USERS.map((u) => [u.id, { ...u }]));
	/**
	 * Whether contact events carry `contact.labels` (label objects), the form Kirim's CRM guide reads
	 * (https://developers.kirim.chat/guides/sync-crm/). Off by default: the documented contact schema has no labels field.
	 */
	labelsInContactEvents = false;

	constructor(
		private readonly clock: Clock,
		readonly accounts: Account[],
	) {
		for (const account of accounts) for (const seed of SEED_TEMPLATES) this.addTemplate(seed, account.phone_number_id);
	}

	now(): string {
		return new Date(this.clock.now()).toISOString();
	}

	newId(prefix: string): string {
		return `${prefix}_${ulid(this.clock.now())}`;
	}

	/** A conversation's assignee for a user id: the roster's name and email, nulls for a user it does not know. */
	assigneeFor(userId: string): User {
		return { ...(this.users.get(userId) ?? { id: userId, name: null, email: null }) };
	}

	account(phoneNumberId: string): Account | undefined {
		return this.accounts.find((a) => a.phone_number_id === phoneNumberId);
	}

	/**
	 * Contacts of one account (phone-scoped paths) or all (org-level), oldest first (ids are time-ordered).
	 * Kept sorted between changes, so paging 100 000 contacts costs a page per request, not a sort
	 * (benchmarks measure the node, not the simulator). Callers must not modify the array.
	 */
	contactsOf(phoneNumberId?: string): readonly Contact[] {
		if (this.sortedFor !== this.contacts.size) {
			this.sortedContacts.clear();
			this.sortedFor = this.contacts.size;
		}
		const key = phoneNumberId ?? '*';
		let sorted = this.sortedContacts.get(key);
		if (!sorted) {
			const all = [...this.contacts.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
			sorted = phoneNumberId ? all.filter((c) => this.contactAccount.get(c.id) === phoneNumberId) : all;
			this.sortedContacts.set(key, sorted);
		}
		return sorted;
	}

	private readonly sortedContacts = new Map<string, Contact[]>();
	/** The contact count the sorted lists were made for (contacts are only ever added, by addContact). */
	private sortedFor = -1;

	conversationsOf(phoneNumberId?: string): Conversation[] {
		const all = [...this.conversations.values()];
		const mine = phoneNumberId ? all.filter((c) => this.conversationAccount.get(c.id) === phoneNumberId) : all;
		// Most recently active first by last_message_at, nulls last
		// (https://developers.kirim.chat/api/operations/phone_number_idconversations/).
		return mine.sort((a, b) => {
			if (a.last_message_at === b.last_message_at) return a.id < b.id ? -1 : 1;
			if (a.last_message_at === null) return 1;
			if (b.last_message_at === null) return -1;
			return a.last_message_at < b.last_message_at ? 1 : -1;
		});
	}

	addContact(
		fields: Partial<Contact> & { phone_number: string },
		phoneNumberId: string,
		team = this.defaultTeam,
	): Contact {
		const now = this.now();
		const contact: Contact = {
			id: this.newId('ctc'),
			object: 'contact',
			phone_number: fields.phone_number,
			name: fields.name ?? null,
			email: fields.email ?? null,
			metadata: fields.metadata ?? null,
			whatsapp_account: { phone_number: this.account(phoneNumberId)?.phone_number ?? null },
			created_at: fields.created_at ?? now,
			updated_at: now,
		};
		this.contacts.set(contact.id, contact);
		this.contactAccount.set(contact.id, phoneNumberId);
		this.contactTeam.set(contact.id, team);
		this.contactLabels.set(contact.id, new Set());
		return contact;
	}

	addConversation(contact: Contact, phoneNumberId: string): Conversation {
		const now = this.now();
		const conversation: Conversation = {
			id: this.newId('cnv'),
			object: 'conversation',
			status: 'open',
			contact: { id: contact.id, phone_number: contact.phone_number, name: contact.name },
			whatsapp_account: { phone_number: this.account(phoneNumberId)?.phone_number ?? null },
			assignee: null,
			unread_count: 0,
			last_message_at: now,
			last_inbound_at: now,
			created_at: now,
			updated_at: now,
		};
		this.conversations.set(conversation.id, conversation);
		this.conversationAccount.set(conversation.id, phoneNumberId);
		return conversation;
	}

	/** A conversation as the API shows it: its contact as the contact is now (renamed since, the name follows). */
	conversationView(conversation: Conversation): Conversation {
		const contact = this.contacts.get(conversation.contact.id);
		return contact
			? { ...conversation, contact: { id: contact.id, phone_number: contact.phone_number, name: contact.name } }
			: conversation;
	}

	addTemplate(seed: TemplateSeed, phoneNumberId: string): Template {
		const now = this.now();
		const template: Template = {
			id: this.newId('tmpl'),
			object: 'template',
			...seed,
			created_at: now,
			updated_at: now,
		};
		this.templates.set(template.id, template);
		this.templateAccount.set(template.id, phoneNumberId);
		return template;
	}

	/** Templates of one account (phone-scoped paths) or of all (org-level), in id order. */
	templatesOf(phoneNumberId?: string): Template[] {
		const all = [...this.templates.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
		return phoneNumberId ? all.filter((t) => this.templateAccount.get(t.id) === phoneNumberId) : all;
	}

	/**
	 * Stores a message with a `msg_` id above every earlier one, even in the same millisecond or after the clock went
	 * back, so listing in id order is listing oldest first.
	 */
	addMessage(fields: NewMessage): StoredMessage {
		let id = this.newId('msg');
		const last = this.messages.at(-1)?.id;
		if (last !== undefined && id <= last) id = `msg_${nextUlid(last.slice('msg_'.length))}`;
		const message: StoredMessage = { id, object: 'message', created_at: this.now(), ...fields };
		this.messages.push(message);
		this.messageIndex.set(id, message);
		return message;
	}

	message(id: string): StoredMessage | undefined {
		return this.messageIndex.get(id);
	}

	/** Messages of one account (phone-scoped paths) or of all (org-level), oldest first. */
	messagesOf(phoneNumberId?: string): readonly StoredMessage[] {
		return phoneNumberId ? this.messages.filter((m) => m.phone_number_id === phoneNumberId) : this.messages;
	}

	/** The contact with this phone number on this account, and its conversation (the first, as sends find it). */
	conversationWith(
		phoneNumberId: string,
		phoneNumber: string,
	): { contact: Contact | undefined; conversation: Conversation | undefined } {
		const contact = this.contactsOf(phoneNumberId).find((c) => c.phone_number === phoneNumber);
		const conversation = contact
			? [...this.conversations.values()].find((c) => c.contact.id === contact.id)
			: undefined;
		return { contact, conversation };
	}

	/** Secrets still signing at this moment (an expired one no longer signs). */
	activeSecrets(subscription: Subscription): Secret[] {
		const now = this.clock.now();
		return subscription.secrets.filter((s) => s.expires_at === null || Date.parse(s.expires_at) > now);
	}
}
