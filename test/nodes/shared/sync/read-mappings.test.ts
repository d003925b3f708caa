import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	fieldMappingProperty,
	fieldOwnershipProperty,
	TRANSFORM_ORDER,
} from '../../../../nodes/shared/sync/mapping-description';
import { planWrite } from '../../../../nodes/shared/sync/plan';
import { readMappings } from '../../../../nodes/shared/sync/read-mappings';
import { runNode } from '../../../harness/run-node';

/** A test-only node with the shared mapping UI: outputs what readMappings made of it, and the planned create and update. */
class MappingProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mapping Probe',
		name: 'mappingProbe',
		group: ['transform'],
		version: 1,
		description: 'Reads the shared field mapping parameters (tests only)',
		defaults: { name: 'Mapping Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			fieldMappingProperty({ targetPlaceholder: 'firstname', targetDescription: 'HubSpot property' }),
			fieldOwnershipProperty(),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_, i) => {
				try {
					const { fields, ownership } = readMappings(this, i);
					const created = planWrite({ direction: 'to_crm', fields, ownership, isCreate: true });
					const updated = planWrite({ direction: 'to_crm', fields, ownership, isCreate: false });
					const json = {
						fields,
						ownership,
						properties: created.properties,
						rejected: created.rejected,
						updateProperties: updated.properties,
					};
					return { json: json as unknown as IDataObject, pairedItem: { item: i } };
				} catch (error) {
					if (!this.continueOnFail()) throw error;
					const context = (error as NodeOperationError).context;
					return {
						json: { error: (error as Error).message, itemIndex: (context?.itemIndex as number) ?? null },
						pairedItem: { item: i },
					};
				}
			}),
		];
	}
}

const run = async (parameters: INodeParameters, input: IDataObject[] = [{}], continueOnFail = false) =>
	await runNode({ node: new MappingProbe(), parameters, input, credentialTypes: {}, continueOnFail });

const mappings = (...mapping: INodeParameters[]): INodeParameters => ({ fieldMappings: { mapping } });

describe('readMappings through n8n-core (the shared mapping UI)', () => {
	it('resolves expressions per item and orders transforms by the documented order, not the picked one', async () => {
		const parameters = mappings({
			target: 'lastname',
			value: '={{ $json.name }}',
			transforms: ['defaultIfEmpty', 'splitName', 'trim'],
			namePart: 'last',
			defaultValue: 'Unknown',
			source: ' name ',
		});
		const { items, error } = await run(parameters, [{ name: '  Budi  Santoso ' }, { name: 'Ana' }]);
		expect(error).toBeUndefined();
		expect(items[0].json.fields).toEqual([
			{
				target: 'lastname',
				value: '  Budi  Santoso ',
				source: 'name',
				clear: false,
				transforms: [
					{ type: 'trim' },
					{ type: 'splitName', part: 'last' },
					{ type: 'defaultIfEmpty', value: 'Unknown' },
				],
			},
		]);
		expect(items.map((i) => i.json.properties)).toEqual([{ lastname: 'Santoso' }, { lastname: 'Unknown' }]);
	});

	it('every transform the UI offers is one readMappings knows, in TRANSFORM_ORDER', async () => {
		const all = (
			new MappingProbe().description.properties[0].options as Array<{
				values: Array<{ name: string; options?: Array<{ value: string }> }>;
			}>
		)[0].values
			.find((p) => p.name === 'transforms')!
			.options!.map((o) => o.value);
		expect([...all].sort()).toEqual([...TRANSFORM_ORDER].sort());
		const { items, error } = await run(mappings({ target: 'x', value: 'a', transforms: all }));
		expect(error).toBeUndefined();
		expect(
			(items[0].json.fields as Array<{ transforms: Array<{ type: string }> }>)[0].transforms.map((t) => t.type),
		).toEqual([...TRANSFORM_ORDER]);
	});

	it('fills the defaults of a picked transform and ignores the settings of transforms not picked', async () => {
		const { items } = await run(
			mappings({
				target: 'closedate',
				value: '2026-11-22T15:00:00Z',
				transforms: ['dateFormat', 'e164'],
				namePart: 'last',
			}),
		);
		expect((items[0].json.fields as IDataObject[])[0].transforms).toEqual([
			{ type: 'dateFormat', format: 'date' },
			{ type: 'e164', defaultCountryCode: '' },
		]);
		const hidden = await run(mappings({ target: 'closedate', value: '2026-11-22', dateFormat: 'epochMs' }));
		expect((hidden.items[0].json.fields as IDataObject[])[0].transforms).toEqual([]);
	});

	it('reads a value map from lines (CRLF, blank lines, = in the answer) with its unmatched rule', async () => {
		const row = {
			target: 'hs_lead_status',
			value: '={{ $json.tier }}',
			transforms: ['valueMap'],
			valueMap: 'vip = Premium\r\n\r\nbasic=Standard=1\n',
			unmatched: 'default',
			valueMapDefault: 'Other',
		};
		const { items } = await run(mappings(row), [{ tier: 'vip' }, { tier: 'basic' }, { tier: 'gold' }]);
		expect((items[0].json.fields as IDataObject[])[0].transforms).toEqual([
			{
				type: 'valueMap',
				table: [
					{ from: 'vip', to: 'Premium' },
					{ from: 'basic', to: 'Standard=1' },
				],
				otherwise: 'default',
				default: 'Other',
			},
		]);
		expect(items.map((i) => i.json.properties)).toEqual([
			{ hs_lead_status: 'Premium' },
			{ hs_lead_status: 'Standard=1' },
			{ hs_lead_status: 'Other' },
		]);
		const reject = await run(mappings({ ...row, unmatched: 'reject' }), [{ tier: 'gold' }]);
		expect(reject.items[0].json.rejected).toEqual([
			{ field: 'hs_lead_status', reason: '"gold" is not in the value map: expected one of "vip", "basic"' },
		]);
	});

	it('a bad value map line fails only that item, naming the mapping and the line', async () => {
		const parameters = mappings(
			{ target: 'firstname', value: 'Ana' },
			{ target: 'hs_lead_status', value: 'vip', transforms: ['valueMap'], valueMap: '={{ $json.table }}' },
		);
		const input = [{ table: 'vip=Premium' }, { table: 'vip=Premium\noops' }, { table: 'vip=Premium\nvip=Gold' }];
		const { items } = await run(parameters, input, true);
		expect(items[0].json.properties).toEqual({ firstname: 'Ana', hs_lead_status: 'Premium' });
		expect(items[1].json).toEqual({ error: 'Mapping 2: value map line 2, "oops", is not "from=to"', itemIndex: 1 });
		expect(items[2].json).toEqual({
			error: 'Mapping 2: value map line 2 maps "vip" again (line 1 maps it to "Premium")',
			itemIndex: 2,
		});
		const failed = await run(parameters, input.slice(0, 2));
		expect(failed.error?.name).toBe('NodeOperationError');
		expect(failed.error?.message).toBe('Mapping 2: value map line 2, "oops", is not "from=to"');
		expect(failed.error?.context?.itemIndex).toBe(1);
	});

	it('a mapping without a target field is an error that says which', async () => {
		const { items } = await run(
			mappings({ target: 'firstname', value: 'Ana' }, { target: '={{ $json.prop }}', value: 'x' }),
			[{ prop: 'company' }, { prop: ' ' }],
			true,
		);
		expect(items[0].json.properties).toEqual({ firstname: 'Ana', company: 'x' });
		expect(items[1].json).toEqual({ error: 'Mapping 2: no target field', itemIndex: 1 });
	});

	it('reads ownership overrides (blank names ignored) and planWrite applies them', async () => {
		const parameters: INodeParameters = {
			...mappings(
				{ target: 'lifecyclestage', value: 'lead' },
				{ target: 'phone', value: '+628111222333' },
				{ target: 'firstname', value: 'Ana' },
			),
			fieldOwnership: {
				rule: [
					{ field: ' lifecyclestage ', owner: 'kirim' },
					{ field: 'phone', owner: 'crm' },
					{ field: '', owner: 'kirim' },
				],
			},
		};
		const { items } = await run(parameters);
		expect(items[0].json.ownership).toEqual({ overrides: { lifecyclestage: 'kirim', phone: 'crm' } });
		// On update the CRM keeps its fields: the override hands lifecyclestage to Kirim and phone to the CRM.
		expect(items[0].json.updateProperties).toEqual({ lifecyclestage: 'lead' });
		expect(items[0].json.properties).toEqual({ lifecyclestage: 'lead', phone: '+628111222333', firstname: 'Ana' });
	});

	it('no mappings and no overrides read as empty', async () => {
		const { items } = await run({});
		expect(items[0].json).toMatchObject({ fields: [], ownership: { overrides: {} }, properties: {} });
	});
});
