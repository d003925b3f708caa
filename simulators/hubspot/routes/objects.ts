import type { Router } from '../../common/router';
import { fieldError, HubSpotInvalid } from '../errors';
import { asError, checkProperties, findObject, inputProblem, jsonObject, requestedProperties, view } from '../objects';
import { MERGEABLE_TYPES, type ObjectType } from '../schema';
import { parseSearch, runSearch } from '../search';
import type { HubSpotStore, Writer } from '../store';
import { ruleInputProblem, rulesRefusal, type PortalValidation } from '../validation-rules';

/** Page size for list: default 10 (HubSpot's OpenAPI spec), at most 100 (the Node SDK's DEFAULT_OBJECTS_LIMIT). */
export const LIST_DEFAULT_LIMIT = 10;
export const LIST_MAX_LIMIT = 100;

export interface ObjectContext {
	store: HubSpotStore;
	/** Who API writes are attributed to (our app). */
	writer: Writer;
	/** Counts a search against its own per-second limit; throws the 429 when it is spent. */
	searchGuard: () => void;
	/** The portal's validation rules, on the versions that enforce them (2026-09). */
	portal?: PortalValidation;
}

/** The list cursor is opaque to clients: base64url of the last id on the page. */
const encodeCursor = (id: string) => Buffer.from(`id:${id}`).toString('base64url');
function decodeCursor(after: string): number {
	const text = Buffer.from(after, 'base64url').toString('utf8');
	const match = /^id:(\d+)$/.exec(text);
	if (!match)
		throw new HubSpotInvalid('after is not a valid paging cursor', 'VALIDATION_ERROR', 400, [
			{ message: 'after must be paging.next.after from a previous page', in: 'after', code: 'INVALID_CURSOR' },
		]);
	return Number(match[1]);
}

/** List, get, create, update, archive, search, merge and GDPR delete for one object type, under `base`. */
export function objectRoutes(router: Router, ctx: ObjectContext, type: ObjectType, base: string): void {
	const { store } = ctx;

	router.add('GET', base, (req) => {
		const rawLimit = req.query.get('limit');
		const limit = rawLimit === null ? LIST_DEFAULT_LIMIT : Number(rawLimit);
		if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX_LIMIT)
			throw fieldError('limit', `must be a whole number from 1 to ${LIST_MAX_LIMIT}`);
		const archived = req.query.get('archived') === 'true';
		const after = req.query.get('after');
		const afterId = after ? decodeCursor(after) : -1;
		const all = [...store.objects[type].values()]
			.filter((o) => o.archived === archived && Number(o.id) > afterId)
			.sort((a, b) => Number(a.id) - Number(b.id));
		const page = all.slice(0, limit);
		const properties = requestedProperties(store, type, req);
		const body: Record<string, unknown> = { results: page.map((o) => view(type, o, properties)) };
		if (all.length > limit) {
			const next = encodeCursor(page[page.length - 1].id);
			body.paging = { next: { after: next, link: `${base}?limit=${limit}&after=${next}` } };
		}
		return { status: 200, body };
	});

	router.add('GET', `${base}/:id`, (req) => {
		const archived = req.query.get('archived') === 'true';
		const object = findObject(store, type, req.params.id, req.query.get('idProperty'), archived);
		return { status: 200, body: view(type, object, requestedProperties(store, type, req)) };
	});

	router.add('POST', base, (req) => {
		const body = jsonObject(req);
		const properties = checkProperties(store, type, body.properties);
		const problem = inputProblem(store, type, properties);
		if (problem) throw asError(problem);
		const broken = ruleInputProblem(ctx.portal, type, properties);
		if (broken) throw rulesRefusal([broken.detail]);
		return { status: 201, body: view(type, store.create(type, properties, ctx.writer), undefined, true) };
	});

	router.add('PATCH', `${base}/:id`, (req) => {
		const object = findObject(store, type, req.params.id, req.query.get('idProperty'));
		const properties = checkProperties(store, type, jsonObject(req).properties);
		const problem = inputProblem(store, type, properties, object);
		if (problem) throw asError(problem);
		const broken = ruleInputProblem(ctx.portal, type, properties, object);
		if (broken) throw rulesRefusal([broken.detail]);
		return { status: 200, body: view(type, store.update(type, object, properties, ctx.writer), undefined, true) };
	});

	router.add('DELETE', `${base}/:id`, (req) => {
		store.archive(type, findObject(store, type, req.params.id), ctx.writer);
		return { status: 204 };
	});

	router.add('POST', `${base}/search`, (req) => {
		ctx.searchGuard();
		const query = parseSearch(jsonObject(req), (name) => store.properties[type].has(name));
		const page = runSearch(store.searchIndex.visible(`${type}:`), query);
		const properties = query.properties?.filter((n) => store.properties[type].has(n));
		return {
			status: 200,
			body: {
				total: page.total,
				results: page.results.map((o) => view(type, o, properties)),
				...(page.next ? { paging: { next: { after: page.next } } } : {}),
			},
		};
	});

	// Merge is for records; HubSpot's communications reference has no merge endpoint, and company merge is not
	// modelled (schema.ts MERGEABLE_TYPES).
	if (MERGEABLE_TYPES.includes(type)) {
		router.add('POST', `${base}/merge`, (req) => {
			const body = jsonObject(req);
			if (typeof body.primaryObjectId !== 'string') throw fieldError('primaryObjectId', 'is required');
			if (typeof body.objectIdToMerge !== 'string') throw fieldError('objectIdToMerge', 'is required');
			if (body.primaryObjectId === body.objectIdToMerge)
				throw fieldError('objectIdToMerge', 'must differ from primaryObjectId');
			const primary = findObject(store, type, body.primaryObjectId);
			const secondary = findObject(store, type, body.objectIdToMerge);
			return { status: 200, body: view(type, store.merge(type, primary, secondary, ctx.writer), undefined, true) };
		});
	}

	if (type === 'contacts') {
		router.add('POST', `${base}/gdpr-delete`, (req) => {
			const body = jsonObject(req);
			if (typeof body.objectId !== 'string') throw fieldError('objectId', 'is required');
			const idProperty = body.idProperty === undefined ? undefined : String(body.idProperty);
			store.purge(type, findObject(store, type, body.objectId, idProperty), ctx.writer);
			return { status: 204 };
		});
	}
}
