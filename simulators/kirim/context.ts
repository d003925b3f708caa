import type { Clock } from '../common/clock';
import type { SimRequest, SimResponse } from '../common/http';
import type { Router } from '../common/router';
import type { Cursors } from './cursor';
import { notFound } from './errors';
import type { IdempotencyStore } from './idempotency';
import type { WebhookSender } from './sender';
import type { KirimStore } from './store';

/** What every route module needs. */
export interface SimContext {
	store: KirimStore;
	cursors: Cursors;
	sender: WebhookSender;
	idempotency: IdempotencyStore;
	clock: Clock;
	allowHttpWebhooks: boolean;
	/** Switches for behaviour the docs leave open; tests may flip them at run time. */
	behaviour: SimBehaviour;
}

export interface SimBehaviour {
	/**
	 * Whether GET …/contacts applies `created_after`. The filter appears only in seed 000's example, not on the
	 * contacts API page (kirim-api.md §3), so a client must also be right when Kirim ignores it (false).
	 */
	contactsCreatedAfter: boolean;
}

export type ScopedHandler = (req: SimRequest, phoneNumberId: string | undefined) => SimResponse | Promise<SimResponse>;

/**
 * Registers a route under both documented path styles: phone-scoped `/v1/{phone_number_id}/<rest>` (S1) and
 * org-level `/v1/<rest>` (S2) (kirim-api.md §8). A phone number id the org does not have is a 404.
 */
export function scoped(router: Router, ctx: SimContext, method: string, rest: string, handler: ScopedHandler): void {
	router.add(method, `/v1/:phone_number_id${rest}`, (req) => {
		const phone = req.params.phone_number_id;
		if (!/^\d{6,20}$/.test(phone) || !ctx.store.account(phone)) throw notFound('WhatsApp phone number');
		return handler(req, phone);
	});
	router.add(method, `/v1${rest}`, (req) => handler(req, undefined));
}
