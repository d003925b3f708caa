import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { HealthTally } from '../../../shared/health/run-health';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import { kirimContactToHubSpotFields } from '../../../shared/hubspot/contact-fields';

import { KirimClient } from '../../../shared/kirim/client';

import { refuseStaticDataBelowStatefulTrigger } from '../../../shared/state/action-static-data';

import { clearState, loadState, writeState, type StateSchema } from '../../../shared/state/versioned-state';

import type { SourcedField } from '../../../shared/sync/drift';
import type { MappedField } from '../../../shared/sync/plan';
import { fieldMappingProperty, fieldOwnershipProperty } from '../../../shared/sync/mapping-description';

import { readMappings } from '../../../shared/sync/read-mappings';

import { parseMappingValue, valueFrom, type ValueSource } from '../../../shared/sync/record-values';

import { idPropertyField, rateBudgetField } from '../common';
import { Reconciler, type Finding, type ReconcileReport } from './reconcile-walk';
import { DEFAULT_SYNC_STAMP_PROPERTY } from '../../../shared/hubspot/sync-properties';

const show = { resource: ['contact'], operation: ['reconcile'] };

/**
 * Kirim repairs per run by default: Kirim's default write budget is 60 a minute
 * (https://developers.kirim.chat/concepts/rate-limits/), two minutes' worth.
 */
export const DEFAULT_KIRIM_REPAIRS_PER_RUN = 100;

const properties: INodeProperties[] = [
	{
		displayName:
			'Walks every Kirim contact (100 per request) and reads the HubSpot contacts with the same Kirim ID (100 per request), then the HubSpot contacts holding a Kirim ID Kirim does not have (200 per search). About 250 requests for 10 000 contacts; repairs cost more. See the README, "Reconcile".',
		name: 'reconcileNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Repair',
		name: 'repair',
		type: 'boolean',
		default: false,
		description:
			'Whether to write the owner’s value where the two sides differ: to HubSpot through the same path as Create or Update (missing contacts created or linked), to Kirim through the Kirim node’s Update with sync rules. Off: findings are only reported.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'Findings and Summary', value: 'findings', description: 'One item per finding, then one summary item' },
			{ name: 'Summary Only', value: 'summary', description: 'One item with the counts, for large accounts' },
		],
		default: 'findings',
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
				description: 'Kirim name ↔ first and last name, email ↔ email, phone number → phone',
			},
			{ name: 'Custom', value: 'custom', description: 'The same mappings as Create or Update' },
		],
		default: 'default',
	},
	{
		displayName:
			'Reconcile reads each Kirim contact itself, so a value is a constant or {{ $json.field }} — e.g. {{ $json.name }} or {{ $json.metadata.tier }}, with ?. and ?? between fields; {{ $json.data.contact.name }} (a Kirim Trigger event) reads the same field.',
		name: 'reconcileMappingNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mappingMode: ['custom'] } },
	},
	fieldMappingProperty({
		displayOptions: { show: { mappingMode: ['custom'] } },
		targetPlaceholder: 'firstname',
		targetDescription: 'Internal name of the HubSpot contact property to compare and repair',
	}),
	idPropertyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Check for Contacts Missing in Kirim',
				name: 'checkMissingInKirim',
				type: 'boolean',
				default: true,
				description:
					'Whether to look for HubSpot contacts holding a Kirim ID the walk did not meet (one search per 200 linked contacts, one Kirim read to confirm each). Only when the walk covered every contact in this run. Turn off when HubSpot also holds contacts of other WhatsApp numbers.',
			},
			{
				displayName: 'Contacts per Run',
				name: 'maxContacts',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Stop after this many Kirim contacts (whole pages of 100) and continue from there on the next run (kept in the workflow’s static data, which n8n saves for active workflows only; refused below a poll trigger, whose position that save would put back). 0 = every contact in one run.',
			},
			{
				displayName: 'Kirim Repairs per Run',
				name: 'kirimRepairsPerRun',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_KIRIM_REPAIRS_PER_RUN,
				description:
					'Kirim contacts written at most per run (each costs a read and a write; Kirim’s default write budget is 60 a minute). The rest are reported as deferred and repaired by the next run. 0 = no cap.',
			},
			rateBudgetField,
			{
				displayName: 'Stamp Sync Time',
				name: 'stamp',
				type: 'boolean',
				default: true,
				description: `Whether HubSpot repairs write the sync time to ${DEFAULT_SYNC_STAMP_PROPERTY}, as Create or Update does`,
			},
		],
	},
	fieldOwnershipProperty(),
];

export const description = updateDisplayOptions({ show }, properties);

/** Where a capped walk continues: Kirim's "Sync Your CRM" guide says cursors are opaque, forward-only and never expire. */
const RECONCILE_POSITION: StateSchema<{ cursor: string }> = {
	key: 'reconcilePosition',
	label: 'reconcile position',
	version: 1,
	upgrades: {},
	decode: (record) => (typeof record.cursor === 'string' && record.cursor ? { cursor: record.cursor } : undefined),
};

/** The default mapping, each field knowing its Kirim field (for repairs in Kirim). */
function defaultFields(contact: IDataObject): SourcedField[] {
	return kirimContactToHubSpotFields(contact).map((field) => ({ ...field, path: String(field.source) }));
}

/** The custom mapping read unevaluated, then evaluated against each walked contact (record-values.ts). */
function customFields(
	ctx: IExecuteFunctions,
	fields: MappedField[],
): { fieldsOf: (contact: IDataObject) => SourcedField[]; targets: string[] } {
	const templates = fields.map((field, i) => {
		if (field.target.startsWith('=')) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Mapping ${i + 1}: Reconcile needs the target field written out, not an expression`,
				{ itemIndex: 0 },
			);
		}
		const source = parseMappingValue(field.value);
		if ('error' in source)
			throw new NodeOperationError(ctx.getNode(), `Mapping ${i + 1}: ${source.error}`, { itemIndex: 0 });
		return { field, source: source as ValueSource };
	});
	if (!templates.length)
		throw new NodeOperationError(ctx.getNode(), 'Add at least one mapping, or choose the default mapping', {
			itemIndex: 0,
		});
	return {
		targets: [...new Set(templates.map((t) => t.field.target))],
		fieldsOf: (contact) =>
			templates.map(({ field, source }) => {
				const { value, path } = valueFrom(contact, source);
				return { ...field, value, ...(path ? { path } : {}) };
			}),
	};
}

function summaryJson(report: ReconcileReport): IDataObject {
	const open = report.repairs.off + report.repairs.deferred + report.repairs.failed;
	return {
		kind: 'summary',
		complete: report.complete,
		kirimContacts: report.kirimContacts,
		hubspotLinkedContacts: report.hubspotLinkedContacts,
		findings: { ...report.counts },
		toRepair: open,
		repairs: { ...report.repairs },
		missingInKirimChecked: report.missingInKirimChecked,
		restartedFromFirstPage: report.restarted,
		nextCursor: report.nextCursor ?? null,
		requests: { ...report.requests },
	};
}

/**
 * Contact → Reconcile with Kirim: finds drift between the two systems by the sync rules and, with Repair, writes
 * the owner's value through the same modules the push side uses, so a second reconcile finds nothing to repair.
 * One run for the whole input (the first item's parameters): the walk covers the account, not an item.
 */
export async function execute(
	this: IExecuteFunctions,
	hubspot: HubSpotClient,
	tally: HealthTally,
): Promise<INodeExecutionData[]> {
	const kirim = await KirimClient.create(this);
	const { fields, ownership } = readMappings(this, 0, { rawValues: true });
	const custom = this.getNodeParameter('mappingMode', 0) === 'custom';
	const { fieldsOf, targets } = custom
		? customFields(this, fields)
		: { fieldsOf: defaultFields, targets: ['firstname', 'lastname', 'email', 'phone'] };
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const maxContacts = Number(options.maxContacts ?? 0);
	const summaryOnly = this.getNodeParameter('output', 0, 'findings') === 'summary';
	if (maxContacts > 0) refuseStaticDataBelowStatefulTrigger(this, 'Contacts per Run');
	const staticData = this.getWorkflowStaticData('node');
	const saved = maxContacts > 0 ? loadState(this.getNode(), staticData, RECONCILE_POSITION) : undefined;

	const report = await new Reconciler(
		this.getNode(),
		hubspot,
		kirim,
		{
			idProperty: String(this.getNodeParameter('idProperty', 0)).trim(),
			stampProperty: options.stamp === false ? undefined : DEFAULT_SYNC_STAMP_PROPERTY,
			targets,
			fieldsOf,
			ownership,
			repair: this.getNodeParameter('repair', 0, false) as boolean,
			maxContacts,
			startCursor: saved?.cursor,
			kirimRepairsPerRun: Number(options.kirimRepairsPerRun ?? DEFAULT_KIRIM_REPAIRS_PER_RUN),
			checkMissingInKirim: options.checkMissingInKirim !== false,
			keepFindings: !summaryOnly,
			continueOnFail: this.continueOnFail(),
		},
		tally,
	).run();

	if (report.nextCursor) writeState(staticData, RECONCILE_POSITION, { cursor: report.nextCursor });
	else clearState(staticData, RECONCILE_POSITION);
	const items = summaryOnly
		? []
		: report.findings.map((finding: Finding) => ({ json: finding as unknown as IDataObject, pairedItem: { item: 0 } }));
	items.push({ json: summaryJson(report), pairedItem: { item: 0 } });
	return items;
}
