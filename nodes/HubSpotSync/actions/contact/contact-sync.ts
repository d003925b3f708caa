import { NodeOperationError, type NodeApiError } from 'n8n-workflow';

import { historyFor, isSourceNewer, type SyncHistory, type SyncOperation } from '../../../shared/sync/history';
import type { OwnershipRules } from '../../../shared/sync/ownership';
import {
	mergedStamp,
	mergeLaterFields,
	planWrite,
	resolveFields,
	type MappedField,
	type PlannedWrite,
} from '../../../shared/sync/plan';
import { chunk } from '../../../shared/transport/concurrency';
import {
	batchRead,
	batchWrite,
	HUBSPOT_BATCH_SIZE,
	type BatchWriteInput,
	type UpsertedObject,
} from '../../../shared/hubspot/batch';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import { searchPage } from '../../../shared/hubspot/search';
import type { HubSpotObject } from '../../../shared/hubspot/types';

/** One input item's wish: this Kirim contact, these mapped fields. */
export interface ContactSyncRequest {
	itemIndex: number;
	kirimId: string;
	fields: MappedField[];
	ownership?: OwnershipRules;
	/** Source-side names of what changed (Kirim's `changed_fields`); undefined = everything. */
	changedFields?: string[];
	/** The source record's `updated_at`, for "only write when the source is newer". */
	sourceUpdatedAt?: unknown;
	/** The sync stamp's value when the write comes from an event (its time), so a re-run writes the same one. */
	stampAt?: string;
}

export interface ContactSyncOptions {
	/** The unique-value property holding the Kirim id (default `kirim_contact_id`). */
	idProperty: string;
	/** Find HubSpot contacts without a Kirim id by email, then phone, and stamp the id on them. */
	link: boolean;
	/** Read the targets first: history shows old → new, and writes that change nothing are skipped. */
	readBefore: boolean;
	/** Skip a write whose source is not newer than the target's last sync stamp (reported as a conflict). */
	onlyNewer: boolean;
	/** Property stamped with the sync time on every write (`kirim_last_synced_at`), or undefined. */
	stampProperty?: string;
	now: () => string;
}

/** HubSpot refused the record (NodeApiError), or its mappings could not be planned (NodeOperationError). */
export type ContactSyncError = NodeApiError | NodeOperationError;

export interface ContactSyncResult {
	itemIndex: number;
	kirimId: string;
	hubspotId?: string;
	history: SyncHistory;
	error?: ContactSyncError;
}

interface Group {
	kirimId: string;
	requests: ContactSyncRequest[];
	fields: MappedField[];
	ownership?: OwnershipRules;
	changedFields?: string[];
	sourceUpdatedAt?: unknown;
	stampAt?: string;
	existing?: HubSpotObject;
	linkTo?: HubSpotObject;
	plan?: PlannedWrite;
	operation?: SyncOperation;
	hubspotId?: string;
	error?: ContactSyncError;
	/** Fields kept back from a blind upsert because HubSpot may own them; sent only if the upsert created the contact. */
	createOnly?: PlannedWrite;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

const NOTHING_PLANNED: PlannedWrite = {
	properties: {},
	changes: [],
	skippedOwned: [],
	rejected: [],
	unchanged: [],
	notChanged: [],
};

/**
 * Groups whose mappings can be planned. Planning throws for one record whose two mappings give one field two
 * different values (plan.ts); that fails only this group's items, never the run. The check depends on the mapped
 * values alone, so a group that passes it never throws later, whatever HubSpot holds.
 */
function plannable(client: HubSpotClient, groups: Group[]): Group[] {
	const ready: Group[] = [];
	for (const group of groups) {
		try {
			resolveFields(group.fields);
			ready.push(group);
		} catch (error) {
			group.error = new NodeOperationError(client.context.getNode(), (error as Error).message, {
				itemIndex: group.requests[0].itemIndex,
			});
			group.plan = NOTHING_PLANNED;
			group.operation = 'skip';
		}
	}
	return ready;
}

/** Items naming the same Kirim contact become one input (HubSpot rejects duplicate ids in a batch). */
function groupByKirimId(requests: ContactSyncRequest[]): Group[] {
	const groups = new Map<string, Group>();
	for (const request of requests) {
		const group = groups.get(request.kirimId);
		if (!group) {
			groups.set(request.kirimId, { ...request, requests: [request], fields: [...request.fields] });
			continue;
		}
		group.requests.push(request);
		group.fields = mergeLaterFields(group.fields, request.fields);
		group.changedFields =
			group.changedFields && request.changedFields
				? [...new Set([...group.changedFields, ...request.changedFields])]
				: undefined;
		if (isSourceNewer(request.sourceUpdatedAt, group.sourceUpdatedAt) !== false)
			group.sourceUpdatedAt = request.sourceUpdatedAt;
		group.stampAt = mergedStamp(group.stampAt, request.stampAt);
	}
	return [...groups.values()];
}

/** Searches contacts without a Kirim id whose `property` is one of `values` (IN takes up to 100 values). */
async function findUnlinked(
	client: HubSpotClient,
	property: string,
	values: string[],
	idProperty: string,
	properties: string[],
	counter: { requests: number },
): Promise<HubSpotObject[]> {
	const found: HubSpotObject[] = [];
	for (const group of chunk([...new Set(values)], HUBSPOT_BATCH_SIZE)) {
		counter.requests++;
		const body = await searchPage(client, 'contacts', {
			filters: [
				{ propertyName: property, operator: 'IN', values: group },
				{ propertyName: idProperty, operator: 'NOT_HAS_PROPERTY' },
			],
			properties,
		});
		found.push(...(body.results ?? []));
	}
	return found;
}

function plan(
	group: Group,
	isCreate: boolean,
	existing: Record<string, unknown> | undefined,
	options: ContactSyncOptions,
): PlannedWrite {
	return planWrite({
		direction: 'to_crm',
		fields: group.fields,
		isCreate,
		existing,
		changedFields: group.changedFields,
		ownership: group.ownership,
		clearValue: '',
		alwaysWrite: [options.idProperty, ...(options.stampProperty ? [options.stampProperty] : [])],
	});
}

/** The write for a group: its planned properties plus the system ones. */
function withSystemFields(
	properties: Record<string, unknown>,
	options: ContactSyncOptions,
	at: string,
): Record<string, unknown> {
	return options.stampProperty ? { ...properties, [options.stampProperty]: at } : { ...properties };
}

/** Links contacts made elsewhere (forms, imports) instead of creating twins: email first, then phone. */
async function linkUnlinked(
	client: HubSpotClient,
	groups: Group[],
	options: ContactSyncOptions,
	properties: string[],
	counter: { requests: number },
) {
	const claimed = new Set<string>();
	for (const property of ['email', 'phone']) {
		const open = groups.filter((g) => !g.existing && !g.linkTo);
		const valueOf = (g: Group) => plan(g, true, undefined, options).properties[property];
		const wanted = open.map((g) => [g, valueOf(g)] as const).filter(([, v]) => !isEmpty(v));
		if (!wanted.length) continue;
		const matches = await findUnlinked(
			client,
			property,
			wanted.map(([, v]) => String(v)),
			options.idProperty,
			properties,
			counter,
		);
		for (const [group, value] of wanted) {
			const match = matches.find(
				(m) =>
					!claimed.has(m.id) && String(m.properties?.[property] ?? '').toLowerCase() === String(value).toLowerCase(),
			);
			if (match) {
				group.linkTo = match;
				claimed.add(match.id);
			}
		}
	}
}

/** The properties read for each contact: what the mappings write, what linking matches by, the key and the stamp. */
function propertiesToRead(groups: Group[], options: ContactSyncOptions): string[] {
	const targets = groups.flatMap((g) => g.fields.map((f) => f.target));
	return [
		...new Set([
			...targets,
			'email',
			'phone',
			options.idProperty,
			...(options.stampProperty ? [options.stampProperty] : []),
		]),
	];
}

/** Reads the contacts already keyed by these Kirim ids and, when linking, finds the unkeyed ones; returns requests. */
async function readExisting(client: HubSpotClient, groups: Group[], options: ContactSyncOptions): Promise<number> {
	const properties = propertiesToRead(groups, options);
	const { found, requests } = await batchRead(
		client,
		'contacts',
		groups.map((g) => g.kirimId),
		properties,
		options.idProperty,
	);
	for (const group of groups) group.existing = found.get(group.kirimId);
	if (!options.link) return requests;
	const counter = { requests: 0 };
	await linkUnlinked(client, groups, options, properties, counter);
	return requests + counter.requests;
}

/**
 * What each group writes: a conflict or a skip writes nothing, a link updates the matched contact with its key,
 * everything else goes to the upsert (with `read` off, blind: HubSpot-owned fields held back in `createOnly`).
 */
function planWrites(
	groups: Group[],
	options: ContactSyncOptions,
	read: boolean,
	at: string,
): { upserts: BatchWriteInput[]; links: BatchWriteInput[] } {
	const upserts: BatchWriteInput[] = [];
	const links: BatchWriteInput[] = [];
	for (const group of groups) {
		const target = group.existing ?? group.linkTo;
		if (target && options.onlyNewer && options.stampProperty) {
			if (isSourceNewer(group.sourceUpdatedAt, target.properties?.[options.stampProperty]) === false) {
				group.plan = plan(group, false, target.properties, options);
				group.operation = 'conflict';
				group.hubspotId = target.id;
				continue;
			}
		}
		if (group.linkTo) {
			group.plan = plan(group, false, group.linkTo.properties, options);
			group.operation = 'link';
			group.hubspotId = group.linkTo.id;
			links.push({
				key: group.kirimId,
				id: group.linkTo.id,
				properties: { ...withSystemFields(group.plan.properties, options, at), [options.idProperty]: group.kirimId },
				stampAt: group.stampAt,
			});
			continue;
		}
		if (read) {
			group.plan = plan(group, !group.existing, group.existing?.properties, options);
			group.operation = group.existing ? 'update' : 'create';
			if (group.existing && !Object.keys(group.plan.properties).length) {
				group.operation = 'skip';
				group.hubspotId = group.existing.id;
				continue;
			}
		} else {
			group.plan = plan(group, false, undefined, options);
			group.createOnly = plan(group, true, undefined, options);
		}
		upserts.push({
			key: group.kirimId,
			id: group.kirimId,
			idProperty: options.idProperty,
			properties: withSystemFields(group.plan.properties, options, at),
			stampAt: group.stampAt,
		});
	}
	return { upserts, links };
}

/** After blind upserts: the fields HubSpot owns, for the contacts the upsert created, so none is born without its name. */
function ownedFieldFills(groups: Group[]): BatchWriteInput[] {
	const fills: BatchWriteInput[] = [];
	for (const group of groups) {
		if (!group.createOnly || group.operation !== 'create' || !group.hubspotId || group.error) continue;
		const rest = Object.fromEntries(
			Object.entries(group.createOnly.properties).filter(([name]) => !(name in (group.plan?.properties ?? {}))),
		);
		group.plan = group.createOnly;
		if (Object.keys(rest).length)
			fills.push({ key: group.kirimId, id: group.hubspotId, properties: rest, stampAt: group.stampAt });
	}
	return fills;
}

/** One result per request, in item order, each with its group's history. */
function resultsOf(all: Group[], at: string): ContactSyncResult[] {
	const results: ContactSyncResult[] = [];
	for (const group of all) {
		const operation = group.operation ?? 'update';
		const history = historyFor(
			group.plan!,
			operation,
			'to_crm',
			group.error ? 'failed' : 'success',
			at,
			group.error?.message,
		);
		for (const request of group.requests) {
			results.push({
				itemIndex: request.itemIndex,
				kirimId: group.kirimId,
				hubspotId: group.hubspotId,
				history,
				error: group.error,
			});
		}
	}
	return results.sort((a, b) => a.itemIndex - b.itemIndex);
}

/**
 * Kirim → HubSpot contact sync for many items at once: grouped by Kirim id, 100 per request, keyed by a
 * unique-value property so a retry never duplicates. Fields HubSpot owns are never overwritten on an existing
 * contact, and are filled on a new one — without a read, by holding them back from the upsert and sending
 * them only to contacts the upsert says it created.
 */
export async function syncContactsToHubSpot(
	client: HubSpotClient,
	requests: ContactSyncRequest[],
	options: ContactSyncOptions,
): Promise<{ results: ContactSyncResult[]; requests: number }> {
	const at = options.now();
	const all = groupByKirimId(requests);
	const groups = plannable(client, all);
	const read = Boolean(options.link || options.readBefore || options.onlyNewer);
	let sent = read ? await readExisting(client, groups, options) : 0;
	const { upserts, links } = planWrites(groups, options, read, at);

	const byKey = new Map(groups.map((g) => [g.kirimId, g]));
	const apply = (written: Map<string, UpsertedObject>, failed: Map<string, NodeApiError>) => {
		for (const [key, object] of written) {
			const group = byKey.get(key)!;
			group.hubspotId = object.id;
			if (!read) group.operation = object.new ? 'create' : 'update';
		}
		for (const [key, error] of failed) byKey.get(key)!.error = error;
	};
	// The stamp is the time each batch goes out, not the run's start (the HubSpot Poll Trigger compares it).
	const stamp = options.stampProperty ? { stamp: { property: options.stampProperty, now: options.now } } : {};
	if (upserts.length) {
		const outcome = await batchWrite(client, 'contacts', 'upsert', upserts, stamp);
		sent += outcome.requests;
		apply(outcome.written, outcome.failed);
	}
	if (links.length) {
		const outcome = await batchWrite(client, 'contacts', 'update', links, stamp);
		sent += outcome.requests;
		apply(outcome.written, outcome.failed);
	}
	const fills = ownedFieldFills(groups);
	if (fills.length) {
		const outcome = await batchWrite(client, 'contacts', 'update', fills, stamp);
		sent += outcome.requests;
		for (const [key, error] of outcome.failed) byKey.get(key)!.error = error;
	}
	return { results: resultsOf(all, at), requests: sent };
}
