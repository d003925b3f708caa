import type { Router } from '../../common/router';
import { fieldError, HubSpotInvalid } from '../errors';
import { associatedIds, associationPair } from '../associations';
import { findObject, jsonObject } from '../objects';
import type { CrmPaths } from '../api-versions';
import { singular, type HubSpotStore, type Writer } from '../store';
import { TICKET_PIPELINES } from '../tickets';

export interface Owner {
	id: string;
	email: string;
	firstName: string;
	lastName: string;
	userId: number;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
}

export const OWNERS: Owner[] = ['agent.one', 'agent.two', 'agent.three'].map((name, i) => ({
	id: String(5001 + i),
	email: `${name}@example.com`,
	firstName: 'Agent',
	lastName: ['One', 'Two', 'Three'][i],
	userId: 9001 + i,
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	archived: false,
}));

/**
 * Inputs per batch association request. HubSpot's "Associate records (default)" batch page lists no limit we
 * could read; a third-party connector documents 2000, so the simulator refuses more than that.
 */
export const MAX_ASSOCIATION_BATCH = 2000;

/**
 * Inputs per batch read of associations: "any batch read requests submitted to the Associations API may not exceed
 * 1000 IDs per request body" (https://developers.hubspot.com/changelog/bug-fix-batch-read-limit-for-hubspot-associations-api).
 */
export const MAX_ASSOCIATION_READ_BATCH = 1000;

/** An associations batch answer: 200, or the version's partial-failure status when some inputs failed. */
function batchAnswer(paths: CrmPaths, store: HubSpotStore, results: unknown[], errors: unknown[], startedAt: string) {
	return {
		status: errors.length ? paths.partialFailureStatus : 200,
		body: {
			status: 'COMPLETE',
			results,
			...(errors.length ? { numErrors: errors.length, errors } : {}),
			startedAt,
			completedAt: store.now(),
		},
	};
}

/** Owners (paged, email filter), ticket pipelines, and default associations: minimal but validated. */
export function crmExtraRoutes(router: Router, store: HubSpotStore, writer: Writer, paths: CrmPaths): void {
	router.add('GET', paths.owners, (req) => {
		const email = req.query.get('email');
		const limit = Number(req.query.get('limit') ?? 100);
		if (!Number.isInteger(limit) || limit < 1 || limit > 500)
			throw fieldError('limit', 'must be a whole number from 1 to 500');
		const after = req.query.get('after');
		if (after !== null && !/^\d+$/.test(after))
			throw fieldError('after', 'must be paging.next.after of a previous page');
		const all = OWNERS.filter((o) => !email || o.email === email.toLowerCase()).filter(
			(o) => after === null || Number(o.id) > Number(after),
		);
		const results = all.slice(0, limit);
		return {
			status: 200,
			body: { results, ...(all.length > limit ? { paging: { next: { after: results[results.length - 1].id } } } : {}) },
		};
	});

	router.add('GET', `${paths.pipelines}/tickets`, () => ({ status: 200, body: { results: TICKET_PIPELINES } }));
	router.add('GET', `${paths.pipelines}/tickets/:pipelineId`, (req) => {
		const pipeline = TICKET_PIPELINES.find((p) => p.id === req.params.pipelineId);
		if (!pipeline)
			throw new HubSpotInvalid(`Unable to find pipeline ${req.params.pipelineId}`, 'OBJECT_NOT_FOUND', 404, [
				{ message: 'no such pipeline', in: 'pipelineId' },
			]);
		return { status: 200, body: pipeline };
	});

	router.add('PUT', `${paths.objectAssociations}/:from/:fromId/associations/default/:to/:toId`, (req) => {
		const { fromType, toType, typeId } = associationPair(req.params.from, req.params.to);
		const from = findObject(store, fromType, req.params.fromId);
		const to = findObject(store, toType, req.params.toId);
		store.associate({ fromType, fromId: from.id, toType, toId: to.id }, writer);
		const now = store.now();
		return {
			status: 200,
			body: {
				status: 'COMPLETE',
				results: [
					{
						from: { id: from.id },
						to: { id: to.id },
						associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
					},
				],
				startedAt: now,
				completedAt: now,
			},
		};
	});

	// Batch create of default associations: pairs that exist are associated; a pair naming a missing object is
	// an error entry (in a 207, or a 200 on 2026-09) whose context names both ids, and the rest still succeed.
	router.add('POST', `${paths.associations}/:from/:to/batch/associate/default`, (req) => {
		const { fromType, toType, typeId } = associationPair(req.params.from, req.params.to);
		const inputs = jsonObject(req).inputs;
		if (!Array.isArray(inputs) || inputs.length === 0)
			throw fieldError('inputs', 'must be a non-empty array of {from: {id}, to: {id}}');
		if (inputs.length > MAX_ASSOCIATION_BATCH)
			throw fieldError('inputs', `at most ${MAX_ASSOCIATION_BATCH} inputs per request`);
		const startedAt = store.now();
		const results: unknown[] = [];
		const errors: unknown[] = [];
		inputs.forEach((input: unknown, i) => {
			const fromId = (input as { from?: { id?: unknown } })?.from?.id;
			const toId = (input as { to?: { id?: unknown } })?.to?.id;
			if (typeof fromId !== 'string' || typeof toId !== 'string')
				throw fieldError(`inputs[${i}]`, 'must be {from: {id: string}, to: {id: string}}');
			const from = store.live(fromType, fromId);
			const to = store.live(toType, toId);
			if (!from || !to) {
				const missing = from ? `${toType} ${toId}` : `${fromType} ${fromId}`;
				errors.push({
					status: 'error',
					category: 'OBJECT_NOT_FOUND',
					message: `No ${missing}`,
					context: { fromObjectId: [fromId], toObjectId: [toId] },
				});
				return;
			}
			store.associate({ fromType, fromId: from.id, toType, toId: to.id }, writer);
			results.push({
				from: { id: from.id },
				to: { id: to.id },
				associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
			});
		});
		return batchAnswer(paths, store, results, errors, startedAt);
	});

	// Batch read: each input's associated records of the other type, with their association types. An input with
	// none, or naming no live record, is an error entry in HubSpot's observed form (subCategory
	// crm.associations.NO_ASSOCIATIONS_FOUND, "No company is associated with contact 1."): HubSpot does not tell a
	// missing record from one without associations here. 207 on 2026-03 (and v4), 200 on 2026-09, as batch.ts.
	// Never paged: the simulator answers every association of an input at once, so an `after` is refused.
	router.add('POST', `${paths.associations}/:from/:to/batch/read`, (req) => {
		const { fromType, toType, typeId } = associationPair(req.params.from, req.params.to);
		const body = jsonObject(req);
		for (const key of Object.keys(body)) if (key !== 'inputs') throw fieldError(key, 'is not a field of this request');
		const inputs = body.inputs;
		if (!Array.isArray(inputs)) throw fieldError('inputs', 'must be an array of {id}');
		if (inputs.length > MAX_ASSOCIATION_READ_BATCH)
			throw new HubSpotInvalid(
				`Batch input count ${inputs.length} exceeds the limit of ${MAX_ASSOCIATION_READ_BATCH}.`,
				'VALIDATION_ERROR',
				400,
				[
					{
						message: `at most ${MAX_ASSOCIATION_READ_BATCH} inputs per association batch read`,
						code: 'TOO_MANY_INPUTS',
						in: 'inputs',
					},
				],
			);
		const ids = inputs.map((input: unknown, i) => {
			if (!input || typeof input !== 'object' || Array.isArray(input)) throw fieldError(`inputs[${i}]`, 'must be {id}');
			const { id, after, ...rest } = input as Record<string, unknown>;
			const unknown = Object.keys(rest)[0];
			if (unknown !== undefined) throw fieldError(`inputs[${i}].${unknown}`, 'is not a field of an input');
			if (after !== undefined)
				throw fieldError(`inputs[${i}].after`, 'is not a paging cursor this simulator issued (it never pages)');
			if (typeof id !== 'string' && typeof id !== 'number') throw fieldError(`inputs[${i}].id`, 'is required');
			return String(id);
		});
		const startedAt = store.now();
		const results: unknown[] = [];
		const errors: unknown[] = [];
		for (const id of new Set(ids)) {
			const to = store.live(fromType, id) ? associatedIds(store, fromType, id, toType) : [];
			if (to.length)
				results.push({
					from: { id },
					to: to.map((toId) => ({
						toObjectId: Number(toId),
						associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label: null }],
					})),
				});
			else
				errors.push({
					status: 'error',
					category: 'OBJECT_NOT_FOUND',
					subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
					message: `No ${singular(toType)} is associated with ${singular(fromType)} ${id}.`,
					context: { fromObjectId: [id], fromObjectType: [singular(fromType)], toObjectType: [singular(toType)] },
				});
		}
		return batchAnswer(paths, store, results, errors, startedAt);
	});
}
