import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { associateByEmailDomain, type CompanyLink } from './company-association';
import { syncContactsToHubSpot, type ContactSyncRequest, type ContactSyncResult } from './contact-sync';

import type { HubSpotClient } from '../../../shared/hubspot/client';
import { kirimContactToHubSpotFields, kirimLabelsField } from '../../../shared/hubspot/contact-fields';
import { offerLabelOptions } from './label-options';

import { requiredKirimId } from '../../../shared/node/parameters';

import { forItemsInBatch } from '../../../shared/node/batched';

import { triggeringEventTime } from '../../../shared/node/triggering-event';

import { fieldMappingProperty, fieldOwnershipProperty } from '../../../shared/sync/mapping-description';

import { readMappings } from '../../../shared/sync/read-mappings';

import { idPropertyField, rateBudgetField } from '../common';
import { DEFAULT_SYNC_STAMP_PROPERTY } from '../../../shared/hubspot/sync-properties';

const show = { resource: ['contact'], operation: ['upsert'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Kirim Contact ID',
		name: 'kirimContactId',
		type: 'string',
		default: '={{ $json.data?.contact?.id ?? $json.id }}',
		required: true,
		placeholder: 'ctc_01J…',
		description:
			'The Kirim contact this HubSpot contact is keyed by. The default reads it from a Kirim Trigger event or a Kirim contact.',
	},
	{
		displayName: 'Mapping',
		name: 'mappingMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Default (Name, Email, Phone)',
				value: 'default',
				description: 'Kirim name → first and last name, email → email, phone number → phone',
			},
			{ name: 'Custom', value: 'custom', description: 'Map each HubSpot property yourself, with transforms' },
		],
		default: 'default',
	},
	{
		displayName: 'Kirim Contact',
		name: 'contact',
		type: 'json',
		default: '={{ $json.data?.contact ?? $json }}',
		displayOptions: { show: { mappingMode: ['default'] } },
		description: 'The Kirim contact object to read name, email and phone number from',
	},
	fieldMappingProperty({
		displayOptions: { show: { mappingMode: ['custom'] } },
		targetPlaceholder: 'firstname',
		targetDescription: 'Internal name of the HubSpot contact property to write',
	}),
	{
		displayName: 'Changed Fields',
		name: 'changedFields',
		type: 'string',
		default: '={{ $json.data?.changed_fields ?? "" }}',
		description:
			'Kirim field names that changed (a Kirim Trigger event’s changed_fields): only mappings from those fields are written. Empty = every mapped field.',
	},
	idPropertyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Associate With Company by Email Domain',
				name: 'associateCompany',
				type: 'boolean',
				default: false,
				description:
					'Whether a contact whose email this run writes (a new contact, a changed address) is associated with the HubSpot company that has its email’s domain — only an existing company, only when exactly one has the domain, never for personal mailboxes (gmail.com, …). One search per 100 domains.',
			},
			{
				displayName: 'Labels Property',
				name: 'labelsProperty',
				type: 'string',
				default: '',
				placeholder: 'kirim_labels',
				description:
					'HubSpot contact property (multiple checkboxes) that mirrors the Kirim contact’s labels, created when missing and given each new label as an option. Written only when the Kirim contact carries a labels list (Default mapping); empty = labels are not mirrored.',
			},
			{
				displayName: 'Link Existing HubSpot Contacts',
				name: 'link',
				type: 'boolean',
				default: true,
				description:
					'Whether to look for HubSpot contacts without a Kirim ID (forms, imports) by email, then phone, and link them instead of creating a second contact. Costs one read per 100 contacts, plus searches for the ones not yet linked.',
			},
			{
				displayName: 'Only Write When Kirim Is Newer',
				name: 'onlyNewer',
				type: 'boolean',
				default: false,
				description:
					'Whether to skip (and report as a conflict) a write whose Kirim updated_at is not newer than the contact’s last sync stamp. Costs one read per 100 contacts. HubSpot has no conditional write, so this is best effort.',
			},
			{
				displayName: 'Read Before Writing',
				name: 'readBefore',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the contacts first, so the sync history shows old → new values and writes that change nothing are skipped. Costs one read per 100 contacts.',
			},
			rateBudgetField,
			{
				displayName: 'Source Updated At',
				name: 'sourceUpdatedAt',
				type: 'string',
				default: '={{ $json.data?.contact?.updated_at ?? $json.updated_at }}',
				description: 'When the Kirim contact last changed; used by Only Write When Kirim Is Newer',
			},
			{
				displayName: 'Stamp Sync Time',
				name: 'stamp',
				type: 'boolean',
				default: true,
				description: `Whether to write the sync time to the ${DEFAULT_SYNC_STAMP_PROPERTY} property (created by Ensure Properties). Conflict checks and the pull side rely on it.`,
			},
		],
	},
	fieldOwnershipProperty(),
];

export const description = updateDisplayOptions({ show }, properties);

function changedFieldsOf(raw: unknown): string[] | undefined {
	const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : [];
	const names = list.map((s) => s.trim()).filter(Boolean);
	return names.length ? names : undefined;
}

/** A Kirim Trigger event's contact, or a Kirim contact itself (the option's default, when the option is not added). */
function updatedAtOf(json: IDataObject | undefined): unknown {
	const data = json?.data as IDataObject | undefined;
	return (data?.contact as IDataObject | undefined)?.updated_at ?? json?.updated_at;
}

/** The Source Updated At option when the user added it (for the run's lag); undefined = the input's own layout. */
export function sourceUpdatedAt(ctx: IExecuteFunctions, i: number): unknown {
	const raw = ctx.getNodeParameter('options', i, {}, { rawExpressions: true }) as IDataObject;
	return 'sourceUpdatedAt' in raw ? ctx.getNodeParameter('options.sourceUpdatedAt', i, null) : undefined;
}

/** One item's wish, or the reason it cannot be sent (reported on that item, never dropped). */
function requestFor(ctx: IExecuteFunctions, i: number): ContactSyncRequest {
	const kirimId = requiredKirimId(ctx, 'kirimContactId', 'ctc', i);
	const { fields: custom, ownership } = readMappings(ctx, i);
	let fields = custom;
	if (ctx.getNodeParameter('mappingMode', i) === 'default') {
		const contact = ctx.getNodeParameter('contact', i, {}) as IDataObject | string;
		const parsed = typeof contact === 'string' ? (JSON.parse(contact || '{}') as IDataObject) : contact;
		fields = kirimContactToHubSpotFields(parsed ?? {});
		const labelsProperty = String(ctx.getNodeParameter('options.labelsProperty', i, '') ?? '').trim();
		const labels = labelsProperty ? kirimLabelsField(parsed ?? {}, labelsProperty) : undefined;
		if (labels && 'problem' in labels)
			throw new NodeOperationError(ctx.getNode(), `The Kirim contact's ${labels.problem}`, { itemIndex: i });
		if (labels) fields.push(labels);
	}
	return {
		itemIndex: i,
		kirimId,
		fields,
		ownership,
		changedFields: changedFieldsOf(ctx.getNodeParameter('changedFields', i, '')),
		sourceUpdatedAt:
			ctx.getNodeParameter('options.sourceUpdatedAt', i, null) ?? updatedAtOf(ctx.getInputData()[i]?.json),
		// A production run started by a Kirim or HubSpot event stamps that event's time: run twice (a redelivery
		// that reached another n8n process, a retried execution), it writes the same values and changes nothing.
		stampAt: triggeringEventTime(ctx, i),
	};
}

export async function execute(this: IExecuteFunctions, client: HubSpotClient): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const labelsProperty = String(options.labelsProperty ?? '').trim();
	return await forItemsInBatch(
		this,
		(i) => requestFor(this, i),
		async (requests) => {
			const { results } = await syncContactsToHubSpot(
				client,
				await offerLabelOptions(client, requests, labelsProperty),
				{
					idProperty: String(this.getNodeParameter('idProperty', 0)),
					link: options.link !== false,
					readBefore: options.readBefore === true,
					onlyNewer: options.onlyNewer === true,
					stampProperty: options.stamp === false ? undefined : DEFAULT_SYNC_STAMP_PROPERTY,
					now: () => new Date().toISOString(),
				},
			);
			if (options.associateCompany !== true) return results;
			const { links } = await associateByEmailDomain(client, results);
			return results.map((result) => ({ ...result, company: links.get(result.itemIndex) }));
		},
		(result: ContactSyncResult & { company?: CompanyLink }) => ({
			kirimContactId: result.kirimId,
			hubspotId: result.hubspotId ?? null,
			operation: result.history.operation,
			...(result.company ? { company: result.company as unknown as IDataObject } : {}),
			sync: result.history as unknown as IDataObject,
		}),
	);
}
