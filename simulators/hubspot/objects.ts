import type { SimRequest } from '../common/http';
import { parseJsonBody } from '../common/pipeline';
import { communicationProblem } from './communications';
import { companyProblem } from './companies';
import { fieldError, HubSpotInvalid, type HubSpotErrorDetail } from './errors';
import { DEFAULT_PROPERTIES, OBJECT_TYPE_IDS, valueProblem, type ObjectType } from './schema';
import type { CrmObject, HubSpotStore } from './store';
import { ticketProblem } from './tickets';

/** Shared by single-object and batch routes: body parsing, property checks, and how an object is shown. */

export function jsonObject(req: SimRequest): Record<string, unknown> {
	const value = parseJsonBody(req);
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw fieldError('body', 'must be a JSON object');
	return value as Record<string, unknown>;
}

/** An object as the API shows it: the named properties (null when unset), or the type's defaults. */
export function view(type: ObjectType, object: CrmObject, properties?: string[], all = false): Record<string, unknown> {
	const names = properties?.length ? properties : all ? Object.keys(object.properties) : DEFAULT_PROPERTIES[type];
	const shown = Object.fromEntries(names.map((name) => [name, object.properties[name] ?? null]));
	return {
		id: object.id,
		properties: shown,
		createdAt: object.createdAt,
		updatedAt: object.updatedAt,
		archived: object.archived,
		...(object.archivedAt ? { archivedAt: object.archivedAt } : {}),
	};
}

/** `?properties=a,b&properties=c` → [a, b, c]; property names HubSpot does not know are ignored, as it does. */
export function requestedProperties(store: HubSpotStore, type: ObjectType, req: SimRequest): string[] | undefined {
	const names = req.query
		.getAll('properties')
		.flatMap((p) => p.split(','))
		.map((p) => p.trim())
		.filter(Boolean);
	const known = names.filter((n) => store.properties[type].has(n));
	return names.length ? known : undefined;
}

/**
 * Checks the shape of `properties`. An unknown or read-only property fails the whole request (400), as HubSpot
 * rejects it before writing anything — so in a batch a client must split to find the culprit.
 */
export function checkProperties(
	store: HubSpotStore,
	type: ObjectType,
	properties: unknown,
	at = 'properties',
): Record<string, string | null> {
	if (!properties || typeof properties !== 'object' || Array.isArray(properties))
		throw fieldError(at, 'must be an object of property names to values');
	const out: Record<string, string | null> = {};
	const problems: HubSpotErrorDetail[] = [];
	for (const [name, value] of Object.entries(properties)) {
		const def = store.properties[type].get(name);
		if (!def)
			problems.push({
				message: `Property "${name}" does not exist`,
				code: 'PROPERTY_DOESNT_EXIST',
				in: at,
				context: { propertyName: [name] },
			});
		else if (def.readOnlyValue)
			problems.push({
				message: `"${name}" is a read only property; its value cannot be set.`,
				code: 'READ_ONLY_VALUE',
				in: at,
				context: { propertyName: [name] },
			});
		if (value !== null && typeof value === 'object')
			throw fieldError(`${at}.${name}`, 'must be a string, number, boolean or null');
		out[name] = value === null ? null : String(value);
	}
	if (problems.length)
		throw new HubSpotInvalid(
			`Property values were not valid: ${problems.map((p) => p.message).join('; ')}`,
			'VALIDATION_ERROR',
			400,
			problems,
		);
	return out;
}

/** Each type's own rules for a write (`current`: the object's properties before it, undefined on create). */
const TYPE_RULES: Partial<Record<ObjectType, typeof ticketProblem>> = {
	tickets: ticketProblem,
	communications: communicationProblem,
	companies: companyProblem,
};

export interface InputProblem {
	category: 'VALIDATION_ERROR' | 'CONFLICT';
	detail: HubSpotErrorDetail;
	existingId?: string;
}

/**
 * Problems that fail one object only (in a batch: a 207 entry for that input): a value of the wrong kind, a value
 * already held by another object in a unique property (email for contacts), ticket pipeline rules, what a new
 * communication needs.
 */
export function inputProblem(
	store: HubSpotStore,
	type: ObjectType,
	properties: Record<string, string | null>,
	self?: CrmObject,
): InputProblem | undefined {
	for (const [name, value] of Object.entries(properties)) {
		const detail = valueProblem(store.properties[type].get(name)!, value);
		if (detail) return { category: 'VALIDATION_ERROR', detail };
	}
	const typeRules = TYPE_RULES[type];
	if (typeRules) {
		const detail = typeRules(properties, self?.properties);
		if (detail) return { category: 'VALIDATION_ERROR', detail };
	}
	for (const [name, value] of Object.entries(properties)) {
		const unique = store.properties[type].get(name)?.hasUniqueValue || (type === 'contacts' && name === 'email');
		if (!unique || value === null || value === '') continue;
		const other = store.findBy(type, name, value);
		if (other && other.id !== self?.id) {
			const message =
				type === 'contacts' && name === 'email'
					? `Contact already exists. Existing ID: ${other.id}`
					: `A ${type} object with ${name} "${value}" already exists. Existing ID: ${other.id}`;
			return {
				category: 'CONFLICT',
				detail: { message, code: 'OBJECT_ALREADY_EXISTS', context: { propertyName: [name], existingId: [other.id] } },
				existingId: other.id,
			};
		}
	}
	return undefined;
}

/**
 * The properties an id lookup may use: the id itself, a unique-value property, or email for contacts. `use`
 * 'write' (batch update and upsert) words the refusal of a non-unique property as HubSpot does there: "Unable to
 * perform update/upsert by non-unique 0-2 property domain" (observed answers, e.g. for a company's domain or a
 * deal's dealname; HubSpot documents no message).
 */
export function checkIdProperty(
	store: HubSpotStore,
	type: ObjectType,
	name: unknown,
	at = 'idProperty',
	use: 'read' | 'write' = 'read',
): string {
	if (typeof name !== 'string' || !name) throw fieldError(at, 'must be a property name');
	const def = store.properties[type].get(name);
	if (!def)
		throw new HubSpotInvalid(`Property "${name}" does not exist`, 'VALIDATION_ERROR', 400, [
			{ message: `Property "${name}" does not exist`, code: 'PROPERTY_DOESNT_EXIST', in: at },
		]);
	if (name === 'hs_object_id' || def.hasUniqueValue || (type === 'contacts' && name === 'email')) return name;
	throw new HubSpotInvalid(
		use === 'write'
			? `Unable to perform update/upsert by non-unique ${OBJECT_TYPE_IDS[type]} property ${name}`
			: `${name} is not a unique property; idProperty must be a property whose values are unique for this object.`,
		'VALIDATION_ERROR',
		400,
		[{ message: `${name} does not have unique values`, code: 'INVALID_ID_PROPERTY', in: at }],
	);
}

/** Finds a live object by id or by `idProperty`, or throws HubSpot's 404. */
export function findObject(
	store: HubSpotStore,
	type: ObjectType,
	id: string,
	idProperty?: string | null,
	archived = false,
): CrmObject {
	if (archived && idProperty) throw new HubSpotInvalid('archived=true reads by id only', 'VALIDATION_ERROR', 400);
	const object = idProperty
		? store.findBy(type, checkIdProperty(store, type, idProperty), id)
		: store.readable(type, id, archived);
	if (!object)
		throw new HubSpotInvalid('Object not found.  objectId are usually numeric.', 'OBJECT_NOT_FOUND', 404, [
			{ message: `No ${type} object with ${idProperty ?? 'id'} ${id}`, context: { id: [id] } },
		]);
	return object;
}

/** Renders an InputProblem as a whole-request error (single-object endpoints). */
export function asError(problem: InputProblem): HubSpotInvalid {
	return problem.category === 'CONFLICT'
		? new HubSpotInvalid(problem.detail.message, 'CONFLICT', 409, [problem.detail])
		: new HubSpotInvalid(problem.detail.message, 'VALIDATION_ERROR', 400, [problem.detail]);
}
