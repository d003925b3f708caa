import type { SimRequest } from '../../common/http';
import { parseJsonBody } from '../../common/pipeline';
import type { Router } from '../../common/router';
import { HubSpotInvalid, type HubSpotErrorDetail } from '../errors';
import { search, type SearchRequest } from '../search';
import { READ_ONLY, type CrmObject, type HubSpotStore, type ObjectType, type Writer } from '../store';

/** Object API batch endpoints take at most 100 inputs (webhooks-hubspot.md §2.2). */
export const BATCH_CAP = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ObjectContext {
	store: HubSpotStore;
	writer: Writer;
	/** Counts a search against its own per-second limit; returns a 429 response to send, if any. */
	searchGuard: () => void;
}

function body(req: SimRequest): Record<string, unknown> {
	const value = parseJsonBody(req);
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HubSpotInvalid('The body must be a JSON object.');
	return value as Record<string, unknown>;
}

function view(object: CrmObject, properties?: string[]): Record<string, unknown> {
	const shown = properties?.length
		? Object.fromEntries(properties.map((p) => [p, object.properties[p] ?? null]))
		: object.properties;
	return { id: object.id, properties: shown, createdAt: object.createdAt, updatedAt: object.updatedAt, archived: object.archived };
}

function propertyList(req: SimRequest): string[] | undefined {
	const raw = req.query.getAll('properties').flatMap((p) => p.split(',')).filter(Boolean);
	return raw.length ? raw : undefined;
}

/** Checks properties: an unknown one fails the whole request (PROPERTY_DOESNT_EXIST), as HubSpot does. */
function checkProperties(store: HubSpotStore, type: ObjectType, properties: unknown): Record<string, string | null> {
	if (!properties || typeof properties !== 'object' || Array.isArray(properties)) throw new HubSpotInvalid('properties must be an object.');
	const out: Record<string, string | null> = {};
	const unknown: HubSpotErrorDetail[] = [];
	for (const [name, value] of Object.entries(properties)) {
		if (!store.properties[type].has(name)) unknown.push({ message: `Property "${name}" does not exist`, code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: [name] } });
		else if (READ_ONLY.has(name)) unknown.push({ message: `Property "${name}" is read only`, code: 'READ_ONLY_VALUE', context: { propertyName: [name] } });
		out[name] = value === null ? null : String(value);
	}
	if (unknown.length) throw new HubSpotInvalid('Property values were not valid', 'VALIDATION_ERROR', 400, unknown);
	return out;
}

/** A value error that fails only its own input in a batch (→ 207), e.g. an invalid email. */
function valueError(properties: Record<string, string | null>): string | undefined {
	if (properties.email && !EMAIL.test(properties.email)) return `Property values were not valid: email "${properties.email}" is not a valid email address`;
	return undefined;
}

function uniqueConflict(store: HubSpotStore, type: ObjectType, properties: Record<string, string | null>, self?: string): string | undefined {
	for (const [name, value] of Object.entries(properties)) {
		const def = store.properties[type].get(name);
		if (value === null || !(def?.hasUniqueValue || (type === 'contacts' && name === 'email'))) continue;
		const other = store.findBy(type, name, value);
		if (other && other.id !== self) return `${name} "${value}" already belongs to object ${other.id}. Existing ID: ${other.id}`;
	}
	return undefined;
}

export function objectRoutes(router: Router, ctx: ObjectContext, type: ObjectType): void {
	const { store } = ctx;
	const base = `/crm/v3/objects/${type}`;
	const find = (id: string, idProperty?: string | null): CrmObject => {
		const object = idProperty ? store.findBy(type, idProperty, id) : store.objects[type].get(id);
		if (!object || object.archived) throw new HubSpotInvalid(`Object not found. objectId are usually numeric.`, 'OBJECT_NOT_FOUND', 404);
		return object;
	};
	const checkIdProperty = (name: unknown): string => {
		if (typeof name !== 'string') throw new HubSpotInvalid('idProperty is required.');
		const def = store.properties[type].get(name);
		const allowed = name === 'hs_object_id' || (type === 'contacts' && name === 'email') || def?.hasUniqueValue;
		if (!allowed) throw new HubSpotInvalid(`${name} is not a unique-value property.`);
		return name;
	};
	const batchInputs = (b: Record<string, unknown>): Array<Record<string, unknown>> => {
		if (!Array.isArray(b.inputs)) throw new HubSpotInvalid('inputs must be an array.');
		if (b.inputs.length > BATCH_CAP) throw new HubSpotInvalid(`Batch requests are limited to ${BATCH_CAP} inputs; got ${b.inputs.length}.`, 'VALIDATION_ERROR', 400, [{ message: 'too many inputs', code: 'TOO_MANY_INPUTS' }]);
		return b.inputs as Array<Record<string, unknown>>;
	};
	/** 200 when every input worked, 207 with per-input errors otherwise (each naming its objectWriteTraceId). */
	const batchResponse = (results: unknown[], errors: Array<Record<string, unknown>>) => ({
		status: errors.length ? 207 : 200,
		body: { status: 'COMPLETE', startedAt: store.now(), completedAt: store.now(), results, ...(errors.length ? { errors, numErrors: errors.length } : {}) },
	});
	const inputError = (message: string, input: Record<string, unknown>, category = 'VALIDATION_ERROR') => ({
		status: 'error',
		category,
		message,
		context: { ...(input.objectWriteTraceId ? { objectWriteTraceId: [String(input.objectWriteTraceId)] } : {}), ...(input.id ? { id: [String(input.id)] } : {}) },
	});

	router.add('GET', base, (req) => {
		const limit = Number(req.query.get('limit') ?? 10);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new HubSpotInvalid('limit must be between 1 and 100.');
		const all = [...store.objects[type].values()].filter((o) => !o.archived).sort((a, b) => Number(a.id) - Number(b.id));
		const after = req.query.get('after');
		const start = after ? all.findIndex((o) => Number(o.id) > Number(Buffer.from(after, 'base64url').toString())) : 0;
		if (after && Number.isNaN(Number(Buffer.from(after, 'base64url').toString()))) throw new HubSpotInvalid('after is not a valid paging cursor.');
		const from = start < 0 ? all.length : start;
		const page = all.slice(from, from + limit);
		const more = from + limit < all.length;
		const next = more ? Buffer.from(page[page.length - 1].id).toString('base64url') : undefined;
		return { status: 200, body: { results: page.map((o) => view(o, propertyList(req))), ...(next ? { paging: { next: { after: next, link: `${base}?after=${next}` } } } : {}) } };
	});
	router.add('GET', `${base}/:id`, (req) => ({ status: 200, body: view(find(req.params.id, req.query.get('idProperty')), propertyList(req)) }));
	router.add('PATCH', `${base}/:id`, (req) => {
		const object = find(req.params.id, req.query.get('idProperty'));
		const properties = checkProperties(store, type, body(req).properties);
		const problem = valueError(properties) ?? uniqueConflict(store, type, properties, object.id);
		if (problem) throw new HubSpotInvalid(problem, problem.includes('already') ? 'CONFLICT' : 'VALIDATION_ERROR', problem.includes('already') ? 409 : 400);
		return { status: 200, body: view(store.update(type, object, properties, ctx.writer)) };
	});
	router.add('POST', base, (req) => {
		const properties = checkProperties(store, type, body(req).properties);
		const problem = valueError(properties);
		if (problem) throw new HubSpotInvalid(problem);
		const conflict = uniqueConflict(store, type, properties);
		if (conflict) throw new HubSpotInvalid(type === 'contacts' && properties.email && conflict.startsWith('email') ? `Contact already exists. Existing ID: ${conflict.split('Existing ID: ')[1]}` : conflict, 'CONFLICT', 409);
		return { status: 201, body: view(store.create(type, properties, ctx.writer)) };
	});
	router.add('POST', `${base}/batch/read`, (req) => {
		const b = body(req);
		const idProperty = b.idProperty === undefined ? undefined : checkIdProperty(b.idProperty);
		const properties = Array.isArray(b.properties) ? (b.properties as string[]) : undefined;
		const results: unknown[] = [];
		const errors: Array<Record<string, unknown>> = [];
		for (const input of batchInputs(b)) {
			const object = idProperty ? store.findBy(type, idProperty, String(input.id)) : store.objects[type].get(String(input.id));
			if (object && !object.archived) results.push(view(object, properties));
			else errors.push(inputError(`Could not get some ${type} objects, they may be deleted or not exist.`, input, 'OBJECT_NOT_FOUND'));
		}
		return batchResponse(results, errors);
	});
	router.add('POST', `${base}/batch/upsert`, (req) => {
		const inputs = batchInputs(body(req));
		// Property and idProperty problems reject the whole batch (400), so a client must split to find the culprit.
		const checked = inputs.map((input) => ({ input, idProperty: checkIdProperty(input.idProperty), properties: checkProperties(store, type, input.properties) }));
		const results: unknown[] = [];
		const errors: Array<Record<string, unknown>> = [];
		for (const { input, idProperty, properties } of checked) {
			if (typeof input.id !== 'string' || !input.id) {
				errors.push(inputError('id is required', input));
				continue;
			}
			const problem = valueError(properties);
			if (problem) {
				errors.push(inputError(problem, input));
				continue;
			}
			const existing = store.findBy(type, idProperty, input.id);
			const conflict = uniqueConflict(store, type, properties, existing?.id);
			if (conflict) {
				errors.push(inputError(conflict, input, 'CONFLICT'));
				continue;
			}
			if (existing) results.push({ ...view(store.update(type, existing, properties, ctx.writer)), new: false });
			else results.push({ ...view(store.create(type, { ...properties, [idProperty]: input.id }, ctx.writer)), new: true });
		}
		return batchResponse(results, errors);
	});
	router.add('POST', `${base}/batch/update`, (req) => {
		const inputs = batchInputs(body(req));
		const checked = inputs.map((input) => ({ input, properties: checkProperties(store, type, input.properties) }));
		const results: unknown[] = [];
		const errors: Array<Record<string, unknown>> = [];
		for (const { input, properties } of checked) {
			const object = store.objects[type].get(String(input.id));
			const problem = !object ? 'Object not found' : (valueError(properties) ?? uniqueConflict(store, type, properties, object.id));
			if (problem || !object) errors.push(inputError(problem ?? 'Object not found', input));
			else results.push(view(store.update(type, object, properties, ctx.writer)));
		}
		return batchResponse(results, errors);
	});
	router.add('POST', `${base}/batch/create`, (req) => {
		const inputs = batchInputs(body(req));
		const checked = inputs.map((input) => ({ input, properties: checkProperties(store, type, input.properties) }));
		const results: unknown[] = [];
		const errors: Array<Record<string, unknown>> = [];
		for (const { input, properties } of checked) {
			const problem = valueError(properties) ?? uniqueConflict(store, type, properties);
			if (problem) errors.push(inputError(problem, input, problem.includes('already') ? 'CONFLICT' : 'VALIDATION_ERROR'));
			else results.push(view(store.create(type, properties, ctx.writer)));
		}
		return batchResponse(results, errors);
	});
	router.add('POST', `${base}/search`, (req) => {
		ctx.searchGuard();
		const request = body(req) as SearchRequest;
		const found = search([...store.objects[type].values()], request, (name) => name === 'hs_object_id' || store.properties[type].has(name));
		const results = found.results.map((o) => view(o, request.properties));
		return { status: 200, body: { total: found.total, results, ...(found.next ? { paging: { next: { after: found.next } } } : {}) } };
	});
}
