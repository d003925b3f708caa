import type { Router } from '../../common/router';
import { page } from '../cursor';
import { list } from '../errors';
import { scoped, type SimContext } from '../context';
import * as v from '../validate';

/**
 * `GET /v1/{phone_number_id}/templates` (https://developers.kirim.chat/sending/send-templates/) and `GET /v1/templates`
 * (https://kirim-dev.pages.dev/guides/send-message/).
 * Inferred: paging. Neither templates page shows a list envelope or `limit`/`cursor`; the pagination page says every
 * list endpoint shares one contract, so this list has it too (limit 1–100, default 25, opaque cursor).
 * Inferred: no filters (none documented), and the org-level form lists the templates of every number.
 */
export function templateRoutes(router: Router, ctx: SimContext): void {
	scoped(router, ctx, 'GET', '/templates', (req, phone) => {
		const result = page(
			ctx.cursors,
			ctx.store.templatesOf(phone),
			v.limit(req.query.get('limit')),
			req.query.get('cursor'),
			{
				scope: phone ?? '*',
			},
		);
		return list(result.data, result.hasMore, result.nextCursor);
	});
}
