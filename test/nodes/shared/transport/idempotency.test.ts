import { canonicalJson, deriveIdempotencyKey, validateUserKey } from '../../../../nodes/shared/transport/idempotency';

const scope = { origin: 'execution:101', nodeId: 'node-a', itemIndex: 0 };
const body = { contact_ids: ['ctc_1', 'ctc_2'], label_id: 'lbl_1', operation: 'attach' };

describe('idempotency keys', () => {
	test('the same call gives the same key (so a retry or a re-run of the step reuses it)', () => {
		expect(deriveIdempotencyKey(scope, 'POST', '/v1/contacts/bulk_label', body)).toBe(
			deriveIdempotencyKey({ ...scope }, 'post', '/v1/contacts/bulk_label', { ...body }),
		);
	});

	test('key order in the body does not matter', () => {
		const reordered = { operation: 'attach', label_id: 'lbl_1', contact_ids: ['ctc_1', 'ctc_2'] };
		expect(deriveIdempotencyKey(scope, 'POST', '/p', body)).toBe(deriveIdempotencyKey(scope, 'POST', '/p', reordered));
	});

	test.each([
		['another item', { ...scope, itemIndex: 1 }, '/p', body],
		['another execution', { ...scope, origin: 'execution:102' }, '/p', body],
		['another event', { ...scope, origin: 'event:wf:Trigger\n{"id":"evt_2"}' }, '/p', body],
		['another node', { ...scope, nodeId: 'node-b' }, '/p', body],
		['another path', scope, '/q', body],
		['another payload', scope, '/p', { ...body, contact_ids: ['ctc_1'] }],
	])('%s gives another key', (_name, otherScope, path, otherBody) => {
		expect(deriveIdempotencyKey(otherScope, 'POST', path, otherBody)).not.toBe(
			deriveIdempotencyKey(scope, 'POST', '/p', body),
		);
	});

	test('keys fit Kirim’s 255-character limit', () => {
		const key = deriveIdempotencyKey(scope, 'POST', '/p', body);
		expect(key).toMatch(/^n8n-[0-9a-f]{48}$/);
		expect(validateUserKey(key)).toBeUndefined();
	});

	test('user keys are checked', () => {
		expect(validateUserKey('   ')).toBe('The idempotency key is empty');
		expect(validateUserKey('x'.repeat(256))).toContain('at most 255');
	});

	test('canonical JSON sorts keys at every depth and drops undefined', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: undefined } })).toBe(
			'{"a":{"d":[1,{"e":1,"f":2}]},"b":1}',
		);
	});
});

describe('canonicalJson and dates', () => {
	test('a Date is written as its ISO time, so two different dates never look the same', () => {
		expect(canonicalJson({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
		expect(canonicalJson({ at: new Date(0) })).not.toBe(canonicalJson({ at: new Date(1000) }));
	});
});
