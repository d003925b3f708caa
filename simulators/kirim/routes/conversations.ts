import type { Router } from '../../common/router';
import { parseJsonBody } from '../../common/pipeline';
import { page } from '../cursor';
import { KirimInvalid, list, notFound, ok } from '../errors';
import { conversationAssigned, conversationClosed } from '../events';
import { scoped, type SimContext } from '../context';
import type { Conversation } from '../store';
import * as v from '../validate';

const STATUSES = ['open', 'resolved', 'pending'];

export function conversationRoutes(router: Router, ctx: SimContext): void {
	const { store } = ctx;
	const find = (id: string, phone: string | undefined): Conversation => {
		const conversation = store.conversations.get(id);
		if (!conversation || (phone && store.conversationAccount.get(id) !== phone)) throw notFound('conversation');
		return conversation;
	};

	scoped(router, ctx, 'GET', '/conversations', (req, phone) => {
		const filters: Record<string, string> = { scope: phone ?? '*' };
		let conversations = store.conversationsOf(phone);
		const status = req.query.get('status');
		if (status !== null) {
			if (!STATUSES.includes(status))
				throw new KirimInvalid('invalid_field_value', 'status must be open, resolved or pending.', 'status');
			filters.status = status;
			conversations = conversations.filter((c) => c.status === status);
		}
		const contactId = req.query.get('contact_id');
		if (contactId !== null) {
			filters.contact_id = v.id(contactId, 'ctc', 'contact_id');
			conversations = conversations.filter((c) => c.contact.id === contactId);
		}
		const result = page(ctx.cursors, conversations, v.limit(req.query.get('limit')), req.query.get('cursor'), filters);
		return list(
			result.data.map((c) => store.conversationView(c)),
			result.hasMore,
			result.nextCursor,
		);
	});

	scoped(router, ctx, 'GET', '/conversations/:id', (req, phone) =>
		ok(store.conversationView(find(req.params.id, phone))),
	);

	/**
	 * Assign, close, reopen: PATCH `{status?, assigned_to?}`, at least one
	 * (https://kirim-dev.pages.dev/api/operations/conversationsid/patch/).
	 */
	scoped(router, ctx, 'PATCH', '/conversations/:id', (req, phone) => {
		const conversation = find(req.params.id, phone);
		const body = v.object(parseJsonBody(req));
		v.onlyKeys(body, ['status', 'assigned_to']);
		if (body.status === undefined && body.assigned_to === undefined) {
			throw new KirimInvalid('missing_required_field', 'Send status, assigned_to or both.');
		}
		if (body.status !== undefined && !STATUSES.includes(String(body.status))) {
			throw new KirimInvalid('invalid_field_value', 'status must be open, resolved or pending.', 'status');
		}
		const assignee =
			body.assigned_to === undefined || body.assigned_to === null
				? body.assigned_to
				: v.id(body.assigned_to, 'usr', 'assigned_to');
		const previous = conversation.assignee?.id ?? null;
		if (assignee !== undefined && assignee !== previous) {
			conversation.assignee = assignee === null ? null : store.assigneeFor(assignee as string);
			conversation.updated_at = store.now();
			ctx.sender.emit(conversationAssigned(store, conversation, previous));
		}
		if (body.status !== undefined && body.status !== conversation.status) {
			conversation.status = body.status as Conversation['status'];
			conversation.updated_at = store.now();
			if (conversation.status === 'resolved') ctx.sender.emit(conversationClosed(store, conversation, null));
		}
		return ok(store.conversationView(conversation));
	});
}
