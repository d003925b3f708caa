import { hubSpotPostIsRepeatable } from '../../../../nodes/shared/hubspot/retry-rules';
import {
	gateUnknownOutcome,
	repeatSafety,
	type RepeatDeclaration,
	type RepeatSafety,
} from '../../../../nodes/shared/transport/repeat-safety';
import {
	classifyNetworkFailure,
	classifyTransientStatus,
	type FailureVerdict,
} from '../../../../nodes/shared/transport/retry';

const KIRIM: RepeatDeclaration = { dedupeHeader: 'Idempotency-Key' };

describe('which requests are safe to repeat', () => {
	test.each<[string, { method?: string; headers?: object }, RepeatDeclaration, RepeatSafety]>([
		['GET', { method: 'GET' }, {}, 'repeatable'],
		['no method (GET)', {}, {}, 'repeatable'],
		['HEAD', { method: 'HEAD' }, {}, 'repeatable'],
		['PUT', { method: 'PUT' }, {}, 'repeatable'],
		['PATCH by id', { method: 'PATCH' }, {}, 'repeatable'],
		['DELETE by id', { method: 'DELETE' }, {}, 'repeatable'],
		['POST', { method: 'POST' }, {}, 'once'],
		['lower-case post', { method: 'post' }, {}, 'once'],
		['POST with a key the API dedupes', { method: 'POST', headers: { 'Idempotency-Key': 'k1' } }, KIRIM, 'repeatable'],
		[
			'POST with the key header in lower case',
			{ method: 'POST', headers: { 'idempotency-key': 'k1' } },
			KIRIM,
			'repeatable',
		],
		['POST with an empty key', { method: 'POST', headers: { 'Idempotency-Key': '' } }, KIRIM, 'once'],
		['POST with a key the API ignores', { method: 'POST', headers: { 'Idempotency-Key': 'k1' } }, {}, 'once'],
		['POST declared idempotent (search, upsert)', { method: 'POST' }, { idempotent: true }, 'repeatable'],
		[
			'POST declared not idempotent, with a read-back',
			{ method: 'POST' },
			{ idempotent: false, canReadBack: true },
			'read-back',
		],
		['POST with a read-back', { method: 'POST' }, { canReadBack: true }, 'read-back'],
		[
			'a key does not outweigh "not idempotent"',
			{ method: 'POST', headers: { 'Idempotency-Key': 'k1' } },
			{ ...KIRIM, idempotent: false },
			'once',
		],
	])('%s → %s', (_name, request, declared, expected) => {
		expect(repeatSafety(request, declared)).toBe(expected);
	});
});

describe('what happens after a failed attempt, by how safe the request is to repeat', () => {
	const unknown: FailureVerdict = { retry: true, reason: 'HubSpot answered 502', outcomeUnknown: true };
	const refused: FailureVerdict = { retry: true, reason: 'rate limited (429)', waitMs: 2000 };
	const wrong: FailureVerdict = { retry: false, reason: 'Kirim answered 400' };
	const refusal = {
		action: 'refuse' as const,
		reason:
			'HubSpot answered 502; the outcome is unknown, and the request was not sent again because repeating it could do it twice',
	};
	test.each<[string, FailureVerdict, RepeatSafety, ReturnType<typeof gateUnknownOutcome>]>([
		['unknown outcome, repeatable', unknown, 'repeatable', { action: 'proceed' }],
		['unknown outcome, read-back', unknown, 'read-back', { action: 'read-back' }],
		['unknown outcome, once', unknown, 'once', refusal],
		['refused by the server (429), once', refused, 'once', { action: 'proceed' }],
		['refused by the server (429), read-back', refused, 'read-back', { action: 'proceed' }],
		['not retryable, once', wrong, 'once', { action: 'proceed' }],
		['not retryable, read-back', wrong, 'read-back', { action: 'proceed' }],
	])('%s → %j', (_name, verdict, safety, expected) => {
		expect(gateUnknownOutcome(verdict, safety)).toEqual(expected);
	});
});

describe('which failures leave the outcome unknown', () => {
	test.each<[string, boolean, boolean]>([
		['ECONNREFUSED', true, false],
		['EAI_AGAIN', true, false],
		['ECONNRESET', true, true],
		['ECONNABORTED', true, true],
		['ETIMEDOUT', true, true],
		['ESOCKETTIMEDOUT', true, true],
		['EPIPE', true, true],
		['UND_ERR_SOCKET', true, true],
		['ENOTFOUND', false, false],
	])('connection failure %s → retryable %s, outcome unknown %s', (code, retry, outcomeUnknown) => {
		const verdict = classifyNetworkFailure(code);
		expect(verdict.retry).toBe(retry);
		expect(verdict.retry && verdict.outcomeUnknown === true).toBe(outcomeUnknown);
	});

	test.each<[number, boolean]>([
		[408, true],
		[500, true],
		[502, true],
		[503, true],
		[504, true],
		[501, false],
		[505, false],
		[429, false],
		[400, false],
	])('HTTP %i → transient with unknown outcome: %s', (status, transient) => {
		const verdict = classifyTransientStatus('Kirim', status, { 'retry-after': '2' }, 0);
		if (!transient) return expect(verdict).toBeUndefined();
		expect(verdict).toEqual({ retry: true, reason: `Kirim answered ${status}`, waitMs: 2000, outcomeUnknown: true });
	});
});

describe('HubSpot POSTs that are safe to repeat', () => {
	test.each<[string, string, true | undefined]>([
		['POST', '/crm/objects/2026-09/contacts/search', true],
		['POST', '/crm/objects/2026-09/tickets/search', true],
		['POST', '/crm/objects/2026-09/contacts/batch/read', true],
		['POST', '/crm/objects/2026-09/contacts/batch/upsert', true],
		['POST', '/crm/objects/2026-09/tickets/batch/update', true],
		['POST', '/crm/associations/2026-09/tickets/contacts/batch/associate/default', true],
		['POST', '/crm/properties/2026-09/tickets', true],
		['POST', '/crm/objects/2026-09/tickets/batch/create', undefined],
		['POST', '/crm/objects/2026-09/contacts', undefined],
		['POST', '/crm/objects/2026-09/contacts/merge', undefined],
		['POST', '/crm/objects/2026-09/contacts/batch/archive', undefined],
		['GET', '/crm/objects/2026-09/contacts', undefined],
	])('%s %s → %s', (method, path, expected) => {
		expect(hubSpotPostIsRepeatable(method, path)).toBe(expected);
	});
});
