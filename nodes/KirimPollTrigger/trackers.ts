import type { IDataObject } from 'n8n-workflow';

import { parseDateMs } from '../shared/sync/dates';
import type { Fingerprint } from './state';

export interface Comparison {
	/** Emit the record as changed. */
	changed: boolean;
	/** Keep the new fingerprint (a stale read, older than what was seen, keeps the old one). */
	keep: boolean;
	changes: string[];
	previous: IDataObject;
}

/** What a compare walk needs to know about one resource. */
export interface Tracker {
	/** Query of each list the walk reads, in order (conversations: one per status filter, or one unfiltered). */
	parts: IDataObject[];
	fingerprint(record: IDataObject): Fingerprint;
	compare(previous: Fingerprint, current: Fingerprint): Comparison;
}

/** ms when readable; otherwise the text, compared as text (never NaN, which would compare unequal to itself). */
function timeOf(value: unknown): number | string {
	return parseDateMs(value) ?? String(value ?? '');
}

function isoOf(value: number | string): string {
	return typeof value === 'number' ? new Date(value).toISOString() : value;
}

/** -1, 0, 1; text and numbers that cannot be ordered count as "different, newer". */
function order(previous: number | string, current: number | string): number {
	if (typeof previous === 'number' && typeof current === 'number') return Math.sign(current - previous);
	return previous === current ? 0 : 1;
}

/** Contacts: a contact changed when its updated_at moved forward (name, email, metadata and labels all move it). */
export const contactTracker: Tracker = {
	parts: [{}],
	fingerprint: (record) => timeOf(record.updated_at),
	compare(previous, current) {
		const newer = order(previous, current) > 0;
		return {
			changed: newer,
			keep: newer,
			changes: newer ? ['updated_at'] : [],
			previous: { updatedAt: isoOf(previous) },
		};
	},
};

const SEPARATOR = '|';

interface ConversationShape {
	updated: number | string;
	status: string;
	assigneeId: string;
}

function conversationShape(fingerprint: Fingerprint): ConversationShape {
	const [updated, status, assigneeId] = String(fingerprint).split(SEPARATOR);
	const ms = Number(updated);
	return {
		updated: updated !== '' && Number.isFinite(ms) ? ms : updated,
		status: status ?? '',
		assigneeId: assigneeId ?? '',
	};
}

/**
 * Conversations: Kirim orders them by last message
 * (https://developers.kirim.chat/api/operations/phone_number_idconversations/), which an assignment or a close does
 * not move, and does not say that those bump updated_at — so status and assignee are compared as well as updated_at.
 * Fingerprint: `updated|status|assigneeId`.
 */
export function conversationTracker(statuses: readonly string[], allStatuses: readonly string[]): Tracker {
	const everyStatus = allStatuses.every((s) => statuses.includes(s));
	return {
		// Every status watched: one unfiltered list (a third of the requests, and no move between lists mid-walk).
		parts: everyStatus ? [{}] : statuses.map((status) => ({ status })),
		fingerprint(record) {
			const assignee = (record.assignee as IDataObject | null | undefined)?.id;
			const updated = timeOf(record.updated_at);
			return [updated, String(record.status ?? ''), typeof assignee === 'string' ? assignee : ''].join(SEPARATOR);
		},
		compare(previousPrint, currentPrint) {
			const previous = conversationShape(previousPrint);
			const current = conversationShape(currentPrint);
			const when = order(previous.updated, current.updated);
			const changes: string[] = [];
			if (previous.status !== current.status) changes.push('status');
			if (previous.assigneeId !== current.assigneeId) changes.push('assignee');
			if (when > 0) changes.push('updated_at');
			// An older read (a lagging replica) is not a change, whatever it says.
			const changed = when >= 0 && changes.length > 0;
			return {
				changed,
				keep: changed,
				changes: changed ? changes : [],
				previous: {
					status: previous.status,
					assigneeId: previous.assigneeId || null,
					updatedAt: isoOf(previous.updated),
				},
			};
		},
	};
}
