/** Which system a field belongs to: on update the other side never overwrites it. */
export type Side = 'kirim' | 'crm';
/** to_crm: the target is HubSpot; from_crm: the target is Kirim. */
export type Direction = 'to_crm' | 'from_crm';

export interface OwnershipRules {
	/** Target field name → owner; wins over the preset. `metadata` also covers `metadata.<key>` unless that has its own. */
	overrides?: Record<string, Side>;
}

export interface OwnershipPresetRow {
	direction: Direction;
	/** Target-side field names; `kirim_*` is a prefix, `*` every field not listed in another row. */
	fields: string[];
	owner: Side;
	what: string;
}

/**
 * The default preset, after Kirim's "Sync Your CRM" guide: "Kirim owns WhatsApp-related fields" (phone, labels,
 * conversation status and assignment), "the CRM owns business-side fields" (name, email, lifecycle, segments, custom), and
 * "when a field could plausibly belong to either side, default to the CRM". Names are the target side's.
 * Exported as data so the README and the node's notice show the same table the code applies.
 */
export const OWNERSHIP_PRESET: readonly OwnershipPresetRow[] = [
	{
		direction: 'to_crm',
		fields: ['phone', 'mobilephone', 'hs_whatsapp_phone_number'],
		owner: 'kirim',
		what: 'the WhatsApp number',
	},
	{
		direction: 'to_crm',
		fields: ['kirim_*'],
		owner: 'kirim',
		what: 'Kirim data mirrored in HubSpot (id, labels, conversation status, assignee, sync stamp)',
	},
	{
		direction: 'to_crm',
		fields: ['*'],
		owner: 'crm',
		what: 'business fields: name, email, lifecycle stage, segments, custom properties',
	},
	{ direction: 'from_crm', fields: ['phone_number'], owner: 'kirim', what: 'the WhatsApp number' },
	{ direction: 'from_crm', fields: ['labels'], owner: 'kirim', what: 'labels applied in the inbox' },
	{
		direction: 'from_crm',
		fields: ['status', 'assigned_to'],
		owner: 'kirim',
		what: 'conversation status and assignment',
	},
	{
		direction: 'from_crm',
		fields: ['name', 'email', 'metadata', 'metadata.<key>', '*'],
		owner: 'crm',
		what: 'business fields and the custom field bag',
	},
];

/** Kirim-owned target fields per direction (everything else belongs to the CRM). */
export const KIRIM_OWNED: Record<Direction, readonly string[]> = {
	to_crm: OWNERSHIP_PRESET.filter((r) => r.direction === 'to_crm' && r.owner === 'kirim').flatMap((r) => r.fields),
	from_crm: OWNERSHIP_PRESET.filter((r) => r.direction === 'from_crm' && r.owner === 'kirim').flatMap((r) => r.fields),
};

const SIDE_NAMES: Record<Side, string> = { kirim: 'Kirim', crm: 'CRM' };
const DIRECTION_NAMES: Record<Direction, string> = { to_crm: 'Kirim → HubSpot', from_crm: 'HubSpot → Kirim' };

/** The preset as a Markdown table, for the README and notices. */
export function ownershipPresetMarkdown(): string {
	const lines = ['| Write | Target fields | Owner | What |', '|---|---|---|---|'];
	for (const row of OWNERSHIP_PRESET) {
		const fields = row.fields.map((f) => (f === '*' ? 'every other field' : `\`${f}\``)).join(', ');
		lines.push(`| ${DIRECTION_NAMES[row.direction]} | ${fields} | ${SIDE_NAMES[row.owner]} | ${row.what} |`);
	}
	return lines.join('\n');
}

function matches(field: string, pattern: string): boolean {
	return pattern.endsWith('*') ? field.startsWith(pattern.slice(0, -1)) : field === pattern;
}

/** An override for the field, else for its nearest dotted parent (`metadata.tier` → `metadata`). */
function overrideOf(field: string, overrides: Record<string, Side> | undefined): Side | undefined {
	if (!overrides) return undefined;
	for (let name = field; ; name = name.slice(0, name.lastIndexOf('.'))) {
		if (Object.prototype.hasOwnProperty.call(overrides, name)) return overrides[name];
		if (!name.includes('.')) return undefined;
	}
}

/** Who owns a target field. HubSpot and Kirim names are lowercase, so the preset ignores case. */
export function ownerOf(field: string, direction: Direction, rules?: OwnershipRules): Side {
	const override = overrideOf(field, rules?.overrides);
	if (override) return override;
	const name = field.toLowerCase();
	return KIRIM_OWNED[direction].some((pattern) => matches(name, pattern)) ? 'kirim' : 'crm';
}

/** The side a write goes to, which owns the fields it must not overwrite. */
export const targetSide = (direction: Direction): Side => (direction === 'to_crm' ? 'crm' : 'kirim');
