import type { Router } from '../../common/router';
import { KirimInvalid, list, ok } from '../errors';
import type { SimContext } from '../context';

export function accountRoutes(
	router: Router,
	ctx: SimContext,
	apiKeyLast4: string,
	tier: { writePerMinute: number; readPerMinute: number },
): void {
	router.add('GET', '/v1/me', () =>
		ok({
			organization: ctx.store.organization,
			api_key: { id: 'key_01SIMULATOR000000000000000', object: 'api_key', label: 'simulator', last4: apiKeyLast4 },
			rate_limits: { tier: 'simulated', write_per_minute: tier.writePerMinute, read_per_minute: tier.readPerMinute },
		}),
	);
	// "Intentionally not paginated", yet the schema lists has_more / next_cursor
	// (https://developers.kirim.chat/api/operations/accounts/).
	router.add('GET', '/v1/accounts', (req) => {
		const status = req.query.get('status') ?? 'connected';
		if (status !== 'connected' && status !== 'all')
			throw new KirimInvalid('invalid_field_value', 'status must be connected or all.', 'status');
		const accounts = ctx.store.accounts.filter((a) => status === 'all' || a.status === 'connected');
		return list(accounts, false, null);
	});
	router.add('GET', '/v1/health', () => ({ status: 200, body: { status: 'ok' } }));
}
