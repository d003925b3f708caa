/**
 * Message templates (https://developers.kirim.chat/sending/send-templates/): each has a name, a language and a status
 * of approved, pending or rejected. A template is one (name, language) pair — Kirimdev's API refuses a second one
 * with 409 template_already_exists (https://docs.kirimdev.com/sending/create-templates/) — so one name can exist in
 * several languages. Templates belong to a WhatsApp number (developers.kirim.chat lists them phone-scoped).
 */
export type TemplateStatus = 'approved' | 'pending' | 'rejected';

export interface Template {
	/** `tmpl_` ids are listed among Kirim's prefixes (https://developers.kirim.chat/concepts/resource-ids/). */
	id: string;
	/** Inferred: every other Kirim resource carries `object`; the templates page shows none. */
	object: 'template';
	name: string;
	language: string;
	status: TemplateStatus;
	/** Inferred, Meta's field: the send page shows components but not the list item's other fields. */
	category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
	created_at: string;
	updated_at: string;
}

export type TemplateSeed = Pick<Template, 'name' | 'language' | 'status' | 'category'>;

/** What every simulated number starts with: a mix of statuses, and one name in two languages. */
export const SEED_TEMPLATES: TemplateSeed[] = [
	{ name: 'hello', language: 'id', status: 'approved', category: 'UTILITY' },
	{ name: 'hello_world', language: 'en_US', status: 'approved', category: 'UTILITY' },
	{ name: 'order_update', language: 'en', status: 'approved', category: 'UTILITY' },
	{ name: 'order_update', language: 'id', status: 'approved', category: 'UTILITY' },
	{ name: 'welcome', language: 'id', status: 'approved', category: 'MARKETING' },
	{ name: 'promo_july', language: 'id', status: 'pending', category: 'MARKETING' },
	{ name: 'old_offer', language: 'en', status: 'rejected', category: 'MARKETING' },
];

/** The `language` of a send body: a code, or `{code, policy?}` (https://developers.kirim.chat/sending/send-templates/). */
export function languageCode(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object' && typeof (value as { code?: unknown }).code === 'string')
		return (value as { code: string }).code;
	return undefined;
}
