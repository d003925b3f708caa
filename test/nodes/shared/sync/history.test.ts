import { historyFor, isSourceNewer } from '../../../../nodes/shared/sync/history';
import { planWrite, type MappedField } from '../../../../nodes/shared/sync/plan';

const fields: MappedField[] = [
	{ target: 'firstname', value: 'Ana' },
	{ target: 'phone', value: '+628111222333' },
	{ target: 'closedate', value: 'someday', transforms: [{ type: 'dateFormat', format: 'date' }] },
];
const AT = '2026-11-22T10:00:00.000Z';

describe('historyFor (the sync history entry of a write)', () => {
	it('records what was written, what the target owns and what was rejected', () => {
		const plan = planWrite({ direction: 'to_crm', fields, isCreate: false });
		expect(historyFor(plan, 'update', 'to_crm', 'success', AT)).toEqual({
			operation: 'update',
			direction: 'to_crm',
			status: 'success',
			changes: [{ field: 'phone', to: '+628111222333' }],
			rejected: [{ field: 'closedate', reason: expect.stringMatching(/"someday" is not a date/) }],
			skipped: ['firstname'],
			at: AT,
		});
	});

	it('shows old → new only when the target was read', () => {
		const plan = planWrite({
			direction: 'to_crm',
			fields,
			isCreate: false,
			existing: { firstname: 'Ana', phone: '+62800' },
		});
		expect(historyFor(plan, 'update', 'to_crm', 'success', AT).changes).toEqual([
			{ field: 'phone', from: '+62800', to: '+628111222333' },
		]);
	});

	it('a skip or a conflict lists no changes; a failure carries its error', () => {
		const plan = planWrite({ direction: 'to_crm', fields, isCreate: true });
		expect(historyFor(plan, 'conflict', 'to_crm', 'success', AT).changes).toEqual([]);
		expect(historyFor(plan, 'skip', 'from_crm', 'success', AT)).toMatchObject({
			operation: 'skip',
			direction: 'from_crm',
			changes: [],
		});
		const failed = historyFor(plan, 'create', 'to_crm', 'failed', AT, 'HubSpot refused the property');
		expect(failed).toMatchObject({ status: 'failed', error: 'HubSpot refused the property' });
		expect(failed.changes).toHaveLength(2);
		expect(historyFor(plan, 'create', 'to_crm', 'success', AT)).not.toHaveProperty('error');
	});

	it('does not share arrays with the plan (each output item owns its history)', () => {
		const plan = planWrite({ direction: 'to_crm', fields, isCreate: true });
		const history = historyFor(plan, 'create', 'to_crm', 'success', AT);
		history.changes[0].to = 'edited';
		history.skipped.push('x');
		expect(plan.changes[0].to).toBe('Ana');
		expect(plan.skippedOwned).toEqual([]);
	});
});

describe('isSourceNewer (compare with kirim_last_synced_at)', () => {
	it.each([
		['2026-11-22T10:00:01Z', '2026-11-22T10:00:00Z', true],
		['2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z', false],
		['2026-11-22T09:00:00Z', String(Date.UTC(2026, 10, 22, 10)), false], // HubSpot datetime as epoch ms text
		['2026-11-22T11:00:00Z', Date.UTC(2026, 10, 22, 10), true],
		[Date.UTC(2026, 10, 22, 11) / 1000, '2026-11-22T10:00:00.000Z', true], // epoch seconds
		['2026-11-22T17:00:00+07:00', '2026-11-22T10:30:00Z', false],
	])('%j vs %j → %s', (source, target, expected) => {
		expect(isSourceNewer(source, target)).toBe(expected);
	});

	it.each([
		[undefined, '2026-11-22T09:00:00Z'],
		['2026-11-22T09:00:00Z', null],
		['2026-11-22T09:00:00Z', ''],
		['soon', '2026-11-22T09:00:00Z'],
		['2026-11-22T09:00:00Z', 'foo 12'],
	])('cannot tell for %j vs %j (the caller writes)', (source, target) => {
		expect(isSourceNewer(source, target)).toBeUndefined();
	});
});
