import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getPhoneNumbersOrDefault } from '../../shared/kirim/accounts';
import { KirimClient } from '../../shared/kirim/client';
import { collect } from '../../shared/transport/pagination';

export { getPhoneNumbersOrDefault };

/** Every label of the organisation (labels are org-level and scoped to a team,
 * https://developers.kirim.chat/api/operations/labels/post/). */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await KirimClient.create(this);
	const labels = await collect(client.listPages<IDataObject>('/v1/labels', {}, 100), 1000);
	return labels.map((l) => ({
		name: `${String(l.name)}${l.color ? ` (${String(l.color)})` : ''}`,
		value: String(l.id),
	}));
}

/**
 * Templates this node can send (name, language, status approved | pending | rejected:
 * https://developers.kirim.chat/sending/send-templates/).
 */
async function approvedTemplates(ctx: ILoadOptionsFunctions): Promise<Array<{ name: string; language: string }>> {
	const client = await KirimClient.create(ctx);
	const phoneNumberId = String(ctx.getCurrentNodeParameter('phoneNumberId') ?? '');
	const templates = await collect(
		client.listPages<IDataObject>(client.scopedPath('templates', '', phoneNumberId), {}, 100),
		2000,
	);
	// WhatsApp refuses a template that is still pending or was rejected, so only approved ones are offered.
	return templates
		.filter((t) => t.status === 'approved' && typeof t.name === 'string' && typeof t.language === 'string')
		.map((t) => ({ name: String(t.name), language: String(t.language) }));
}

/** One option per approved template name, with the languages it is approved in. */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const languages = new Map<string, string[]>();
	for (const t of await approvedTemplates(this)) languages.set(t.name, [...(languages.get(t.name) ?? []), t.language]);
	return [...languages.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, codes]) => ({
			name: `${name} (${codes.sort().join(', ')})`,
			value: name,
			description: `Approved in ${codes.join(', ')}`,
		}));
}

/** The languages the chosen template is approved in; every approved language while none is chosen (or it is an expression). */
export async function getTemplateLanguages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const chosen = String(this.getCurrentNodeParameter('templateName') ?? '').trim();
	const templates = await approvedTemplates(this);
	const mine = templates.filter((t) => t.name === chosen);
	const codes = new Set((mine.length ? mine : templates).map((t) => t.language));
	const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
	return [...codes].sort().map((code) => ({ name: languageLabel(names, code), value: code }));
}

/** "American English (en_US)"; a code the runtime cannot name (or a malformed one) is shown as it is. */
function languageLabel(names: Intl.DisplayNames, code: string): string {
	try {
		const name = names.of(code.replace(/_/g, '-'));
		return name ? `${name} (${code})` : code;
	} catch {
		return code;
	}
}
