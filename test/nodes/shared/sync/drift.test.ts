import { kirimContactToHubSpotFields } from '../../../../nodes/shared/hubspot/contact-fields';
import { compareContact, type SourcedField } from '../../../../nodes/shared/sync/drift';

const kirim = {
	id: 'ctc_1',
	name: 'Bob Santoso',
	email: 'bob@example.com',
	phone_number: '+628111222333',
	metadata: { tier: 'gold' },
};
const defaults = (c: typeof kirim): SourcedField[] =>
	kirimContactToHubSpotFields(c).map((f) => ({ ...f, path: String(f.source) }));
const synced = { firstname: 'Bob', lastname: 'Santoso', email: 'bob@example.com', phone: '+628111222333' };

describe('compareContact (drift by the ownership rules)', () => {
	it('no drift when HubSpot holds what the sync would write (emails compared normalised)', () => {
		const drift = compareContact(defaults(kirim), { ...synced, email: 'BOB@example.com ' }, kirim);
		expect(drift.hubspot).toEqual([]);
		expect(drift.kirim.filter((d) => d.field !== 'email')).toEqual([]);
	});

	it('a Kirim-owned field that differs is repaired in HubSpot; a CRM-owned one in Kirim, never the other way', () => {
		const drift = compareContact(defaults(kirim), { ...synced, phone: '+628999', email: 'robert@example.com' }, kirim);
		expect(drift.hubspotWrite).toEqual({ phone: '+628111222333' });
		expect(drift.kirimWrite).toEqual({ email: 'robert@example.com' });
		expect(drift.kirim).toEqual([expect.objectContaining({ field: 'email', owner: 'crm', kirimField: 'email' })]);
	});

	it('a name split in two: a HubSpot part that differs comes back whole, a part HubSpot has empty keeps Kirim’s', () => {
		const drift = compareContact(defaults(kirim), { ...synced, firstname: 'Robert', lastname: '' }, kirim);
		expect(drift.kirimWrite).toEqual({ name: 'Robert Santoso' });
		expect(drift.hubspotWrite).toEqual({ lastname: 'Santoso' });
	});

	it('an override moves the owner: with email owned by Kirim, HubSpot is repaired instead', () => {
		const drift = compareContact(defaults(kirim), { ...synced, email: 'robert@example.com' }, kirim, {
			overrides: { email: 'kirim' },
		});
		expect(drift.hubspotWrite).toEqual({ email: 'bob@example.com' });
		expect(drift.kirim).toEqual([]);
	});

	it('a value map is inverted to find what Kirim must hold; a metadata key is written as one', () => {
		const fields: SourcedField[] = [
			{
				target: 'lifecyclestage',
				value: 'gold',
				path: 'metadata.tier',
				transforms: [
					{
						type: 'valueMap',
						table: [
							{ from: 'gold', to: 'customer' },
							{ from: 'silver', to: 'lead' },
						],
						otherwise: 'keep',
					},
				],
			},
		];
		const drift = compareContact(fields, { lifecyclestage: 'lead' }, kirim);
		expect(drift.kirimWrite).toEqual({ metadata: { tier: 'silver' } });
	});

	it('not repairable: a constant, a field Kirim cannot write, transforms that cannot give the value back', () => {
		const constant = compareContact([{ target: 'company', value: 'Acme' }], { company: 'Globex' }, kirim);
		expect(constant.kirim[0].notRepairable).toMatch(/constant/);
		const phone = compareContact(
			[{ target: 'company', value: '+628111222333', path: 'phone_number' }],
			{ company: '+628000' },
			kirim,
		);
		expect(phone.kirim[0].notRepairable).toMatch(/not phone_number/);
		const lower = compareContact(
			[{ target: 'firstname', value: 'bob', path: 'name', transforms: [{ type: 'lowercase' }] }],
			{ firstname: 'Robert' },
			kirim,
		);
		expect(lower.kirim[0].notRepairable).toMatch(/cannot give HubSpot's value back/);
		for (const drift of [constant, phone, lower]) expect(drift.kirimWrite).toEqual({});
	});

	it('two mappings giving one field two values throw (the caller fails that contact only)', () => {
		expect(() =>
			compareContact(
				[
					{ target: 'company', value: 'A' },
					{ target: 'company', value: 'B' },
				],
				{},
				kirim,
			),
		).toThrow(/Two mappings/);
	});
});
