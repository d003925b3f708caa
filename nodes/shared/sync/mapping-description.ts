import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { TransformType } from './transforms';

/**
 * The order transforms run in, whatever order they were picked in: a multi-select is a set to the user, and
 * this order is the one where each step makes sense of the previous one (trim before checking an email,
 * lowercase before a value map, the default last so it replaces whatever came out empty).
 */
export const TRANSFORM_ORDER: readonly TransformType[] = [
	'trim',
	'emailNormalise',
	'lowercase',
	'uppercase',
	'valueMap',
	'splitName',
	'dateFormat',
	'e164',
	'defaultIfEmpty',
];

export interface FieldMappingOptions {
	displayOptions?: IDisplayOptions;
	targetPlaceholder: string;
	targetDescription: string;
}

const whenPicked = (...transforms: TransformType[]): IDisplayOptions => ({ show: { transforms } });

/**
 * Field mapping as a fixed collection: a value (an expression) → a target field,
 * with transforms. Mappings are sortable because order matters: of two mappings to one field, the later is
 * a fallback. n8n's lint rules want the entries in alphabetical order.
 */
export function fieldMappingProperty(options: FieldMappingOptions): INodeProperties {
	return {
		displayName: 'Field Mappings',
		name: 'fieldMappings',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Mapping',
		default: {},
		...(options.displayOptions ? { displayOptions: options.displayOptions } : {}),
		description:
			'Each mapping writes one target field. An empty value is never sent unless Clear When Empty is on. Two mappings may name the same field: the later one is used only when the earlier comes out empty.',
		options: [
			{
				displayName: 'Mapping',
				name: 'mapping',
				values: [
					{
						displayName: 'Clear When Empty',
						name: 'clear',
						type: 'boolean',
						default: false,
						description:
							'Whether an empty value empties the target field. Off: an empty value is not sent, so it never erases data.',
					},
					{
						displayName: 'Date Format',
						name: 'dateFormat',
						type: 'options',
						options: [
							{ name: 'Date (YYYY-MM-DD)', value: 'date' },
							{ name: 'Date and Time (ISO 8601, UTC)', value: 'datetime' },
							{
								name: 'HubSpot Date Property (Midnight UTC)',
								value: 'hubspotDate',
								description: 'Milliseconds at midnight UTC of the day, as HubSpot date properties require',
							},
							{ name: 'Milliseconds Since 1970', value: 'epochMs' },
						],
						default: 'date',
						description: 'Reads ISO 8601 dates (no offset = UTC) and epoch seconds or milliseconds',
						displayOptions: whenPicked('dateFormat'),
					},
					{
						displayName: 'Default Country Code',
						name: 'countryCode',
						type: 'string',
						default: '',
						placeholder: '62',
						description:
							'For numbers written without one: a leading 0 is replaced by it (0812… → +62812…), a number already starting with it gets only the + (6281… → +6281…). Empty: such numbers are rejected.',
						displayOptions: whenPicked('e164'),
					},
					{
						displayName: 'Default Value',
						name: 'defaultValue',
						type: 'string',
						default: '',
						description: 'Written when the value comes out empty',
						displayOptions: whenPicked('defaultIfEmpty'),
					},
					{
						displayName: 'Name Part',
						name: 'namePart',
						type: 'options',
						options: [
							{ name: 'First Name', value: 'first', description: 'The first word' },
							{ name: 'Last Name', value: 'last', description: 'Everything after the first word' },
						],
						default: 'first',
						displayOptions: whenPicked('splitName'),
					},
					{
						displayName: 'Source Field Name',
						name: 'source',
						type: 'string',
						default: '',
						placeholder: 'name',
						description:
							'The source field this value comes from. With Changed Fields set, the mapping is written only when this field changed. Empty: always written.',
					},
					{
						displayName: 'Target Field',
						name: 'target',
						type: 'string',
						default: '',
						required: true,
						placeholder: options.targetPlaceholder,
						description: options.targetDescription,
					},
					{
						displayName: 'Transforms',
						name: 'transforms',
						type: 'multiOptions',
						options: [
							{ name: 'Date Format', value: 'dateFormat', description: 'Rejects a value that is not a date' },
							{ name: 'Default If Empty', value: 'defaultIfEmpty' },
							{ name: 'E.164 Phone', value: 'e164', description: 'Rejects a number it cannot make international' },
							{
								name: 'Email Normalise',
								value: 'emailNormalise',
								description: 'Trim, lowercase, and reject what is not an email address',
							},
							{ name: 'Lowercase', value: 'lowercase' },
							{ name: 'Split Name', value: 'splitName', description: 'First word, or everything after it' },
							{ name: 'Trim', value: 'trim' },
							{ name: 'Uppercase', value: 'uppercase' },
							{ name: 'Value Map', value: 'valueMap' },
						],
						default: [],
						description:
							'Applied in this order, whatever the order picked: trim, email normalise, lowercase/uppercase, value map, split name, date format, E.164, default if empty. A rejected value skips only this field, with the reason in the sync history.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: '{{ $json.data.contact.name }}',
						description: 'The value to write, usually an expression that reads the incoming item',
					},
					{
						displayName: 'Value Map',
						name: 'valueMap',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						placeholder: 'vip=Premium\nregular=Standard',
						description:
							'One "from=to" per line (the first = separates them); from must match exactly, so pick Lowercase or Trim to match loosely',
						displayOptions: whenPicked('valueMap'),
					},
					{
						displayName: 'Value Map Default',
						name: 'valueMapDefault',
						type: 'string',
						default: '',
						description: 'Written for a value that is not in the map',
						displayOptions: { show: { transforms: ['valueMap'], unmatched: ['default'] } },
					},
					{
						displayName: 'When Not in the Map',
						name: 'unmatched',
						type: 'options',
						options: [
							{ name: 'Keep the Value', value: 'keep' },
							{
								name: 'Reject the Field',
								value: 'reject',
								description: 'Skip this field and say why in the sync history',
							},
							{ name: 'Use the Value Map Default', value: 'default' },
						],
						default: 'keep',
						displayOptions: whenPicked('valueMap'),
					},
				],
			},
		],
	};
}

/** Per-field override of the ownership preset (ownership.ts), by the target side's field names. */
export function fieldOwnershipProperty(
	displayOptions?: IDisplayOptions,
	fieldPlaceholder = 'lifecyclestage',
): INodeProperties {
	return {
		displayName: 'Field Ownership Overrides',
		name: 'fieldOwnership',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Override',
		default: {},
		...(displayOptions ? { displayOptions } : {}),
		description:
			'By default Kirim owns WhatsApp fields (phone, labels, conversation status and assignee) and the CRM owns business fields (name, email, lifecycle, segments, custom). On an update, a field the target system owns is not overwritten unless it is empty there.',
		options: [
			{
				displayName: 'Override',
				name: 'rule',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: fieldPlaceholder,
						description:
							'The target side’s field name. An override of metadata also covers the keys inside it (metadata.tier).',
					},
					{
						displayName: 'Owner',
						name: 'owner',
						type: 'options',
						options: [
							{ name: 'CRM', value: 'crm' },
							{ name: 'Kirim', value: 'kirim' },
						],
						default: 'crm',
					},
				],
			},
		],
	};
}
