import type { IDataObject } from 'n8n-workflow';

import type { MappedField } from '../sync/plan';

/**
 * The default field mapping both ways, the usual CRM-sync defaults: email, name as first + last, phone.
 * `source` names the field as the source side reports it changed (Kirim `changed_fields`, HubSpot `propertyName`).
 */
export function kirimContactToHubSpotFields(contact: IDataObject): MappedField[] {
	return [
		{
			target: 'firstname',
			value: contact.name,
			source: 'name',
			transforms: [{ type: 'trim' }, { type: 'splitName', part: 'first' }],
		},
		{
			target: 'lastname',
			value: contact.name,
			source: 'name',
			transforms: [{ type: 'trim' }, { type: 'splitName', part: 'last' }],
		},
		{ target: 'email', value: contact.email, source: 'email', transforms: [{ type: 'emailNormalise' }] },
		{ target: 'phone', value: contact.phone_number, source: 'phone_number', transforms: [{ type: 'e164' }] },
	];
}

/** HubSpot → Kirim: the CRM-owned business fields only (Kirim owns the phone number). */
export function hubSpotContactToKirimFields(properties: IDataObject): MappedField[] {
	const first = String(properties.firstname ?? '').trim();
	const last = String(properties.lastname ?? '').trim();
	const name = [first, last].filter(Boolean).join(' ');
	return [
		// The name is made of both: a change to either (a lastname-only edit too) must reach Kirim.
		{ target: 'name', value: name, source: ['firstname', 'lastname'], transforms: [] },
		{ target: 'email', value: properties.email, source: 'email', transforms: [{ type: 'emailNormalise' }] },
	];
}
