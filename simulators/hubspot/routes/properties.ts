import { parseJsonBody } from '../../common/pipeline';
import type { Router } from '../../common/router';
import { HubSpotInvalid } from '../errors';
import { MAX_UNIQUE_PROPERTIES, type HubSpotStore, type ObjectType } from '../store';

const TYPES: ObjectType[] = ['contacts', 'tickets'];

function objectType(value: string): ObjectType {
	if (!TYPES.includes(value as ObjectType)) throw new HubSpotInvalid(`Unknown object type ${value}.`, 'OBJECT_NOT_FOUND', 404);
	return value as ObjectType;
}

/** Properties API: create (incl. hasUniqueValue, at most 10 per object), read, list (webhooks-hubspot.md §2.2). */
export function propertyRoutes(router: Router, store: HubSpotStore, requireScope: (scope: string) => void): void {
	router.add('GET', '/crm/v3/properties/:objectType', (req) => ({ status: 200, body: { results: [...store.properties[objectType(req.params.objectType)].values()] } }));
	router.add('GET', '/crm/v3/properties/:objectType/:name', (req) => {
		const def = store.properties[objectType(req.params.objectType)].get(req.params.name);
		if (!def) throw new HubSpotInvalid(`Property ${req.params.name} does not exist.`, 'OBJECT_NOT_FOUND', 404);
		return { status: 200, body: def };
	});
	router.add('POST', '/crm/v3/properties/:objectType', (req) => {
		const type = objectType(req.params.objectType);
		requireScope(type === 'contacts' ? 'crm.schemas.contacts.write' : 'tickets');
		const body = parseJsonBody(req) as Record<string, unknown>;
		for (const key of ['name', 'label', 'type', 'fieldType', 'groupName']) {
			if (typeof body?.[key] !== 'string' || !body[key]) throw new HubSpotInvalid(`${key} is required.`, 'VALIDATION_ERROR', 400, [{ message: `${key} is required`, in: key }]);
		}
		const name = String(body.name);
		if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new HubSpotInvalid('name must be lower case letters, digits and underscores.');
		if (store.properties[type].has(name)) throw new HubSpotInvalid(`A property named ${name} already exists.`, 'OBJECT_ALREADY_EXISTS', 409);
		const unique = body.hasUniqueValue === true;
		if (unique && [...store.properties[type].values()].filter((p) => p.hasUniqueValue).length >= MAX_UNIQUE_PROPERTIES) {
			throw new HubSpotInvalid(`At most ${MAX_UNIQUE_PROPERTIES} unique-value properties per object.`);
		}
		const def = { name, label: String(body.label), type: String(body.type), fieldType: String(body.fieldType), groupName: String(body.groupName), hasUniqueValue: unique };
		store.properties[type].set(name, def);
		return { status: 201, body: def };
	});
}
