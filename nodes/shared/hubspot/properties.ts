import type { HubSpotClient } from './client';
import type { HubSpotObjectType } from './batch';
import { propertiesPath } from './api-version';

export interface PropertySpec {
	name: string;
	label: string;
	type: 'string' | 'datetime';
	fieldType: 'text' | 'date';
	hasUniqueValue?: boolean;
	description: string;
}

export interface EnsuredProperty {
	name: string;
	objectType: HubSpotObjectType;
	status: 'created' | 'exists';
	hasUniqueValue: boolean;
	/** Set when the property exists but cannot serve its purpose (e.g. not unique, so upserts by it fail). */
	warning?: string;
}

/** HubSpot's built-in property group of each object, so no group has to be created first. */
const DEFAULT_GROUP: Record<HubSpotObjectType, string> = {
	contacts: 'contactinformation',
	tickets: 'ticketinformation',
	// HubSpot documents no group name for communications; this follows its <object>information naming (inferred).
	communications: 'communicationinformation',
	companies: 'companyinformation',
};

/**
 * Creates a property unless it exists (read first, and a 409 from a concurrent creator counts as "exists"),
 * so running it twice leaves one property. A missing schema scope surfaces as HubSpot's 403, which the
 * error mapping turns into "add the scope …".
 */
export async function ensureProperty(
	client: HubSpotClient,
	objectType: HubSpotObjectType,
	spec: PropertySpec,
): Promise<EnsuredProperty> {
	const path = propertiesPath(objectType);
	const found = await client.send({ method: 'GET', path: `${path}/${encodeURIComponent(spec.name)}`, accept: [404] });
	let status: EnsuredProperty['status'] = 'exists';
	let current = found.body as { hasUniqueValue?: boolean } | undefined;
	if (found.status === 404) {
		const created = await client.send({
			method: 'POST',
			path,
			body: { ...spec, groupName: DEFAULT_GROUP[objectType], hasUniqueValue: spec.hasUniqueValue === true },
			accept: [409],
		});
		status = created.status === 409 ? 'exists' : 'created';
		current =
			created.status === 409
				? await client.json<{ hasUniqueValue?: boolean }>({ method: 'GET', path: `${path}/${spec.name}` })
				: (created.body as typeof current);
	}
	const hasUniqueValue = current?.hasUniqueValue === true;
	return {
		name: spec.name,
		objectType,
		status,
		hasUniqueValue,
		...(spec.hasUniqueValue && !hasUniqueValue
			? {
					warning: `The property ${spec.name} exists but does not require unique values, so HubSpot will not upsert by it. Use another property name, or recreate it with unique values.`,
				}
			: {}),
	};
}

export const syncStampProperty = (name: string): PropertySpec => ({
	name,
	label: 'Kirim last synced at',
	type: 'datetime',
	fieldType: 'date',
	description: 'When n8n-nodes-kirim last wrote this record (conflict checks and the pull side read it)',
});

export const kirimIdProperty = (name: string, what: string): PropertySpec => ({
	name,
	label: `Kirim ${what} ID`,
	type: 'string',
	fieldType: 'text',
	hasUniqueValue: true,
	description: `The Kirim ${what} this record is synced with (unique: the sync upserts by it)`,
});
