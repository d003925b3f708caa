import type { IDataObject } from 'n8n-workflow';

import type { MappedField } from '../sync/plan';
import { checkboxValue } from './checkbox-options';

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

/**
 * The Kirim contact's labels as one multiple-checkboxes value ("VIP;Trial"), for the property `target`.
 * Kirim's contact schema lists no labels field, but its CRM guide's handler reads `contact.labels` as label objects
 * (https://developers.kirim.chat/guides/sync-crm/): both are accepted. No `labels` key: undefined (nothing known,
 * nothing written); an empty list clears the property. Label objects give their name; plain strings are names.
 */
export function kirimLabelsField(contact: IDataObject, target: string): MappedField | undefined | { problem: string } {
	if (!('labels' in contact) || contact.labels === undefined || contact.labels === null) return undefined;
	if (!Array.isArray(contact.labels)) return { problem: 'labels is not a list of Kirim labels' };
	const names: string[] = [];
	for (const label of contact.labels as unknown[]) {
		const name =
			typeof label === 'string' ? label : ((label as IDataObject | null)?.name ?? (label as IDataObject | null)?.id);
		if (typeof name !== 'string' || !checkboxValue(name))
			return { problem: `labels holds ${JSON.stringify(label)}, which is neither a label nor a label name` };
		names.push(checkboxValue(name));
	}
	return { target, value: [...new Set(names)].sort().join(';'), source: 'labels', transforms: [], clear: true };
}
