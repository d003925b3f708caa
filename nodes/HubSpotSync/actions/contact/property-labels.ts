import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { batchRead } from '../../../shared/hubspot/batch';
import { readCheckboxOptions } from '../../../shared/hubspot/checkbox-options';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import type { KirimClient } from '../../../shared/kirim/client';
import { isKirimId } from '../../../shared/kirim/ids';
import { listLabels, type KirimLabel } from '../../../shared/kirim/labels';
import { sendBulkLabel, type BulkLabelOperation } from '../../../shared/node/kirim-bulk-label';
import { idempotencyKeyFor } from '../../../shared/node/idempotency-key';

export interface PropertyLabelsSettings {
	/** The HubSpot-owned multiple-checkboxes contact property whose options are Kirim labels. */
	property: string;
	idProperty: string;
	createMissingLabels: boolean;
	phoneNumberId?: string;
}

export interface PropertyLabelsResult extends IDataObject {
	hubspotId: string;
	kirimContactId: string | null;
	/** The option labels checked on the contact: the Kirim labels it now carries from this property. */
	labels: string[];
	/** Option labels taken off (unchecked). */
	removed: string[];
	operation: 'update' | 'skip';
	reason?: string;
}

/**
 * HubSpot owns the choice: each option of a multiple-checkboxes contact property is a Kirim label of the same name
 * (the option's label). A contact's checked options are attached to its Kirim contact and its unchecked ones
 * detached — only labels named by the property's options, so labels agents give in the inbox stay. Kirim cannot
 * show a contact's labels, so the whole choice is sent every time, in one bulk request per label and direction
 * (≤ 1000 contacts each, idempotency-keyed); attaching an attached label changes nothing.
 */
export async function mirrorPropertyLabels(
	ctx: IExecuteFunctions,
	hubspot: HubSpotClient,
	kirim: KirimClient,
	hubspotIds: string[],
	settings: PropertyLabelsSettings,
): Promise<Map<string, PropertyLabelsResult | Error>> {
	const node = ctx.getNode();
	const property = await readCheckboxOptions(hubspot, 'contacts', settings.property);
	if (!property.ok)
		throw new NodeOperationError(node, property.reason, {
			description: 'Labels Property must be a HubSpot contact property of the type "Multiple checkboxes".',
		});
	const labelOf = new Map(property.options.map((option) => [option.value, option.label.trim()]));
	const { found } = await batchRead(hubspot, 'contacts', hubspotIds, [settings.property, settings.idProperty]);

	const results = new Map<string, PropertyLabelsResult | Error>();
	const linked: Array<{ hubspotId: string; kirimId: string; checked: Set<string> }> = [];
	for (const hubspotId of new Set(hubspotIds)) {
		const contact = found.get(hubspotId);
		if (!contact) {
			results.set(hubspotId, new NodeOperationError(node, `HubSpot has no contact with the ID ${hubspotId}`));
			continue;
		}
		const values = String(contact.properties?.[settings.property] ?? '')
			.split(';')
			.filter(Boolean);
		const checked = new Set(values.map((value) => labelOf.get(value) ?? value));
		const kirimId = contact.properties?.[settings.idProperty]?.trim() ?? '';
		const base = { hubspotId, labels: [...checked], removed: [] as string[] };
		if (!isKirimId(kirimId, 'ctc')) {
			results.set(hubspotId, {
				...base,
				kirimContactId: null,
				operation: 'skip',
				reason: 'not linked to a Kirim contact',
			});
			continue;
		}
		linked.push({ hubspotId, kirimId, checked });
	}
	if (!linked.length) return results;

	const labelIds = await kirimLabelIds(ctx, kirim, [...labelOf.values()], linked, settings.createMissingLabels);
	const failedContacts = new Map<string, Error>();
	for (const [name, labelId] of labelIds) {
		for (const operation of ['attach', 'detach'] as BulkLabelOperation[]) {
			const contactIds = linked.filter((c) => c.checked.has(name) === (operation === 'attach')).map((c) => c.kirimId);
			if (!contactIds.length) continue;
			const chunks = await sendBulkLabel(ctx, kirim, {
				labelId,
				operation,
				contactIds: [...new Set(contactIds)],
				phoneNumberId: settings.phoneNumberId,
				concurrency: 2,
			});
			for (const chunk of chunks) if (!chunk.ok) for (const id of chunk.contactIds) failedContacts.set(id, chunk.error);
		}
	}
	for (const contact of linked) {
		const failed = failedContacts.get(contact.kirimId);
		if (failed) {
			results.set(
				contact.hubspotId,
				new NodeOperationError(node, `Kirim did not take the labels of contact ${contact.kirimId}: ${failed.message}`, {
					description: 'Run the item again: the labels are sent whole each time, so nothing is applied twice.',
				}),
			);
			continue;
		}
		results.set(contact.hubspotId, {
			hubspotId: contact.hubspotId,
			kirimContactId: contact.kirimId,
			labels: [...contact.checked],
			removed: [...labelIds.keys()].filter((name) => !contact.checked.has(name)),
			operation: 'update',
		});
	}
	return results;
}

/** Label name → Kirim label id for the property's options; missing ones some contact checked are created. */
async function kirimLabelIds(
	ctx: IExecuteFunctions,
	kirim: KirimClient,
	names: string[],
	linked: Array<{ checked: Set<string> }>,
	createMissing: boolean,
): Promise<Map<string, string>> {
	const labels = await listLabels(kirim);
	const ids = new Map<string, string>();
	for (const name of new Set(names)) {
		const named = labels.filter((label) => label.name === name);
		if (named.length > 1)
			throw new NodeOperationError(ctx.getNode(), `${named.length} Kirim labels are named "${name}" (one per team)`, {
				description: 'Rename the option in HubSpot or the labels in Kirim so that one label has the name.',
			});
		if (named.length === 1) {
			ids.set(name, named[0].id);
			continue;
		}
		// No such label: nobody can carry it, so there is nothing to detach; made only when someone needs it.
		if (!createMissing || !linked.some((c) => c.checked.has(name))) continue;
		const body = { name };
		const idempotencyKey = idempotencyKeyFor(ctx, 0, 'POST', '/v1/labels', body);
		const created = await kirim.data<KirimLabel>({ method: 'POST', path: '/v1/labels', body, idempotencyKey }, 0);
		ids.set(name, created.id);
	}
	return ids;
}
