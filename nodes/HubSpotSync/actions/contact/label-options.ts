import type { HubSpotClient } from '../../../shared/hubspot/client';
import { ensureCheckboxOptions } from '../../../shared/hubspot/checkbox-options';
import { isInChangedFields } from '../../../shared/sync/plan';
import type { ContactSyncRequest } from './contact-sync';

/**
 * Before a batch writes the labels property: its options offer every label the batch writes (the property is
 * created on first use). While it does not exist and no label is written, there is nothing to clear, so the
 * empty values are dropped instead of failing on a property HubSpot does not have.
 */
export async function offerLabelOptions(
	client: HubSpotClient,
	requests: ContactSyncRequest[],
	labelsProperty: string,
): Promise<ContactSyncRequest[]> {
	if (!labelsProperty) return requests;
	// Only the labels this batch will write: an event whose changed fields leave them out sends none.
	const written = requests.flatMap((request) =>
		request.fields.filter(
			(field) => field.target === labelsProperty && isInChangedFields(field, request.changedFields),
		),
	);
	if (written.length === 0) return requests;
	const values = written.flatMap((field) =>
		typeof field.value === 'string' && field.value ? field.value.split(';') : [],
	);
	const outcome = await ensureCheckboxOptions(
		client,
		'contacts',
		{
			name: labelsProperty,
			label: 'Kirim labels',
			groupName: 'contactinformation',
			description: 'The labels of the Kirim contact (mirrored by n8n-nodes-kirim; Kirim owns them)',
		},
		values,
	);
	if (outcome.exists) return requests;
	return requests.map((request) => ({
		...request,
		fields: request.fields.filter((field) => field.target !== labelsProperty),
	}));
}
