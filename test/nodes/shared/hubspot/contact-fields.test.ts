import type { IDataObject } from 'n8n-workflow';

import {
	hubSpotContactToKirimFields,
	kirimContactToHubSpotFields,
} from '../../../../nodes/shared/hubspot/contact-fields';
import { planWrite } from '../../../../nodes/shared/sync/plan';

const fromCrm = (properties: IDataObject, changedFields?: string[]) =>
	planWrite({
		direction: 'from_crm',
		fields: hubSpotContactToKirimFields(properties),
		isCreate: false,
		existing: { name: 'Ana Lim', email: 'ana@example.com' },
		changedFields,
		clearValue: null,
	});

describe('default field mapping', () => {
	it('HubSpot → Kirim: a lastname-only change reaches the Kirim name', () => {
		const plan = fromCrm({ firstname: 'Ana', lastname: 'Wijaya', email: 'ana@example.com' }, ['lastname']);
		expect(plan.properties).toEqual({ name: 'Ana Wijaya' });
		expect(plan.notChanged).toEqual(['email']);
	});

	it('HubSpot → Kirim: a firstname change does too, and an email-only change leaves the name alone', () => {
		expect(fromCrm({ firstname: 'Anna', lastname: 'Lim' }, ['firstname']).properties).toEqual({ name: 'Anna Lim' });
		const emailOnly = fromCrm({ firstname: 'Anna', lastname: 'Lim', email: 'anna@example.com' }, ['email']);
		expect(emailOnly.properties).toEqual({ email: 'anna@example.com' });
		expect(emailOnly.notChanged).toEqual(['name']);
	});

	it('Kirim → HubSpot: name split at the first space, email normalised, phone in E.164', () => {
		const fields = kirimContactToHubSpotFields({
			name: ' Budi  Santoso ',
			email: ' Budi@Example.com ',
			phone_number: '+62 812-3456-7890',
		});
		const plan = planWrite({ direction: 'to_crm', fields, isCreate: true });
		expect(plan.properties).toMatchObject({ firstname: 'Budi', email: 'budi@example.com' });
		expect(String(plan.properties.lastname).trim()).toBe('Santoso');
	});
});
