import type { INodeProperties, IDisplayOptions } from 'n8n-workflow';

/** The order transforms run in, whatever order they were picked in (n8n does not keep a multi-select's order). */
export const TRANSFORM_ORDER = ['trim', 'emailNormalise', 'lowercase', 'uppercase', 'valueMap', 'splitName', 'dateFormat', 'e164', 'defaultIfEmpty'] as const;

export interface FieldMappingOptions {
	displayOptions?: IDisplayOptions;
	targetPlaceholder: string;
	targetDescription: string;
}

const when = (transform: string): IDisplayOptions => ({ show: { transforms: [transform] } });

/**
 * Field mapping as a fixed collection: value (an expression) → target field, with transforms (seed 004).
 * n8n's lint rules want the entries of a mapping in alphabetical order.
 */
export function fieldMappingProperty(options: FieldMappingOptions): INodeProperties {
	return {
		displayName: 'Field Mappings',
		name: 'fieldMappings',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add mapping',
		default: {},
		...(options.displayOptions ? { displayOptions: options.displayOptions } : {}),
		description:
			'Each mapping writes one target field. Transforms run in this order: trim, email normalise, lowercase/uppercase, value map, split name, date format, E.164, default if empty. An empty value is never sent unless Clear When Empty is on.',
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
						description: 'Whether an empty value empties the target field (otherwise an empty value is not sent)',
					},
					{
						displayName: 'Date Format',
						name: 'dateFormat',
						type: 'options',
						options: [
							{ name: 'Date (YYYY-MM-DD)', value: 'date' },
							{ name: 'Date and Time (ISO 8601, UTC)', value: 'datetime' },
							{ name: 'HubSpot Date Property (Midnight UTC, Ms)', value: 'hubspotDate' },
							{ name: 'Milliseconds Since 1970', value: 'epochMs' },
						],
						default: 'date',
						displayOptions: when('dateFormat'),
					},
					{
						displayName: 'Default Country Code',
						name: 'countryCode',
						type: 'string',
						default: '',
						placeholder: '62',
						description: 'For numbers written without one (e.g. 0812…); empty = such numbers are rejected',
						displayOptions: when('e164'),
					},
					{
						displayName: 'Default Value',
						name: 'defaultValue',
						type: 'string',
						default: '',
						description: 'Used by Default If Empty, and by Value Map when set to use a default',
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
						displayOptions: when('splitName'),
					},
					{
						displayName: 'Source Field Name',
						name: 'source',
						type: 'string',
						default: '',
						description:
							'The source field this value comes from. With Changed Fields set, the mapping is written only when this field changed. Empty = always written.',
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
							{ name: 'Date Format', value: 'dateFormat' },
							{ name: 'Default If Empty', value: 'defaultIfEmpty' },
							{ name: 'E.164 Phone', value: 'e164' },
							{ name: 'Email Normalise', value: 'emailNormalise', description: 'Trim, lowercase and check the shape' },
							{ name: 'Lowercase', value: 'lowercase' },
							{ name: 'Split Name', value: 'splitName' },
							{ name: 'Trim', value: 'trim' },
							{ name: 'Uppercase', value: 'uppercase' },
							{ name: 'Value Map', value: 'valueMap' },
						],
						default: [],
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The value to write, usually an expression such as {{ $JSON.data.contact.name }}',
					},
					{
						displayName: 'Value Map',
						name: 'valueMap',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						placeholder: 'vip=Premium\nregular=Standard',
						description: 'One "from=to" per line',
						displayOptions: when('valueMap'),
					},
					{
						displayName: 'When Not in the Map',
						name: 'unmatched',
						type: 'options',
						options: [
							{ name: 'Keep the Value', value: 'keep' },
							{ name: 'Reject the Field', value: 'reject' },
							{ name: 'Use a Default', value: 'default' },
						],
						default: 'keep',
						displayOptions: when('valueMap'),
					},
				],
			},
		],
	};
}

/** Per-field override of the ownership preset (the target side's field names). */
export function fieldOwnershipProperty(displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Field Ownership Overrides',
		name: 'fieldOwnership',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add override',
		default: {},
		...(displayOptions ? { displayOptions } : {}),
		description:
			'By default Kirim owns WhatsApp fields (phone, labels, conversation status and assignee) and the CRM owns business fields (name, email, lifecycle, segments, custom). On an update, a field the target system owns is not overwritten.',
		options: [
			{
				displayName: 'Override',
				name: 'rule',
				values: [
					{ displayName: 'Field', name: 'field', type: 'string', default: '', placeholder: 'lifecyclestage' },
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
