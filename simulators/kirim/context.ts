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
	 * Whether GET …/contacts applies `created_after`. The filter appears only in an example of Kirim's "Sync your CRM"
	 * guide (https://developers.kirim.chat/guides/sync-crm/), not on the contacts list page, so a client must also be
	 * right when Kirim ignores it (false).
	 */
	contactsCreatedAfter: boolean;
}

export type ScopedHandler = (req: SimRequest, phoneNumberId: string | undefined) => SimResponse | Promise<SimResponse>;

/**
 * Registers a route under both documented path styles: phone-scoped `/v1/{phone_number_id}/<rest>`
 * (https://developers.kirim.chat/) and org-level `/v1/<rest>` (https://kirim-dev.pages.dev/). A phone number id the
 * org does not have is a 404.
 */
export function scoped(router: Router, ctx: SimContext, method: string, rest: string, handler: ScopedHandler): void {
	router.add(method, `/v1/:phone_number_id${rest}`, (req) => {
		const phone = req.params.phone_number_id;
		if (!/^\d{6,20}$/.test(phone) || !ctx.store.account(phone)) throw notFound('WhatsApp phone number');
		return handler(req, phone);
	});
	router.add(method, `/v1${rest}`, (req) => handler(req, undefined));
}
