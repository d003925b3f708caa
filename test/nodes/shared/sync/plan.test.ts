import { historyFor, isSourceNewer } from '../../../../nodes/shared/sync/history';
import { ownerOf } from '../../../../nodes/shared/sync/ownership';
import { planWrite, type MappedField } from '../../../../nodes/shared/sync/plan';

const fields: MappedField[] = [
	{ target: 'firstname', value: 'Ana', source: 'name' },
	{ target: 'email', value: 'ana@example.com', source: 'email' },
	{ target: 'phone', value: '+628111', source: 'phone_number' },
];

describe('ownership preset', () => {
	it('Kirim owns WhatsApp fields and kirim_* on HubSpot; the CRM the rest', () => {
		expect(['phone', 'mobilephone', 'hs_whatsapp_phone_number', 'kirim_contact_id'].map((f) => ownerOf(f, 'to_crm'))).toEqual(Array(4).fill('kirim'));
		expect(['firstname', 'email', 'lifecyclestage', 'my_segment'].map((f) => ownerOf(f, 'to_crm'))).toEqual(Array(4).fill('crm'));
		expect(['phone_number', 'labels', 'status', 'assigned_to'].map((f) => ownerOf(f, 'from_crm'))).toEqual(Array(4).fill('kirim'));
		expect(['name', 'email', 'metadata', 'metadata.tier'].map((f) => ownerOf(f, 'from_crm'))).toEqual(Array(4).fill('crm'));
	});

	it('an override wins', () => {
		expect(ownerOf('lifecyclestage', 'to_crm', { overrides: { lifecyclestage: 'kirim' } })).toBe('kirim');
		expect(ownerOf('phone', 'to_crm', { overrides: { phone: 'crm' } })).toBe('crm');
	});
});

describe('planWrite', () => {
	it('on create fills every mapped field', () => {
		expect(planWrite({ direction: 'to_crm', fields, isCreate: true }).properties).toEqual({ firstname: 'Ana', email: 'ana@example.com', phone: '+628111' });
	});

	it('on update skips and reports the fields the target owns', () => {
		const plan = planWrite({ direction: 'to_crm', fields, isCreate: false });
		expect(plan.properties).toEqual({ phone: '+628111' });
		expect(plan.skippedOwned).toEqual(['firstname', 'email']);
	});

	it('fills a target-owned field that is empty on the target', () => {
		const plan = planWrite({ direction: 'to_crm', fields, isCreate: false, existing: { firstname: '', email: 'old@example.com', phone: '+628111' } });
		expect(plan.properties).toEqual({ firstname: 'Ana' });
		expect(plan.changes).toEqual([{ field: 'firstname', from: '', to: 'Ana' }]);
		expect(plan.unchanged).toEqual(['phone']);
	});

	it('never sends an empty value, unless the mapping clears', () => {
		const empty: MappedField[] = [{ target: 'phone', value: null }, { target: 'mobilephone', value: '', clear: true }];
		expect(planWrite({ direction: 'to_crm', fields: empty, isCreate: false }).properties).toEqual({ mobilephone: '' });
		expect(planWrite({ direction: 'from_crm', fields: [{ target: 'name', value: '', clear: true }], isCreate: true, clearValue: null }).properties).toEqual({ name: null });
	});

	it('writes only what the source says changed', () => {
		const plan = planWrite({ direction: 'to_crm', fields, isCreate: true, changedFields: ['email'] });
		expect(plan.properties).toEqual({ email: 'ana@example.com' });
		expect(plan.notChanged).toEqual(['firstname', 'phone']);
	});

	it('drops only the field whose transform fails', () => {
		const plan = planWrite({ direction: 'to_crm', fields: [...fields, { target: 'city', value: 'x', transforms: [{ type: 'emailNormalise' }] }], isCreate: true });
		expect(plan.rejected).toEqual([{ field: 'city', reason: expect.stringMatching(/not an email/) }]);
		expect(Object.keys(plan.properties)).toEqual(['firstname', 'email', 'phone']);
	});

	it('writes system fields whoever owns them', () => {
		const plan = planWrite({ direction: 'to_crm', fields: [{ target: 'kirim_contact_id', value: 'ctc_1' }, { target: 'email', value: 'a@b.co' }], isCreate: false, alwaysWrite: ['email'] });
		expect(plan.properties).toEqual({ kirim_contact_id: 'ctc_1', email: 'a@b.co' });
	});

	it('two mappings to one field: the later fills an empty one, two values are an error', () => {
		const fill = planWrite({ direction: 'to_crm', fields: [{ target: 'phone', value: null }, { target: 'phone', value: '+62811' }], isCreate: true });
		expect(fill.properties).toEqual({ phone: '+62811' });
		expect(() => planWrite({ direction: 'to_crm', fields: [{ target: 'phone', value: '1' }, { target: 'phone', value: '2' }], isCreate: true })).toThrow(/Two mappings write the field "phone"/);
	});

	it('treats numbers and their text as equal, and null as empty', () => {
		const plan = planWrite({ direction: 'to_crm', fields: [{ target: 'kirim_score', value: 5 }, { target: 'phone', value: '', clear: true }], isCreate: false, existing: { kirim_score: '5', phone: null } });
		expect(plan.properties).toEqual({});
		expect(plan.unchanged).toEqual(['kirim_score', 'phone']);
	});
});

describe('history and conflicts', () => {
	it('records what was written, skipped and rejected', () => {
		const plan = planWrite({ direction: 'to_crm', fields, isCreate: false });
		expect(historyFor(plan, 'update', 'to_crm', 'success', 'T')).toEqual({
			operation: 'update', direction: 'to_crm', status: 'success', changes: [{ field: 'phone', to: '+628111' }], rejected: [], skipped: ['firstname', 'email'], at: 'T',
		});
		expect(historyFor(plan, 'conflict', 'to_crm', 'success', 'T').changes).toEqual([]);
		expect(historyFor(plan, 'update', 'to_crm', 'failed', 'T', 'boom').error).toBe('boom');
	});

	it('compares the source time with the last sync stamp', () => {
		expect(isSourceNewer('2026-11-22T10:00:00Z', '2026-11-22T09:00:00Z')).toBe(true);
		expect(isSourceNewer('2026-11-22T09:00:00Z', String(Date.UTC(2026, 10, 22, 10)))).toBe(false);
		expect(isSourceNewer(undefined, '2026-11-22T09:00:00Z')).toBeUndefined();
		expect(isSourceNewer('soon', '2026-11-22T09:00:00Z')).toBeUndefined();
	});
});
