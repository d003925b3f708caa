import type { Router } from '../../common/router';
import { parseJsonBody } from '../../common/pipeline';
import { page } from '../cursor';
import { KirimInvalid, list, notFound, ok } from '../errors';
import { contactCreated, contactUpdated } from '../events';
import { scoped, type SimContext } from '../context';
import { OTHER_ORG_CONTACT, type Contact } from '../store';
import * as v from '../validate';

export const BULK_LABEL_CAP = 1000;

export function contactRoutes(router: Router, ctx: SimContext): void {
	const { store } = ctx;
	const find = (id: string, phone: string | undefined): Contact => {
		const contact = store.contacts.get(id);
		if (!contact || (phone && store.contactAccount.get(id) !== phone)) throw notFound('contact');
		return contact;
	};

	scoped(router, ctx, 'GET', '/contacts', (req, phone) => {
		const filters: Record<string, string> = { scope: phone ?? '*' };
		let contacts = store.contactsOf(phone);
		const phoneFilter = req.query.get('phone');
		if (phoneFilter !== null) {
			filters.phone = v.phone(phoneFilter, 'phone');
			contacts = contacts.filter((c) => c.phone_number === phoneFilter);
		}
		const search = req.query.get('search');
		if (search !== null) {
			if (search.length < 1 || search.length > 200)
				throw new KirimInvalid('invalid_field_value', 'search must be 1–200 characters.', 'search');
			filters.search = search;
			const needle = search.toLowerCase();
			contacts = contacts.filter((c) => `${c.name ?? ''} ${c.email ?? ''}`.toLowerCase().includes(needle));
		}
		// created_after appears only in an example of Kirim's "Sync your CRM" guide
		// (https://developers.kirim.chat/guides/sync-crm/), not on the contacts list page.
		const after = req.query.get('created_after');
		if (after !== null && ctx.behaviour.contactsCreatedAfter) {
			if (Number.isNaN(Date.parse(after)))
				throw new KirimInvalid('invalid_field_value', 'created_after must be an ISO 8601 time.', 'created_after');
			filters.created_after = after;
			contacts = contacts.filter((c) => Date.parse(c.created_at) > Date.parse(after));
		}
		const result = page(ctx.cursors, contacts, v.limit(req.query.get('limit')), req.query.get('cursor'), filters, true);
		return list(result.data, result.hasMore, result.nextCursor);
	});

	scoped(router, ctx, 'POST', '/contacts', (req, phone) =>
		ctx.idempotency.run(req, async () => {
			const body = v.object(parseJsonBody(req));
			v.onlyKeys(body, ['phone_number', 'name', 'email', 'metadata', 'from']);
			const phoneNumber = v.phone(v.requiredString(body, 'phone_number'), 'phone_number');
			let account = phone;
			if (!account) {
				const from = v.optionalString(body, 'from');
				if (!from && store.accounts.length > 1) {
					throw new KirimInvalid(
						'missing_required_field',
						'from is required when the organisation has several numbers.',
						'from',
					);
				}
				account = from
					? store.accounts.find((a) => a.phone_number === from || a.phone_number_id === from)?.phone_number_id
					: store.accounts[0].phone_number_id;
				if (!account)
					throw new KirimInvalid('invalid_field_value', 'from is not a number of this organisation.', 'from');
			}
			// Phone uniqueness is not documented; the simulator keeps one contact per number and account (README).
			if (store.contactsOf(account).some((c) => c.phone_number === phoneNumber)) {
				throw new KirimInvalid(
					'invalid_field_value',
					'A contact with this phone number already exists.',
					'phone_number',
				);
			}
			const contact = store.addContact(
				{
					phone_number: phoneNumber,
					name: v.optionalString(body, 'name'),
					email: v.email(v.optionalString(body, 'email')),
					metadata: v.metadata(body.metadata),
				},
				account,
			);
			ctx.sender.emit(contactCreated(store, contact));
			return ok(contact, 201);
		}),
	);

	scoped(router, ctx, 'GET', '/contacts/:id', (req, phone) => ok(find(req.params.id, phone)));

	scoped(router, ctx, 'PATCH', '/contacts/:id', (req, phone) => {
		const contact = find(req.params.id, phone);
		const body = v.object(parseJsonBody(req));
		v.onlyKeys(body, ['name', 'email', 'metadata']);
		const changed: string[] = [];
		const set = <K extends 'name' | 'email' | 'metadata'>(key: K, value: Contact[K] | undefined) => {
			if (value === undefined || JSON.stringify(contact[key]) === JSON.stringify(value)) return;
			contact[key] = value;
			changed.push(key);
		};
		set('name', v.optionalString(body, 'name'));
		set('email', v.email(v.optionalString(body, 'email')));
		set('metadata', v.metadata(body.metadata));
		if (changed.length) {
			contact.updated_at = store.now();
			ctx.sender.emit(contactUpdated(store, contact, changed));
		}
		return ok(contact);
	});

	scoped(router, ctx, 'POST', '/contacts/:id/labels', (req, phone) =>
		ctx.idempotency.run(req, async () => {
			const contact = find(req.params.id, phone);
			const body = v.object(parseJsonBody(req));
			const label = store.labels.get(v.id(body.label_id, 'lbl', 'label_id'));
			if (!label) throw notFound('label');
			if (label.team_id !== store.contactTeam.get(contact.id)) {
				throw new KirimInvalid('invalid_field_value', 'The label belongs to another team.', 'label_id');
			}
			const labels = store.contactLabels.get(contact.id)!;
			if (!labels.has(label.id)) {
				labels.add(label.id);
				ctx.sender.emit(contactUpdated(store, contact, ['labels']));
			}
			return ok({ contact_id: contact.id, label_id: label.id, attached: true });
		}),
	);

	scoped(router, ctx, 'DELETE', '/contacts/:id/labels/:label_id', (req, phone) => {
		const contact = find(req.params.id, phone);
		const labels = store.contactLabels.get(contact.id)!;
		if (labels.delete(req.params.label_id)) ctx.sender.emit(contactUpdated(store, contact, ['labels']));
		return ok({ contact_id: contact.id, label_id: req.params.label_id, attached: false });
	});

	scoped(router, ctx, 'POST', '/contacts/bulk_label', (req) =>
		ctx.idempotency.run(req, async () => {
			const body = v.object(parseJsonBody(req));
			v.onlyKeys(body, ['contact_ids', 'label_id', 'operation']);
			if (!Array.isArray(body.contact_ids) || body.contact_ids.length === 0) {
				throw new KirimInvalid('missing_required_field', 'contact_ids must be a non-empty array.', 'contact_ids');
			}
			if (body.contact_ids.length > BULK_LABEL_CAP) {
				throw new KirimInvalid(
					'invalid_field_value',
					`contact_ids accepts at most ${BULK_LABEL_CAP} ids.`,
					'contact_ids',
				);
			}
			const ids = body.contact_ids.map((id, i) => v.id(id, 'ctc', `contact_ids[${i}]`));
			const label = store.labels.get(v.id(body.label_id, 'lbl', 'label_id'));
			if (!label) throw notFound('label');
			if (body.operation !== 'attach' && body.operation !== 'detach') {
				throw new KirimInvalid('invalid_field_value', 'operation must be attach or detach.', 'operation');
			}
			const counts = { applied: 0, skipped_cross_org: 0, skipped_team_mismatch: 0 };
			for (const id of ids) {
				if (id === OTHER_ORG_CONTACT || !store.contacts.has(id)) counts.skipped_cross_org += 1;
				else if (store.contactTeam.get(id) !== label.team_id) counts.skipped_team_mismatch += 1;
				else {
					const labels = store.contactLabels.get(id)!;
					if (body.operation === 'attach') labels.add(label.id);
					else labels.delete(label.id);
					counts.applied += 1;
				}
			}
			return ok(counts);
		}),
	);
}
