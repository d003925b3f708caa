import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as applyRecordChange from './applyRecordChange.operation';
import * as ensureProperties from './ensureProperties.operation';
import * as get from './get.operation';
import * as mirrorLabels from './mirrorLabels.operation';
import * as reconcile from './reconcile.operation';
import * as searchChanged from './searchChanged.operation';
import * as upsert from './upsert.operation';

export { applyRecordChange, ensureProperties, get, mirrorLabels, reconcile, searchChanged, upsert };

/** The operations of the contact resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{
		name: 'Apply Deletion, Merge or Restore',
		value: 'applyRecordChange',
		description:
			'Carry a HubSpot contact deletion, restore, merge or privacy deletion to the linked Kirim contact’s metadata',
		action: 'Apply a contact deletion merge or restore to kirim',
	},
	{
		name: 'Create or Update',
		value: 'upsert',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		action: 'Create or update contacts by kirim ID',
	},
	{
		name: 'Ensure Properties',
		value: 'ensureProperties',
		description: 'Create the Kirim ID and sync-time properties when missing',
		action: 'Ensure the sync properties exist',
	},
	{ name: 'Get by Kirim ID', value: 'get', action: 'Get contacts by kirim ID' },
	{
		name: 'Mirror Property to Kirim Labels',
		value: 'mirrorLabels',
		description:
			'Put the checked options of a HubSpot multiple checkboxes property on the Kirim contact as labels, and take unchecked ones off',
		action: 'Mirror a hubspot property to kirim labels',
	},
	{
		name: 'Reconcile With Kirim',
		value: 'reconcile',
		description: 'Find contacts that differ between Kirim and HubSpot (and optionally repair them by the sync rules)',
		action: 'Reconcile contacts with kirim',
	},
	{
		name: 'Search Changed Since',
		value: 'searchChanged',
		description: 'Contacts modified since a moment, oldest first, beyond the 10 000-result search cap',
		action: 'Search contacts changed since a moment',
	},
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('contact', operationOptions, 'upsert', [
	upsert,
	get,
	searchChanged,
	ensureProperties,
	reconcile,
	applyRecordChange,
	mirrorLabels,
]);
