import type { SimResponse } from '../../common/http';
import type { Router } from '../../common/router';
import { fieldError, HubSpotInvalid, type HubSpotErrorDetail } from '../errors';
import { checkIdProperty, checkProperties, inputProblem, jsonObject, view, type InputProblem } from '../objects';
import type { ObjectType } from '../schema';
import type { CrmObject } from '../store';
import type { ObjectContext } from './objects';
import { ruleInputProblem, rulesRefusal } from '../validation-rules';

/** Where one version's batch endpoints live, and how it answers a partial failure (api-versions.ts). */
export interface BatchPaths {
	base: string;
	partialFailureStatus: number;
}

/**
 * "Object API batch endpoints are limited to 100 inputs per request"
 * (https://developers.hubspot.com/docs/guides/crm/using-object-apis).
 */
export const BATCH_CAP = 100;

type Input = Record<string, unknown>;

function batchInputs(body: Record<string, unknown>): Input[] {
	if (!Array.isArray(body.inputs)) throw fieldError('inputs', 'must be an array');
	if (body.inputs.length > BATCH_CAP) {
		throw new HubSpotInvalid(
			`Batch input count ${body.inputs.length} exceeds the limit of ${BATCH_CAP}.`,
			'VALIDATION_ERROR',
			400,
			[{ message: `at most ${BATCH_CAP} inputs per batch request`, code: 'TOO_MANY_INPUTS', in: 'inputs' }],
		);
	}
	body.inputs.forEach((input, i) => {
		if (!input || typeof input !== 'object' || Array.isArray(input))
			throw fieldError(`inputs[${i}]`, 'must be an object');
	});
	return body.inputs as Input[];
}

/** One entry of a 207's `errors[]`; its context names the input's objectWriteTraceId so a client can map it. */
function inputError(
	input: Input,
	problem: InputProblem | { category: string; detail: HubSpotErrorDetail },
): Record<string, unknown> {
	const context: Record<string, string[]> = {};
	if (input.objectWriteTraceId !== undefined) context.objectWriteTraceId = [String(input.objectWriteTraceId)];
	if (input.id !== undefined) context.id = [String(input.id)];
	return {
		status: 'error',
		category: problem.category,
		message: problem.detail.message,
		context,
		errors: [problem.detail],
	};
}

function batchResponse(
	now: string,
	startedAt: string,
	results: unknown[],
	errors: Array<Record<string, unknown>>,
	partialFailureStatus: number,
): SimResponse {
	return {
		status: errors.length ? partialFailureStatus : 200,
		body: {
			status: 'COMPLETE',
			results,
			...(errors.length ? { numErrors: errors.length, errors } : {}),
			startedAt,
			completedAt: now,
		},
	};
}

/** Whole-request failure listing every input's problem (used where HubSpot does not answer 207). */
function wholeFailure(failed: Array<{ input: Input; problem: InputProblem }>, why: string): HubSpotInvalid {
	const conflict = failed.every((f) => f.problem.category === 'CONFLICT');
	const details = failed.map(({ input, problem }) => ({
		...problem.detail,
		context: {
			...(problem.detail.context ?? {}),
			...(input.objectWriteTraceId !== undefined ? { objectWriteTraceId: [String(input.objectWriteTraceId)] } : {}),
		},
	}));
	return new HubSpotInvalid(
		`${failed[0].problem.detail.message}${why}`,
		conflict ? 'CONFLICT' : 'VALIDATION_ERROR',
		conflict ? 409 : 400,
		details,
	);
}

function noDuplicateIds(ids: string[], fold: (id: string) => string): void {
	const seen = new Set<string>();
	const dupes = ids.filter((id) => (seen.has(fold(id)) ? true : (seen.add(fold(id)), false)));
	if (dupes.length)
		throw new HubSpotInvalid(
			`Duplicate IDs found in batch input: [${dupes.join(', ')}]. IDs must be unique`,
			'VALIDATION_ERROR',
			400,
			[{ message: 'duplicate ids in inputs', code: 'DUPLICATE_IDS', in: 'inputs', context: { ids: dupes } }],
		);
}

/**
 * The inputs that break the portal's validation rules (2026-09 only). Refused whole by default — HubSpot documents
 * no batch behaviour here, and a v3 batch without objectWriteTraceId fails whole — or, when the portal is set to
 * 'per-input', returned so that only those inputs fail.
 */
function ruleProblems(
	ctx: ObjectContext,
	type: ObjectType,
	writes: Array<{ input: Input; properties: Record<string, string | null>; self?: CrmObject }>,
): Map<Input, InputProblem> {
	const problems = new Map<Input, InputProblem>();
	for (const { input, properties, self } of writes) {
		const problem = ruleInputProblem(ctx.portal, type, properties, self);
		if (problem) problems.set(input, problem);
	}
	if (problems.size > 0 && (ctx.portal?.batch ?? 'whole') === 'whole')
		throw rulesRefusal([...problems.values()].map((p) => p.detail));
	return problems;
}

/**
 * Batch read, create, update and upsert. Shape problems (unknown property, bad idProperty, too many inputs,
 * duplicate ids) reject the whole request with nothing written; value problems fail only their input (207).
 */
export function batchRoutes(router: Router, ctx: ObjectContext, type: ObjectType, paths: BatchPaths): void {
	const { store } = ctx;
	const base = `${paths.base}/batch`;
	const respond = (startedAt: string, results: unknown[], errors: Array<Record<string, unknown>>) =>
		batchResponse(store.now(), startedAt, results, errors, paths.partialFailureStatus);

	router.add('POST', `${base}/read`, (req) => {
		const startedAt = store.now();
		const body = jsonObject(req);
		const idProperty = body.idProperty === undefined ? undefined : checkIdProperty(store, type, body.idProperty);
		if (
			body.properties !== undefined &&
			(!Array.isArray(body.properties) || body.properties.some((p) => typeof p !== 'string'))
		)
			throw fieldError('properties', 'must be an array of property names');
		const properties = (body.properties as string[] | undefined)?.filter((p) => store.properties[type].has(p));
		const inputs = batchInputs(body);
		const archived = req.query.get('archived') === 'true';
		if (archived && idProperty) throw fieldError('idProperty', 'archived=true reads by id only');
		const results: unknown[] = [];
		const missing: string[] = [];
		inputs.forEach((input, i) => {
			if (typeof input.id !== 'string' && typeof input.id !== 'number')
				throw fieldError(`inputs[${i}].id`, 'is required');
			const id = String(input.id);
			const object = idProperty ? store.findBy(type, idProperty, id) : store.readable(type, id, archived);
			if (object) results.push(view(type, object, properties));
			else missing.push(id);
		});
		// HubSpot reports all unknown ids in one error entry.
		const errors = missing.length
			? [
					{
						status: 'error',
						category: 'OBJECT_NOT_FOUND',
						message: `Could not get some ${type} objects, they may be deleted or not exist. Check that ids are valid.`,
						context: { ids: missing },
						errors: [],
					},
				]
			: [];
		return respond(startedAt, results, errors);
	});

	router.add('POST', `${base}/create`, (req) => {
		const startedAt = store.now();
		const inputs = batchInputs(jsonObject(req));
		const checked = inputs.map((input, i) => ({
			input,
			properties: checkProperties(store, type, input.properties, `inputs[${i}].properties`),
		}));
		// Partial failure (207) only when every input carries a distinct objectWriteTraceId ("Multi-status errors" in
		// https://developers.hubspot.com/docs/api-reference/error-handling).
		const traceIds = inputs
			.map((i) => i.objectWriteTraceId)
			.filter((t) => t !== undefined)
			.map(String);
		const partialAllowed = traceIds.length === inputs.length && new Set(traceIds).size === traceIds.length;
		const failed: Array<{ input: Input; problem: InputProblem }> = [];
		const emails = new Map<string, number>();
		for (const { input, properties } of checked) {
			let problem = inputProblem(store, type, properties);
			// Two inputs of one batch with the same email conflict with each other too.
			const email = type === 'contacts' ? properties.email?.toLowerCase() : undefined;
			if (!problem && email) {
				if (emails.has(email))
					problem = {
						category: 'CONFLICT',
						detail: { message: `Duplicate email ${email} in batch input`, code: 'OBJECT_ALREADY_EXISTS' },
					};
				emails.set(email, 1);
			}
			if (problem) failed.push({ input, problem });
		}
		const broken = ruleProblems(
			ctx,
			type,
			checked.filter(({ input }) => !failed.some((f) => f.input === input)),
		);
		for (const [input, problem] of broken) failed.push({ input, problem });
		if (failed.length && !partialAllowed) throw wholeFailure(failed, '');
		const results: unknown[] = [];
		for (const { input, properties } of checked) {
			if (!failed.some((f) => f.input === input))
				results.push(view(type, store.create(type, properties, ctx.writer), undefined, true));
		}
		return respond(
			startedAt,
			results,
			failed.map((f) => inputError(f.input, f.problem)),
		);
	});

	router.add('POST', `${base}/update`, (req) => {
		const startedAt = store.now();
		const inputs = batchInputs(jsonObject(req));
		const checked = inputs.map((input, i) => {
			if (typeof input.id !== 'string' || !input.id) throw fieldError(`inputs[${i}].id`, 'is required');
			const idProperty =
				input.idProperty === undefined
					? undefined
					: checkIdProperty(store, type, input.idProperty, `inputs[${i}].idProperty`, 'write');
			return {
				input,
				id: input.id,
				idProperty,
				properties: checkProperties(store, type, input.properties, `inputs[${i}].properties`),
			};
		});
		noDuplicateIds(
			checked.map((c) => c.id),
			(id) => id,
		);
		const found = checked.map((c) => ({
			...c,
			object: c.idProperty ? store.findBy(type, c.idProperty, c.id) : store.live(type, c.id),
		}));
		const broken = ruleProblems(
			ctx,
			type,
			found.flatMap((c) => (c.object ? [{ input: c.input, properties: c.properties, self: c.object }] : [])),
		);
		const results: unknown[] = [];
		const errors: Array<Record<string, unknown>> = [];
		for (const { input, id, idProperty, properties, object } of found) {
			const problem: InputProblem | undefined = object
				? (inputProblem(store, type, properties, object) ?? broken.get(input))
				: {
						category: 'VALIDATION_ERROR',
						detail: {
							message: `Object not found. No ${type} object with ${idProperty ?? 'id'} ${id}`,
							code: 'OBJECT_NOT_FOUND',
						},
					};
			if (problem || !object) errors.push(inputError(input, problem!));
			else results.push(view(type, store.update(type, object, properties, ctx.writer), undefined, true));
		}
		return respond(startedAt, results, errors);
	});

	router.add('POST', `${base}/upsert`, (req) => {
		const startedAt = store.now();
		const inputs = batchInputs(jsonObject(req));
		const checked = inputs.map((input, i) => {
			if (typeof input.id !== 'string' || !input.id) throw fieldError(`inputs[${i}].id`, 'is required');
			if (input.idProperty === undefined) throw fieldError(`inputs[${i}].idProperty`, 'is required');
			const idProperty = checkIdProperty(store, type, input.idProperty, `inputs[${i}].idProperty`, 'write');
			if (idProperty === 'hs_object_id')
				throw fieldError(
					`inputs[${i}].idProperty`,
					'must be email or a unique-value property (upsert creates objects with ids HubSpot assigns)',
				);
			return {
				input,
				id: input.id,
				idProperty,
				properties: checkProperties(store, type, input.properties, `inputs[${i}].properties`),
			};
		});
		noDuplicateIds(
			checked.map((c) => `${c.idProperty}=${c.id}`),
			(key) => (key.startsWith('email=') ? key.toLowerCase() : key),
		);
		const planned = checked.map((c) => {
			const existing = c.idProperty ? store.findBy(type, c.idProperty, c.id) : undefined;
			const properties = existing ? c.properties : { ...c.properties, [c.idProperty]: c.id };
			return { ...c, existing, properties, problem: inputProblem(store, type, properties, existing) };
		});
		const broken = ruleProblems(
			ctx,
			type,
			planned.filter((p) => !p.problem).map((p) => ({ input: p.input, properties: p.properties, self: p.existing })),
		);
		for (const p of planned) p.problem ??= broken.get(p.input);
		const failed = planned.filter((p) => p.problem).map((p) => ({ input: p.input, problem: p.problem! }));
		// "Partial upserts are not supported when using email as the idProperty" (HubSpot's contacts guide). We model this
		// as all-or-nothing: with email as idProperty any failing input fails the whole batch (400/409), nothing written.
		if (failed.length && planned.some((p) => p.idProperty === 'email'))
			throw wholeFailure(failed, ' (batch upsert by email is all-or-nothing)');
		const results: unknown[] = [];
		for (const p of planned) {
			if (p.problem) continue;
			// Re-checked against the writes made so far, so two inputs cannot claim one unique value.
			const late = inputProblem(store, type, p.properties, p.existing);
			if (late) {
				failed.push({ input: p.input, problem: late });
				continue;
			}
			const object: CrmObject = p.existing
				? store.update(type, p.existing, p.properties, ctx.writer)
				: store.create(type, p.properties, ctx.writer);
			results.push({ ...view(type, object, undefined, true), new: !p.existing });
		}
		return respond(
			startedAt,
			results,
			failed.map((f) => inputError(f.input, f.problem)),
		);
	});
}
