/** Which system a field belongs to: the other side never overwrites it on update (seeds 000 and 003). */
export type Side = 'kirim' | 'crm';
/** to_crm: the target is HubSpot; from_crm: the target is Kirim. */
export type Direction = 'to_crm' | 'from_crm';

export interface OwnershipRules {
	/** Target field name → owner; wins over the preset. */
	overrides?: Record<string, Side>;
}

/**
 * The preset, by the target side's field names: Kirim owns the WhatsApp fields (phone, labels, conversation
 * status and assignment) and the `kirim_*` keys; the CRM owns the business fields (name, email, lifecycle,
 * segments, custom) — on HubSpot everything not listed here.
 */
export const KIRIM_OWNED: Record<Direction, readonly string[]> = {
	to_crm: ['phone', 'mobilephone', 'hs_whatsapp_phone_number', 'kirim_*'],
	from_crm: ['phone_number', 'labels', 'status', 'assigned_to'],
};

function matches(field: string, pattern: string): boolean {
	return pattern.endsWith('*') ? field.startsWith(pattern.slice(0, -1)) : field === pattern;
}

export function ownerOf(field: string, direction: Direction, rules?: OwnershipRules): Side {
	const override = rules?.overrides?.[field];
	if (override) return override;
	return KIRIM_OWNED[direction].some((pattern) => matches(field, pattern)) ? 'kirim' : 'crm';
}

/** The side a write goes to, which owns the fields it must not overwrite. */
export const targetSide = (direction: Direction): Side => (direction === 'to_crm' ? 'crm' : 'kirim');
