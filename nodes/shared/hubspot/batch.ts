import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { chunk } from '../transport/concurrency';
import type { ApiResponse } from '../transport/request';
import { isOutcomeUnknown } from '../transport/unknown-outcome';
import type { HubSpotClient } from './client';
import { hubSpotApiError, hubSpotErrorOf } from './errors';
import type { HubSpotErrorBody, HubSpotObject } from './types';
import { objectsPath } from './api-version';

/** "Object API batch endpoints are limited to 100 inputs per request" (https://developers.hubspot.com/docs/guides/crm/using-object-apis). */
export const HUBSPOT_BATCH_SIZE = 100;

export type HubSpotObjectType = 'contacts' | 'tickets' | 'communications' | 'companies';

export interface BatchWriteInput {
	/** Ours: sent as objectWriteTraceId, so a 207's errors name the input (results are not index-aligned). */
	key: string;
	/** upsert: the unique value; update: the HubSpot id; create: a unique value in `properties` (not sent, matches the result). */
	id: string;
	/** upsert and create: the unique-value property `id` belongs to. */
	idProperty?: string;
	properties: Record<string, unknown>;
	/**
	 * The sync stamp for this input when it must not depend on when the request goes out: the time of the event
	 * that caused the write, so a second run of that event (queue mode, a retried execution) writes the same value.
	 */
	stampAt?: string;
}

export interface UpsertedObject extends HubSpotObject {
	new?: boolean;
}

export type BatchAction = 'create' | 'upsert' | 'update';

export interface BatchWriteOutcome {
	written: Map<string, UpsertedObject>;
	failed: Map<string, NodeApiError>;
	requests: number;
}

interface BatchBody {
	results?: UpsertedObject[];
	errors?: Array<HubSpotErrorBody & { context?: Record<string, unknown> }>;
}

function asText(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	return typeof value === 'string' ? value : String(value);
}

function stampInputs(
	body: IDataObject,
	stamp: NonNullable<BatchWriteOptions['stamp']>,
	group: BatchWriteInput[],
): void {
	const at = stamp.now();
	(body.inputs as Array<{ properties: IDataObject }>).forEach((input, i) => {
		input.properties[stamp.property] = group[i]?.stampAt ?? at;
	});
}

function wireInput(action: BatchAction, input: BatchWriteInput) {
	const properties = Object.fromEntries(Object.entries(input.properties).map(([k, v]) => [k, asText(v)]));
	if (action === 'create') return { properties, objectWriteTraceId: input.key };
	return {
		id: input.id,
		...(action === 'upsert' ? { idProperty: input.idProperty } : {}),
		properties,
		objectWriteTraceId: input.key,
	};
}

/** Which input a result belongs to: by the unique value for upserts and creates, by HubSpot id for updates. */
function resultKey(action: BatchAction, result: UpsertedObject, inputs: BatchWriteInput[]): string | undefined {
	return inputs.find((input) =>
		action === 'update' ? input.id === result.id : asText(result.properties?.[input.idProperty ?? '']) === input.id,
	)?.key;
}

/** The property a whole-request 400 blames, when HubSpot names one (unknown or read-only property). */
function blamedProperty(body: HubSpotErrorBody | undefined): string | undefined {
	for (const detail of body?.errors ?? []) {
		const names = detail.context?.propertyName;
		if (Array.isArray(names) && names.length) return String(names[0]);
	}
	return undefined;
}

/**
 * Batch upsert, create or update of any number of inputs: 100 per request; per-input errors of a 207 land on their
 * input; a batch HubSpot rejects whole (400/409 — it writes nothing then) is split in halves until the bad
 * input is alone, so one bad value never fails 99 good ones. A problem every input shares (a property that
 * does not exist) is not split: every input gets that error at once.
 */
export interface BatchWriteOptions {
	/**
	 * A property set to the time each request actually goes out (after rate-limit waits and retries) on every
	 * input without its own `stampAt`: the sync stamp, which the HubSpot Poll Trigger compares with `lastmodifieddate` to recognise the sync's
	 * own writes — a stamp taken at the start of a long run would be seconds older than the later batches.
	 */
	stamp?: { property: string; now: () => string };
}

export async function batchWrite(
	client: HubSpotClient,
	objectType: HubSpotObjectType,
	action: BatchAction,
	inputs: BatchWriteInput[],
	options: BatchWriteOptions = {},
): Promise<BatchWriteOutcome> {
	const outcome: BatchWriteOutcome = { written: new Map(), failed: new Map(), requests: 0 };
	const path = objectsPath(objectType, `/batch/${action}`);
	const errorFor = (response: Pick<ApiResponse, 'status' | 'headers'>, body: unknown, reason: string) =>
		hubSpotApiError(
			client.context,
			{ kind: 'response', status: response.status, headers: response.headers, body },
			reason,
		);

	const stamp = options.stamp;
	const send = async (group: BatchWriteInput[]): Promise<void> => {
		outcome.requests++;
		let response: ApiResponse;
		try {
			response = await client.send({
				method: 'POST',
				path,
				body: { inputs: group.map((input) => wireInput(action, input)) },
				accept: [400, 409],
				refreshBody: stamp && ((body) => stampInputs(body, stamp, group)),
				// Upsert (by a unique value) and update (by id) set the same values when sent twice; a create makes
				// new records, and HubSpot takes no idempotency key, so a create whose answer was lost is not re-sent.
				idempotent: action !== 'create',
				unknownOutcomeHint:
					action === 'create'
						? `Search HubSpot ${objectType} for this batch's ${group[0]?.idProperty ?? 'unique'} values before running again: a new run could create them twice.`
						: undefined,
			});
		} catch (error) {
			// Each input of a create whose outcome is unknown gets that error; the other batches still go out.
			const apiError = error as NodeApiError;
			if (!isOutcomeUnknown(apiError)) throw apiError;
			for (const input of group) outcome.failed.set(input.key, apiError);
			return;
		}
		const body = (response.body ?? {}) as BatchBody;
		if (response.status === 400 || response.status === 409) {
			const blamed = blamedProperty(hubSpotErrorOf(body));
			const shared = blamed !== undefined && group.every((input) => blamed in input.properties);
			if (group.length === 1 || shared) {
				const error = errorFor(response, body, `batch ${action} rejected with ${response.status}`);
				for (const input of group) outcome.failed.set(input.key, error);
				return;
			}
			const half = Math.ceil(group.length / 2);
			await send(group.slice(0, half));
			await send(group.slice(half));
			return;
		}
		for (const entry of body.errors ?? []) {
			const traces = entry.context?.objectWriteTraceId;
			const keys = Array.isArray(traces) ? traces.map(String) : [];
			for (const key of keys) outcome.failed.set(key, errorFor(response, entry, `${action} failed for this input`));
		}
		const unmatched: UpsertedObject[] = [];
		for (const result of body.results ?? []) {
			const key = resultKey(action, result, group);
			if (key) outcome.written.set(key, result);
			else unmatched.push(result);
		}
		// No input may vanish: one unexplained input and one unmatched result pair up; anything else is reported.
		const unexplained = group.filter((input) => !outcome.written.has(input.key) && !outcome.failed.has(input.key));
		if (unexplained.length === 1 && unmatched.length === 1) {
			outcome.written.set(unexplained[0].key, unmatched[0]);
			return;
		}
		for (const input of unexplained) {
			outcome.failed.set(
				input.key,
				errorFor(
					response,
					{ message: 'HubSpot’s answer did not say what happened to this input; check the record' },
					'unconfirmed write',
				),
			);
		}
	};

	for (const group of chunk(inputs, HUBSPOT_BATCH_SIZE)) await send(group);
	return outcome;
}

/**
 * Batch read by HubSpot id or a unique-value property; ids HubSpot does not know are simply absent. `archived`
 * reads the recycle bin instead (deleted, still restorable records; by id only).
 */
export async function batchRead(
	client: HubSpotClient,
	objectType: HubSpotObjectType,
	ids: string[],
	properties: string[],
	idProperty?: string,
	archived = false,
): Promise<{ found: Map<string, HubSpotObject>; requests: number }> {
	const found = new Map<string, HubSpotObject>();
	let requests = 0;
	for (const group of chunk(ids, HUBSPOT_BATCH_SIZE)) {
		requests++;
		const body = await client.json<BatchBody>({
			method: 'POST',
			path: objectsPath(objectType, '/batch/read'),
			...(archived ? { qs: { archived: true } } : {}),
			body: {
				...(idProperty ? { idProperty } : {}),
				properties: idProperty ? [...new Set([...properties, idProperty])] : properties,
				inputs: group.map((id) => ({ id })),
			},
		});
		for (const result of body.results ?? []) {
			const key = idProperty ? asText(result.properties?.[idProperty]) : result.id;
			if (key !== null) found.set(key, result);
		}
	}
	return { found, requests };
}
