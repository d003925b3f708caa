import type { NodeApiError } from 'n8n-workflow';

import { collect } from '../transport/pagination';
import type { HubSpotClient } from './client';
import { ownersPath } from './api-version';

/** A HubSpot user who can own records (`GET /crm/owners/<version>`, scope crm.objects.owners.read). */
export interface HubSpotOwner {
	id: string;
	email?: string | null;
	firstName?: string | null;
	lastName?: string | null;
	userId?: number | null;
	archived?: boolean;
}

/**
 * A Kirim assignee as the conversation object gives it: `assignee {id, name, email}`
 * (https://developers.kirim.chat/api/operations/phone_number_idconversations/).
 */
export interface Assignee {
	id?: string;
	email?: string;
}

/** How an assignee was matched: by the manual table, by email through the owners API, or not at all. */
export type OwnerMatch =
	| { status: 'matched'; ownerId: string; by: 'override' | 'email' }
	| { status: 'unmatched'; reason: string }
	| { status: 'unassigned' }
	| { status: 'failed'; error: NodeApiError };

export const ownerName = (o: HubSpotOwner): string =>
	[o.firstName, o.lastName].filter(Boolean).join(' ').trim() || String(o.email ?? o.id);

export async function listOwners(client: HubSpotClient, limit = 2000): Promise<HubSpotOwner[]> {
	return await collect(client.listPages<HubSpotOwner>(ownersPath(), {}, 100), limit);
}

/**
 * Kirim assignee → HubSpot owner for one run: the override table first (by Kirim user id, then email, case
 * ignored), then HubSpot's owners API by email — one request per distinct email, remembered for the run.
 */
export class OwnerMatcher {
	private readonly byEmail = new Map<string, Promise<HubSpotOwner | undefined>>();
	requests = 0;

	constructor(private readonly client: HubSpotClient) {}

	async match(assignee: Assignee, overrides: Map<string, string>): Promise<OwnerMatch> {
		const id = assignee.id?.trim();
		const email = assignee.email?.trim().toLowerCase();
		if (!id && !email) return { status: 'unassigned' };
		const override = (id && overrides.get(id)) || (email && overrides.get(email));
		if (override) return { status: 'matched', ownerId: override, by: 'override' };
		if (!email) return { status: 'unmatched', reason: `Kirim user ${id} has no email to match and no override` };
		try {
			const owner = await this.lookup(email);
			return owner
				? { status: 'matched', ownerId: owner.id, by: 'email' }
				: { status: 'unmatched', reason: `No HubSpot owner has the email ${email}` };
		} catch (error) {
			return { status: 'failed', error: error as NodeApiError };
		}
	}

	private lookup(email: string): Promise<HubSpotOwner | undefined> {
		let pending = this.byEmail.get(email);
		if (!pending) {
			this.requests++;
			pending = this.client
				.json<{ results?: HubSpotOwner[] }>({ method: 'GET', path: ownersPath(), qs: { email, limit: 100 } })
				.then((body) => (body.results ?? []).find((o) => !o.archived && String(o.email ?? '').toLowerCase() === email));
			this.byEmail.set(email, pending);
		}
		return pending;
	}
}

/** The override table as typed in the node: keys lowercased when they are emails, Kirim user ids as given. */
export function overrideTable(rows: Array<{ kirimUser?: unknown; ownerId?: unknown }>): Map<string, string> {
	const table = new Map<string, string>();
	for (const row of rows) {
		const key = String(row.kirimUser ?? '').trim();
		const owner = String(row.ownerId ?? '').trim();
		if (key && owner) table.set(key.includes('@') ? key.toLowerCase() : key, owner);
	}
	return table;
}
