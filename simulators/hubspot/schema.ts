import { COMMUNICATION_CHANNEL_TYPES } from './communications';
import type { HubSpotErrorDetail } from './errors';

export type ObjectType = 'contacts' | 'companies' | 'tickets' | 'communications';
export const OBJECT_TYPES: ObjectType[] = ['contacts', 'companies', 'tickets', 'communications'];
/** HubSpot's objectTypeId of each type (https://developers.hubspot.com/docs/guides/crm/understanding-the-crm). */
export const OBJECT_TYPE_IDS: Record<ObjectType, string> = {
	contacts: '0-1',
	companies: '0-2',
	tickets: '0-5',
	communications: '0-18',
};
/**
 * The types HubSpot can merge (records; a communication is an activity on a record's timeline). Communications
 * left out is inferred: their API reference lists no merge endpoint. Companies are left out by choice: HubSpot does
 * merge companies (`POST /crm/objects/{v}/companies/merge`), but the simulator does not model it.
 */
export const MERGEABLE_TYPES: ObjectType[] = ['contacts', 'tickets'];

/** The names HubSpot also accepts for an object type in paths (singular name, objectTypeId). */
const TYPE_ALIASES: Record<string, ObjectType> = {
	contacts: 'contacts',
	contact: 'contacts',
	'0-1': 'contacts',
	companies: 'companies',
	company: 'companies',
	'0-2': 'companies',
	tickets: 'tickets',
	ticket: 'tickets',
	'0-5': 'tickets',
	communications: 'communications',
	communication: 'communications',
	'0-18': 'communications',
};

/**
 * Other names the objects API is served under. The communications guide retrieves one message at
 * `/crm/objects/{v}/communication/{communicationId}` (singular), so communications are served there too.
 */
export const OBJECT_PATH_ALIASES: Partial<Record<ObjectType, string[]>> = { communications: ['communication'] };

export function objectTypeOf(value: string): ObjectType | undefined {
	return TYPE_ALIASES[value.toLowerCase()];
}

export interface PropertyOption {
	label: string;
	value: string;
}

export interface PropertyDefinition {
	name: string;
	label: string;
	type: string;
	fieldType: string;
	groupName: string;
	hasUniqueValue: boolean;
	options: PropertyOption[];
	/** HubSpot computes these; writing them fails the request (READ_ONLY_VALUE). */
	readOnlyValue: boolean;
	calculated: boolean;
	createdAt?: string;
	updatedAt?: string;
}

export const PROPERTY_TYPES = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool', 'phone_number'];
export const FIELD_TYPES = [
	'text',
	'textarea',
	'number',
	'date',
	'select',
	'radio',
	'checkbox',
	'booleancheckbox',
	'phonenumber',
	'file',
	'calculation_equation',
	'html',
];
/** At most 10 unique-value properties per object (a third-party figure, not from an official HubSpot page). */
export const MAX_UNIQUE_PROPERTIES = 10;

const options = (...values: string[]): PropertyOption[] => values.map((value) => ({ label: value, value }));

type Builtin = [name: string, type: string, fieldType: string, extra?: Partial<PropertyDefinition>];
const READ_ONLY: Partial<PropertyDefinition> = { readOnlyValue: true, calculated: true };

/** A subset of HubSpot's built-in properties: the ones the sync reads or writes, with their real types. */
const BUILT_IN: Record<ObjectType, Builtin[]> = {
	contacts: [
		['email', 'string', 'text'],
		['firstname', 'string', 'text'],
		['lastname', 'string', 'text'],
		['phone', 'string', 'phonenumber'],
		['mobilephone', 'string', 'phonenumber'],
		['company', 'string', 'text'],
		['jobtitle', 'string', 'text'],
		['city', 'string', 'text'],
		['country', 'string', 'text'],
		['hubspot_owner_id', 'enumeration', 'select'],
		[
			'lifecyclestage',
			'enumeration',
			'radio',
			{
				options: options(
					'subscriber',
					'lead',
					'marketingqualifiedlead',
					'salesqualifiedlead',
					'opportunity',
					'customer',
					'evangelist',
					'other',
				),
			},
		],
		[
			'hs_lead_status',
			'enumeration',
			'radio',
			{
				options: options(
					'NEW',
					'OPEN',
					'IN_PROGRESS',
					'OPEN_DEAL',
					'UNQUALIFIED',
					'ATTEMPTED_TO_CONTACT',
					'CONNECTED',
					'BAD_TIMING',
				),
			},
		],
		['hs_object_id', 'number', 'number', READ_ONLY],
		['createdate', 'datetime', 'date', READ_ONLY],
		['lastmodifieddate', 'datetime', 'date', READ_ONLY],
	],
	// A few of HubSpot's company properties, with the types HubSpot gives them. `industry` is an enumeration with a
	// fixed option list in HubSpot; here it is a plain string (any value accepted). `hs_additional_domains` is an
	// enumeration (checkbox) without options, holding domains separated by semicolons (the companies guide).
	companies: [
		['name', 'string', 'text'],
		['domain', 'string', 'text'],
		['hs_additional_domains', 'enumeration', 'checkbox'],
		['industry', 'string', 'text'],
		['city', 'string', 'text'],
		['country', 'string', 'text'],
		['phone', 'string', 'phonenumber'],
		['website', 'string', 'text'],
		['description', 'string', 'textarea'],
		['numberofemployees', 'number', 'number'],
		['hubspot_owner_id', 'enumeration', 'select'],
		['hs_object_id', 'number', 'number', READ_ONLY],
		['createdate', 'datetime', 'date', READ_ONLY],
		['hs_lastmodifieddate', 'datetime', 'date', READ_ONLY],
	],
	tickets: [
		['subject', 'string', 'text'],
		['content', 'string', 'textarea'],
		['hs_pipeline', 'enumeration', 'select'],
		['hs_pipeline_stage', 'enumeration', 'select'],
		['hs_ticket_priority', 'enumeration', 'select', { options: options('LOW', 'MEDIUM', 'HIGH', 'URGENT') }],
		[
			'hs_ticket_category',
			'enumeration',
			'checkbox',
			{ options: options('PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY') },
		],
		['hubspot_owner_id', 'enumeration', 'select'],
		['source_type', 'enumeration', 'select', { options: options('CHAT', 'EMAIL', 'FORM', 'PHONE') }],
		['hs_object_id', 'number', 'number', READ_ONLY],
		['createdate', 'datetime', 'date', READ_ONLY],
		['hs_lastmodifieddate', 'datetime', 'date', READ_ONLY],
	],
	// The properties the communications guide lists (https://developers.hubspot.com/docs/api/crm/communications).
	// logged_from lists no options: the guide names only CRM, which a create must send (communications.ts).
	communications: [
		['hs_communication_channel_type', 'enumeration', 'select', { options: options(...COMMUNICATION_CHANNEL_TYPES) }],
		['hs_communication_logged_from', 'enumeration', 'select'],
		['hs_communication_body', 'string', 'textarea'],
		['hs_timestamp', 'datetime', 'date'],
		['hubspot_owner_id', 'enumeration', 'select'],
		['hs_object_id', 'number', 'number', READ_ONLY],
		['hs_createdate', 'datetime', 'date', READ_ONLY],
		['hs_lastmodifieddate', 'datetime', 'date', READ_ONLY],
	],
};

/**
 * What a read returns when it names no `properties`. Contacts: HubSpot's default contact properties. Companies:
 * HubSpot's default company properties (name, domain, createdate, hs_lastmodifieddate, hs_object_id). Tickets:
 * inferred from HubSpot's tickets guide. Communications: inferred, the three every engagement object answers with.
 */
export const DEFAULT_PROPERTIES: Record<ObjectType, string[]> = {
	contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
	companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
	tickets: [
		'content',
		'createdate',
		'hs_lastmodifieddate',
		'hs_object_id',
		'hs_pipeline',
		'hs_pipeline_stage',
		'hs_ticket_category',
		'hs_ticket_priority',
		'subject',
	],
	communications: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** The read-only property holding the creation time (engagements such as communications use the hs_ name). */
export const CREATED_PROPERTY: Record<ObjectType, string> = {
	contacts: 'createdate',
	companies: 'createdate',
	tickets: 'createdate',
	communications: 'hs_createdate',
};

export const MODIFIED_PROPERTY: Record<ObjectType, string> = {
	contacts: 'lastmodifieddate',
	companies: 'hs_lastmodifieddate',
	tickets: 'hs_lastmodifieddate',
	communications: 'hs_lastmodifieddate',
};

/** The group built-in properties are in (communications: inferred from HubSpot's <object>information naming). */
const PROPERTY_GROUP: Record<ObjectType, string> = {
	contacts: 'contactinformation',
	companies: 'companyinformation',
	tickets: 'ticketinformation',
	communications: 'communicationinformation',
};

export function builtInProperties(type: ObjectType): Map<string, PropertyDefinition> {
	const map = new Map<string, PropertyDefinition>();
	for (const [name, propertyType, fieldType, extra] of BUILT_IN[type]) {
		const label = name.replace(/^hs_/, '').replace(/_/g, ' ');
		map.set(name, {
			name,
			label,
			type: propertyType,
			fieldType,
			groupName: PROPERTY_GROUP[type],
			hasUniqueValue: false,
			options: [],
			readOnlyValue: false,
			calculated: false,
			...extra,
		});
	}
	return map;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A value HubSpot refuses for one object (in a batch: a 207 entry for that input only). Codes follow the
 * `error` values HubSpot puts in "Property values were not valid" messages (INVALID_EMAIL, INVALID_OPTION, …).
 */
export function valueProblem(def: PropertyDefinition, value: string | null): HubSpotErrorDetail | undefined {
	if (value === null || value === '') return undefined; // clearing a property is always allowed
	const fail = (code: string, why: string): HubSpotErrorDetail => ({
		message: `Property values were not valid: ${def.name} ${why}`,
		code,
		context: { propertyName: [def.name] },
	});
	if (def.name === 'email' && !EMAIL.test(value))
		return fail('INVALID_EMAIL', `"${value}" is not a valid email address`);
	if (def.type === 'number' && !Number.isFinite(Number(value)))
		return fail('INVALID_INTEGER', `"${value}" was not a valid number`);
	if (def.type === 'bool' && value !== 'true' && value !== 'false')
		return fail('INVALID_BOOLEAN', `"${value}" is not true or false`);
	if ((def.type === 'date' || def.type === 'datetime') && !/^\d+$/.test(value) && Number.isNaN(Date.parse(value)))
		return fail('INVALID_DATE', `"${value}" is not a date`);
	if (def.type === 'enumeration' && def.options.length > 0) {
		const allowed = new Set(def.options.map((o) => o.value));
		const chosen = def.fieldType === 'checkbox' ? value.split(';') : [value];
		const bad = chosen.find((v) => !allowed.has(v));
		if (bad !== undefined)
			return fail('INVALID_OPTION', `"${bad}" was not one of the allowed options: [${[...allowed].join(', ')}]`);
	}
	return undefined;
}
