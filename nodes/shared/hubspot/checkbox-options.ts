import type { HubSpotObjectType } from './batch';
import type { HubSpotClient } from './client';
import { propertiesPath } from './api-version';

/**
 * A "multiple checkboxes" property (`enumeration` / `checkbox`) accepts only the values among its options, and
 * HubSpot's property update replaces the whole option list
 * (https://developers.hubspot.com/docs/api-reference/latest/crm/properties/update-property).
 */
interface PropertyDefinition {
	type?: string;
	fieldType?: string;
	options?: Array<{ label: string; value: string }>;
}

export interface CheckboxOutcome {
	/** Whether the property exists now (it is not created for an empty value list: nothing to offer yet). */
	exists: boolean;
	/** Whether it is a multiple-checkboxes property; values of any other kind are written as they are. */
	checkbox: boolean;
	added: string[];
	requests: number;
}

/** HubSpot separates the chosen values of a multiple-checkboxes property with ';', so a value cannot hold one. */
export function checkboxValue(text: string): string {
	return text.trim().replace(/;/g, ',');
}

/** Concurrent runs may each replace the option list; a run re-reads and adds what it lost this many times. */
const MAX_ROUNDS = 3;

/**
 * Makes `values` selectable on the property: creates it as multiple checkboxes offering them when missing, or
 * adds the missing ones to its options. A property of another kind is left as it is.
 */
export async function ensureCheckboxOptions(
	client: HubSpotClient,
	objectType: HubSpotObjectType,
	spec: { name: string; label: string; groupName: string; description: string },
	values: string[],
): Promise<CheckboxOutcome> {
	const path = `${propertiesPath(objectType)}/${encodeURIComponent(spec.name)}`;
	const outcome: CheckboxOutcome = { exists: false, checkbox: false, added: [], requests: 0 };
	const wanted = [...new Set(values.filter(Boolean))];
	for (let round = 0; round < MAX_ROUNDS; round++) {
		outcome.requests++;
		const found = await client.send({ method: 'GET', path, accept: [404] });
		if (found.status === 404) {
			if (wanted.length === 0) return outcome;
			outcome.requests++;
			const created = await client.send({
				method: 'POST',
				path: propertiesPath(objectType),
				body: {
					...spec,
					type: 'enumeration',
					fieldType: 'checkbox',
					options: wanted.map((value) => ({ label: value, value })),
				},
				accept: [409],
			});
			if (created.status === 409) continue; // created meanwhile by another run: read it again
			return { ...outcome, exists: true, checkbox: true, added: wanted };
		}
		const definition = found.body as PropertyDefinition;
		outcome.exists = true;
		outcome.checkbox = definition.type === 'enumeration' && definition.fieldType === 'checkbox';
		if (!outcome.checkbox) return outcome;
		const current = definition.options ?? [];
		const have = new Set(current.map((option) => option.value));
		const missing = wanted.filter((value) => !have.has(value));
		if (missing.length === 0) return outcome;
		outcome.requests++;
		await client.send({
			method: 'PATCH',
			path,
			body: { options: [...current, ...missing.map((value) => ({ label: value, value }))] },
		});
		outcome.added.push(...missing.filter((value) => !outcome.added.includes(value)));
	}
	return outcome;
}

/** A multiple-checkboxes property's options, or why the property cannot be read as one. */
export async function readCheckboxOptions(
	client: HubSpotClient,
	objectType: HubSpotObjectType,
	name: string,
): Promise<{ ok: true; options: Array<{ label: string; value: string }> } | { ok: false; reason: string }> {
	const found = await client.send({
		method: 'GET',
		path: `${propertiesPath(objectType)}/${encodeURIComponent(name)}`,
		accept: [404],
	});
	if (found.status === 404) return { ok: false, reason: `HubSpot has no ${objectType} property named "${name}"` };
	const definition = found.body as PropertyDefinition;
	if (definition.type !== 'enumeration' || definition.fieldType !== 'checkbox')
		return { ok: false, reason: `"${name}" is not a multiple checkboxes property (it is ${definition.fieldType})` };
	return { ok: true, options: definition.options ?? [] };
}
