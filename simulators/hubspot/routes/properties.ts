import type { Router } from '../../common/router';
import { fieldError, HubSpotInvalid } from '../errors';
import { jsonObject } from '../objects';
import {
	FIELD_TYPES,
	MAX_UNIQUE_PROPERTIES,
	objectTypeOf,
	PROPERTY_TYPES,
	type ObjectType,
	type PropertyDefinition,
} from '../schema';
import type { HubSpotStore } from '../store';

function typeParam(value: string): ObjectType {
	const type = objectTypeOf(value);
	if (!type)
		throw new HubSpotInvalid(`Unable to infer object type from: ${value}`, 'OBJECT_NOT_FOUND', 404, [
			{ message: `unknown object type ${value}`, in: 'objectType' },
		]);
	return type;
}

export interface PropertyRouteOptions {
	/**
	 * Whether tickets may have unique-value properties. The reference does not say (it documents them for contacts
	 * only), so this is an option; it defaults to allowed so a sync can upsert tickets by its own key.
	 */
	ticketUniqueProperties: boolean;
}

/** Properties API: list, read, create (incl. hasUniqueValue, at most 10 per object). */
export function propertyRoutes(router: Router, store: HubSpotStore, options: PropertyRouteOptions, base: string): void {
	router.add('GET', `${base}/:objectType`, (req) => ({
		status: 200,
		body: { results: [...store.properties[typeParam(req.params.objectType)].values()] },
	}));

	router.add('GET', `${base}/:objectType/:name`, (req) => {
		const def = store.properties[typeParam(req.params.objectType)].get(req.params.name);
		if (!def)
			throw new HubSpotInvalid(`Unable to find property ${req.params.name}`, 'OBJECT_NOT_FOUND', 404, [
				{ message: `no property ${req.params.name}`, in: 'propertyName' },
			]);
		return { status: 200, body: def };
	});

	router.add('POST', `${base}/:objectType`, (req) => {
		const type = typeParam(req.params.objectType);
		const body = jsonObject(req);
		for (const key of ['name', 'label', 'type', 'fieldType', 'groupName']) {
			if (typeof body[key] !== 'string' || !body[key]) throw fieldError(key, 'is required');
		}
		const name = String(body.name);
		if (!/^[a-z][a-z0-9_]*$/.test(name))
			throw fieldError('name', 'must start with a lower-case letter and use only a-z, 0-9 and _');
		if (!PROPERTY_TYPES.includes(String(body.type)))
			throw fieldError('type', `must be one of ${PROPERTY_TYPES.join(', ')}`);
		if (!FIELD_TYPES.includes(String(body.fieldType)))
			throw fieldError('fieldType', `must be one of ${FIELD_TYPES.join(', ')}`);
		const rawOptions = body.options ?? [];
		if (
			!Array.isArray(rawOptions) ||
			rawOptions.some((o) => typeof o?.value !== 'string' || typeof o?.label !== 'string')
		)
			throw fieldError('options', 'must be an array of {label, value}');
		if (body.type === 'enumeration' && rawOptions.length === 0 && body.fieldType !== 'booleancheckbox')
			throw fieldError('options', 'are required for an enumeration property');
		if (body.hasUniqueValue !== undefined && typeof body.hasUniqueValue !== 'boolean')
			throw fieldError('hasUniqueValue', 'must be a boolean');
		if (store.properties[type].has(name)) {
			throw new HubSpotInvalid(`Property named '${name}' already exists.`, 'OBJECT_ALREADY_EXISTS', 409, [
				{
					message: `a ${type} property named ${name} exists`,
					code: 'OBJECT_ALREADY_EXISTS',
					context: { name: [name] },
				},
			]);
		}
		const unique = body.hasUniqueValue === true;
		if (unique && type === 'tickets' && !options.ticketUniqueProperties)
			throw fieldError('hasUniqueValue', 'is not supported for tickets in this simulator configuration');
		if (
			unique &&
			[...store.properties[type].values()].filter((p) => p.hasUniqueValue).length >= MAX_UNIQUE_PROPERTIES
		) {
			throw new HubSpotInvalid(
				`You can have at most ${MAX_UNIQUE_PROPERTIES} unique value properties per object.`,
				'VALIDATION_ERROR',
				400,
				[
					{
						message: `at most ${MAX_UNIQUE_PROPERTIES} unique-value properties`,
						code: 'TOO_MANY_UNIQUE_PROPERTIES',
						in: 'hasUniqueValue',
					},
				],
			);
		}
		const now = store.now();
		const def: PropertyDefinition = {
			name,
			label: String(body.label),
			type: String(body.type),
			fieldType: String(body.fieldType),
			groupName: String(body.groupName),
			hasUniqueValue: unique,
			options: rawOptions as PropertyDefinition['options'],
			readOnlyValue: false,
			calculated: false,
			createdAt: now,
			updatedAt: now,
		};
		store.properties[type].set(name, def);
		return { status: 201, body: def };
	});

	/**
	 * Update a property (https://developers.hubspot.com/docs/api-reference/latest/crm/properties/update-property):
	 * `options` replaces the whole option list, so a client adding one sends the old ones too. Only the label, the
	 * group and the options are modelled; other keys are refused rather than ignored.
	 */
	router.add('PATCH', `${base}/:objectType/:name`, (req) => {
		const type = typeParam(req.params.objectType);
		const def = store.properties[type].get(req.params.name);
		if (!def)
			throw new HubSpotInvalid(`Unable to find property ${req.params.name}`, 'OBJECT_NOT_FOUND', 404, [
				{ message: `no property ${req.params.name}`, in: 'propertyName' },
			]);
		const body = jsonObject(req);
		const unknown = Object.keys(body).filter((key) => !['label', 'groupName', 'options'].includes(key));
		if (unknown.length)
			throw fieldError(unknown[0], 'is not an updatable field in this simulator (label, groupName, options)');
		if (def.readOnlyValue || def.calculated) throw fieldError('name', `${def.name} is read-only`);
		for (const key of ['label', 'groupName'] as const) {
			if (body[key] !== undefined && (typeof body[key] !== 'string' || !body[key]))
				throw fieldError(key, 'must be a non-empty string');
		}
		if (body.options !== undefined) {
			const options = body.options;
			if (!Array.isArray(options) || options.some((o) => typeof o?.value !== 'string' || typeof o?.label !== 'string'))
				throw fieldError('options', 'must be an array of {label, value}');
			if (def.type !== 'enumeration') throw fieldError('options', `only enumeration properties have options`);
			if (options.length === 0 && def.fieldType !== 'booleancheckbox')
				throw fieldError('options', 'are required for an enumeration property');
			const values = options.map((o: { value: string }) => o.value);
			if (new Set(values).size !== values.length) throw fieldError('options', 'values must be unique');
			def.options = options.map((o: { label: string; value: string }) => ({ label: o.label, value: o.value }));
		}
		if (typeof body.label === 'string') def.label = body.label;
		if (typeof body.groupName === 'string') def.groupName = body.groupName;
		def.updatedAt = store.now();
		return { status: 200, body: def };
	});
}
