import {
	KIRIM_OWNED,
	OWNERSHIP_PRESET,
	ownerOf,
	ownershipPresetMarkdown,
} from '../../../../nodes/shared/sync/ownership';

describe('ownership preset (Kirim owns WhatsApp-related fields, the CRM business fields)', () => {
	it('Kirim → HubSpot: Kirim owns the WhatsApp number and every kirim_* property, the CRM everything else', () => {
		for (const field of [
			'phone',
			'mobilephone',
			'hs_whatsapp_phone_number',
			'kirim_contact_id',
			'kirim_labels',
			'kirim_last_synced_at',
			'Phone',
		]) {
			expect([field, ownerOf(field, 'to_crm')]).toEqual([field, 'kirim']);
		}
		for (const field of [
			'firstname',
			'lastname',
			'email',
			'lifecyclestage',
			'hs_lead_status',
			'company',
			'my_segment',
			'kirimx',
		]) {
			expect([field, ownerOf(field, 'to_crm')]).toEqual([field, 'crm']);
		}
	});

	it('HubSpot → Kirim: Kirim owns phone number, labels, status and assignment, the CRM name, email and metadata', () => {
		for (const field of ['phone_number', 'labels', 'status', 'assigned_to'])
			expect([field, ownerOf(field, 'from_crm')]).toEqual([field, 'kirim']);
		for (const field of ['name', 'email', 'metadata', 'metadata.tier', 'metadata.phone_number', 'anything_else']) {
			expect([field, ownerOf(field, 'from_crm')]).toEqual([field, 'crm']);
		}
	});

	it('names are the target side’s: phone is Kirim’s in HubSpot, and nothing special in Kirim', () => {
		expect(ownerOf('phone', 'to_crm')).toBe('kirim');
		expect(ownerOf('phone', 'from_crm')).toBe('crm');
		expect(ownerOf('phone_number', 'to_crm')).toBe('crm');
	});

	it('an override wins, both ways, and metadata covers its keys unless a key has its own', () => {
		expect(ownerOf('lifecyclestage', 'to_crm', { overrides: { lifecyclestage: 'kirim' } })).toBe('kirim');
		expect(ownerOf('phone', 'to_crm', { overrides: { phone: 'crm' } })).toBe('crm');
		expect(ownerOf('labels', 'from_crm', { overrides: { labels: 'crm' } })).toBe('crm');
		const rules = { overrides: { metadata: 'kirim' as const, 'metadata.crm_id': 'crm' as const } };
		expect(ownerOf('metadata.tier', 'from_crm', rules)).toBe('kirim');
		expect(ownerOf('metadata.crm_id', 'from_crm', rules)).toBe('crm');
		expect(ownerOf('email', 'from_crm', rules)).toBe('crm');
		expect(ownerOf('toString', 'from_crm', { overrides: {} })).toBe('crm'); // no inherited keys
	});

	it('the exported table is the one the code applies', () => {
		const kirimRows = OWNERSHIP_PRESET.filter((r) => r.owner === 'kirim');
		expect(kirimRows.flatMap((r) => r.fields).sort()).toEqual([...KIRIM_OWNED.to_crm, ...KIRIM_OWNED.from_crm].sort());
		for (const row of OWNERSHIP_PRESET) {
			for (const field of row.fields) {
				const concrete = field.replace('*', 'x').replace('<key>', 'tier');
				expect([row.direction, field, ownerOf(concrete, row.direction)]).toEqual([row.direction, field, row.owner]);
			}
		}
		const markdown = ownershipPresetMarkdown();
		expect(markdown.split('\n')).toHaveLength(OWNERSHIP_PRESET.length + 2);
		expect(markdown).toContain('| Kirim → HubSpot | `phone`, `mobilephone`, `hs_whatsapp_phone_number` | Kirim |');
		expect(markdown).toContain(
			'| HubSpot → Kirim | `name`, `email`, `metadata`, `metadata.<key>`, every other field | CRM |',
		);
	});
});
