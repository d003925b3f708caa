import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

import type { Clock } from '../common/clock';
import type { SimRequest, SimResponse } from '../common/http';
import { parseJsonBody } from '../common/pipeline';
import type { Router } from '../common/router';
import { HubSpotInvalid } from './errors';
import { OBJECT_TYPE_IDS, type ObjectType } from './schema';
import type { ChangeRecord, HubSpotStore } from './store';

/**
 * HubSpot's Webhooks Journal (2026-03): the app's subscriptions decide which CRM changes are written to a journal
 * that the app reads by offset for three days, each entry a JSON file behind a pre-signed URL.
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide and
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/journal-entries/guide
 */

export const JOURNAL_VERSION = '2026-03';
/** "query for changes that occurred for your subscriptions over the past 3 days" (the journal-entries guide). */
export const JOURNAL_RETENTION_MS = 3 * 24 * 3600 * 1000;
/** The largest `count` of a batch read. HubSpot documents no maximum; 100 is the simulator's choice. */
export const JOURNAL_MAX_BATCH_COUNT = 100;
/** Where the journal's pre-signed entry files are served (not an API route: no bearer token, no rate limit). */
export const JOURNAL_FILES_PATH = '/_files/webhooks-journal/';

/**
 * The scopes each allowing a kind of journal call (any one suffices). HubSpot's guide and its OpenAPI spec name
 * them differently (`developer.webhooks_journal.read` vs `webhooks-journal-data-access`, …); both are accepted.
 */
export const JOURNAL_SCOPES = {
	read: ['developer.webhooks_journal.read', 'webhooks-journal-data-access'],
	subscriptionsRead: [
		'developer.webhooks_journal.subscriptions.read',
		'developer.webhooks_journal.subscriptions.write',
		'webhooks-journal-subscription-read',
		'webhooks-journal-subscription-management',
	],
	subscriptionsWrite: ['developer.webhooks_journal.subscriptions.write', 'webhooks-journal-subscription-management'],
} as const;

/** The actions an OBJECT subscription may list and the simulator writes. */
export const JOURNAL_OBJECT_ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'MERGE', 'RESTORE'] as const;
export type JournalAction = (typeof JOURNAL_OBJECT_ACTIONS)[number];
/** The rest of the spec's `actions` enum: valid words, for subscription kinds the simulator does not model. */
const UNMODELLED_ACTIONS = [
	'ASSOCIATION_ADDED',
	'ASSOCIATION_REMOVED',
	'SNAPSHOT',
	'APP_INSTALL',
	'APP_UNINSTALL',
	'ADDED_TO_LIST',
	'REMOVED_FROM_LIST',
	'GDPR_DELETE',
];
const UNMODELLED_TYPES = ['ASSOCIATION', 'APP_LIFECYCLE_EVENT', 'LIST_MEMBERSHIP', 'GDPR_PRIVACY_DELETION'];
const OBJECT_FIELDS = ['subscriptionType', 'objectTypeId', 'portalId', 'actions', 'properties', 'objectIds'];

/** A journal (and journal subscription) path: only the app's client-credentials token is accepted there. */
export const isJournalPath = (path: string) => path.startsWith('/webhooks-journal/');
export const isJournalFilePath = (path: string) => path.startsWith(JOURNAL_FILES_PATH);

/** The scopes that each allow a journal request, or undefined for a path that is not a journal route. */
export function journalScopesFor(req: SimRequest): readonly string[] | undefined {
	const subscriptions = `/webhooks-journal/subscriptions/${JOURNAL_VERSION}`;
	if (req.path === subscriptions || req.path.startsWith(`${subscriptions}/`))
		return req.method === 'GET' ? JOURNAL_SCOPES.subscriptionsRead : JOURNAL_SCOPES.subscriptionsWrite;
	if (/^\/webhooks-journal\/journal(-local)?\//.test(req.path)) return JOURNAL_SCOPES.read;
	return undefined;
}

/** A journal scope, which any app may ask a client-credentials token for. */
export const isJournalScope = (scope: string) =>
	scope.startsWith('developer.webhooks_journal.') || scope.startsWith('webhooks-journal-');

export interface JournalPropertyChange {
	propertyName: string;
	newValue: string | null;
}

/**
 * One change in an entry's file. The shape is a third-party summary of HubSpot's beta guide (HubSpot documents no
 * more): `type, portalId, occurredAt, action, objectTypeId, objectId, propertyChanges`.
 */
export interface JournalEvent {
	type: 'OBJECT';
	portalId: number;
	occurredAt: number;
	action: JournalAction;
	objectTypeId: string;
	objectId: number;
	/** On CREATE (the properties set) and UPDATE (those changed), limited to a subscription's `properties`. */
	propertyChanges?: JournalPropertyChange[];
}

/** One journal entry: what its file holds. */
export interface JournalEntry {
	offset: string;
	publishedAt: string;
	journalEvents: JournalEvent[];
}

/** An OBJECT subscription as the API answers it (`SubscriptionResponse`). */
export interface JournalSubscription {
	id: number;
	appId: number;
	subscriptionType: 'OBJECT';
	objectTypeId: string;
	actions: JournalAction[];
	portalId?: number;
	properties?: string[];
	objectIds?: number[];
	createdAt: string;
	updatedAt: string;
}

/** What an entry read answers: the entry's offset and a pre-signed URL of its file. */
export interface JournalEntryRef {
	currentOffset: string;
	expiresAt: string;
	url: string;
}

/**
 * The object types a journal subscription may name. Communications (0-18) and companies (0-2) are left out, the
 * simulator's choice: it journals only the types its webhooks report (webhook-events.ts WEBHOOK_OBJECT_TYPES).
 */
const JOURNAL_OBJECT_TYPES: ObjectType[] = ['contacts', 'tickets'];
const TYPE_OF_ID: Record<string, ObjectType> = Object.fromEntries(
	JOURNAL_OBJECT_TYPES.map((type) => [OBJECT_TYPE_IDS[type], type]),
);

const ACTION_OF: Partial<Record<ChangeRecord['kind'], JournalAction>> = {
	creation: 'CREATE',
	propertyChange: 'UPDATE',
	deletion: 'DELETE',
	merge: 'MERGE',
	restore: 'RESTORE',
};

const invalid = (field: string, problem: string) =>
	new HubSpotInvalid(`Invalid input JSON: ${field} ${problem}`, 'VALIDATION_ERROR', 400, [
		{ message: `${field} ${problem}`, in: field, code: 'INVALID_INPUT' },
	]);

/**
 * The app's journal in the simulator's one portal: subscriptions, the entries the store's writes produce (one per
 * write, i.e. per API request or UI action, when at least one change matches a subscription), and the reads.
 */
export class HubSpotJournal {
	readonly subscriptions: JournalSubscription[] = [];
	/** The simulator's own URL, known once its server listens; file URLs are built on it. */
	baseUrl = '';
	retentionMs: number;
	private readonly all: JournalEntry[] = [];
	private readonly fileKey = randomBytes(32);
	private nextSubscriptionId = 1;

	constructor(
		store: HubSpotStore,
		private readonly clock: Clock,
		private readonly identity: { appId: number; portalId: number },
		options: { retentionMs?: number } = {},
	) {
		this.retentionMs = options.retentionMs ?? JOURNAL_RETENTION_MS;
		store.writeListeners.push((changes) => this.record(changes));
	}

	/** The entries still kept (older than the retention are dropped), oldest first. */
	get entries(): readonly JournalEntry[] {
		const now = this.clock.now();
		const live = this.all.findIndex((e) => this.expiry(e) > now);
		this.all.splice(0, live === -1 ? this.all.length : live);
		return this.all;
	}

	/** Writes one entry for a write's changes, if any of them matches a subscription; returns it. */
	record(changes: ChangeRecord[]): JournalEntry | undefined {
		if (this.subscriptions.length === 0) return undefined;
		const events = objectEvents(changes, this.identity.portalId)
			.map((event) => this.filtered(event))
			.filter((event): event is JournalEvent => event !== undefined);
		if (events.length === 0) return undefined;
		const entry: JournalEntry = {
			offset: randomUUID(),
			publishedAt: new Date(this.clock.now()).toISOString(),
			journalEvents: events,
		};
		this.all.push(entry);
		return entry;
	}

	/** Creates or replaces (same subscriptionType, objectTypeId and portalId) a subscription from an API body. */
	upsert(body: unknown): JournalSubscription {
		const input = checkSubscription(body);
		const now = new Date(this.clock.now()).toISOString();
		const existing = this.subscriptions.find(
			(s) => s.objectTypeId === input.objectTypeId && s.portalId === input.portalId,
		);
		const subscription: JournalSubscription = {
			id: existing?.id ?? this.nextSubscriptionId++,
			appId: this.identity.appId,
			subscriptionType: 'OBJECT',
			objectTypeId: input.objectTypeId,
			actions: input.actions,
			...(input.portalId !== undefined ? { portalId: input.portalId } : {}),
			...(input.properties ? { properties: input.properties } : {}),
			...(input.objectIds ? { objectIds: input.objectIds } : {}),
			createdAt: existing?.createdAt ?? now,
			updatedAt: now,
		};
		if (existing) this.subscriptions.splice(this.subscriptions.indexOf(existing), 1, subscription);
		else this.subscriptions.push(subscription);
		return subscription;
	}

	/** The pre-signed URL of an entry's file: valid until the entry expires, to be fetched without a token. */
	fileUrl(entry: JournalEntry): string {
		const expires = String(this.expiry(entry));
		const query = new URLSearchParams({ expires, signature: this.sign(entry.offset, expires) });
		return `${this.baseUrl}${JOURNAL_FILES_PATH}${entry.offset}?${query.toString()}`;
	}

	routes(router: Router): void {
		const subscriptions = `/webhooks-journal/subscriptions/${JOURNAL_VERSION}`;
		router.add('GET', subscriptions, () => ({ status: 200, body: { results: this.subscriptions } }));
		router.add('POST', subscriptions, (req) => ({ status: 200, body: this.upsert(parseJsonBody(req)) }));
		router.add('GET', `${subscriptions}/:subscriptionId`, (req) => ({
			status: 200,
			body: this.subscriptions[this.subscriptionIndex(req)],
		}));
		router.add('DELETE', `${subscriptions}/:subscriptionId`, (req) => {
			this.subscriptions.splice(this.subscriptionIndex(req), 1);
			return { status: 204 };
		});
		router.add('DELETE', `${subscriptions}/portals/:portalId`, (req) => {
			const portalId = integer(req.params.portalId, 'portalId');
			for (let i = this.subscriptions.length - 1; i >= 0; i--)
				if (this.subscriptions[i].portalId === portalId) this.subscriptions.splice(i, 1);
			return { status: 204 };
		});

		for (const journal of ['journal', 'journal-local']) {
			const base = `/webhooks-journal/${journal}/${JOURNAL_VERSION}`;
			const local = journal === 'journal-local';
			const read = (run: (entries: readonly JournalEntry[], req: SimRequest) => SimResponse) => (req: SimRequest) =>
				run(this.entriesFor(req, local), req);
			router.add(
				'GET',
				`${base}/earliest`,
				read((entries) => this.single(entries[0])),
			);
			router.add(
				'GET',
				`${base}/latest`,
				read((entries) => this.single(entries.at(-1))),
			);
			router.add(
				'GET',
				`${base}/offset/:offset/next`,
				read((entries, req) => this.single(entries[offsetIndex(entries, req.params.offset) + 1])),
			);
			router.add(
				'GET',
				`${base}/batch/earliest/:count`,
				read((entries, req) => this.batch(entries.slice(0, count(req)))),
			);
			router.add(
				'GET',
				`${base}/batch/latest/:count`,
				read((entries, req) => this.batch(entries.slice(Math.max(0, entries.length - count(req))))),
			);
			router.add(
				'GET',
				`${base}/batch/:offset/next/:count`,
				read((entries, req) => {
					const n = count(req);
					const after = offsetIndex(entries, req.params.offset) + 1;
					return this.batch(entries.slice(after, after + n));
				}),
			);
			router.add(
				'POST',
				`${base}/batch/read`,
				read((entries, req) => this.batchRead(entries, req)),
			);
		}
	}

	/** The file route: the entry's JSON for a valid pre-signed URL, refused as an object store would refuse it. */
	fileRoutes(router: Router): void {
		router.add('GET', `${JOURNAL_FILES_PATH}:offset`, (req) => {
			if (req.headers.authorization !== undefined)
				return storeError(
					400,
					'InvalidArgument',
					'Only one auth mechanism allowed; only the signature query parameters or the Authorization header should be specified',
				);
			const expires = req.query.get('expires') ?? '';
			const signature = req.query.get('signature') ?? '';
			if (!this.verify(req.params.offset, expires, signature))
				return storeError(
					403,
					'SignatureDoesNotMatch',
					'The request signature we calculated does not match the signature you provided.',
				);
			if (Number(expires) <= this.clock.now()) return storeError(403, 'AccessDenied', 'Request has expired');
			const entry = this.entries.find((e) => e.offset === req.params.offset);
			if (!entry) return storeError(404, 'NoSuchKey', 'The specified key does not exist.');
			return {
				status: 200,
				body: { offset: entry.offset, journalEvents: entry.journalEvents, publishedAt: entry.publishedAt },
			};
		});
	}

	private expiry(entry: JournalEntry): number {
		return Date.parse(entry.publishedAt) + this.retentionMs;
	}

	private sign(offset: string, expires: string): string {
		return createHmac('sha256', this.fileKey).update(`${offset}\n${expires}`).digest('hex');
	}

	private verify(offset: string, expires: string, signature: string): boolean {
		const expected = Buffer.from(this.sign(offset, expires));
		const given = Buffer.from(signature);
		return given.length === expected.length && timingSafeEqual(given, expected);
	}

	/** The event as the subscriptions that match it let it through (their properties merged), or undefined. */
	private filtered(event: JournalEvent): JournalEvent | undefined {
		const matching = this.subscriptions.filter(
			(s) =>
				s.objectTypeId === event.objectTypeId &&
				(s.portalId === undefined || s.portalId === event.portalId) &&
				s.actions.includes(event.action) &&
				(!s.objectIds || s.objectIds.includes(event.objectId)) &&
				(event.action !== 'UPDATE' ||
					!s.properties ||
					event.propertyChanges?.some((c) => s.properties?.includes(c.propertyName))),
		);
		if (matching.length === 0) return undefined;
		if (!event.propertyChanges || matching.some((s) => !s.properties)) return event;
		const listed = new Set(matching.flatMap((s) => s.properties ?? []));
		return { ...event, propertyChanges: event.propertyChanges.filter((c) => listed.has(c.propertyName)) };
	}

	/** The entries a read sees: all of them, or none of another portal's (the simulator has one install). */
	private entriesFor(req: SimRequest, local: boolean): readonly JournalEntry[] {
		const raw = req.query.get('installPortalId');
		if (local && raw !== null && integer(raw, 'installPortalId') !== this.identity.portalId)
			throw new HubSpotInvalid(
				`The app has no install in portal ${raw}; this simulator has one portal, ${this.identity.portalId}`,
				'OBJECT_NOT_FOUND',
				404,
				[{ message: `no install in portal ${raw}`, in: 'installPortalId' }],
			);
		return this.entries;
	}

	private ref(entry: JournalEntry): JournalEntryRef {
		return {
			currentOffset: entry.offset,
			expiresAt: new Date(this.expiry(entry)).toISOString(),
			url: this.fileUrl(entry),
		};
	}

	/** One entry, or 204 with no body when there is none (an empty journal, or `next` of the newest entry). */
	private single(entry: JournalEntry | undefined): SimResponse {
		return entry ? { status: 200, body: this.ref(entry) } : { status: 204 };
	}

	private batch(entries: readonly JournalEntry[]): SimResponse {
		const now = new Date(this.clock.now()).toISOString();
		return {
			status: 200,
			body: { status: 'COMPLETE', results: entries.map((e) => this.ref(e)), startedAt: now, completedAt: now },
		};
	}

	private batchRead(entries: readonly JournalEntry[], req: SimRequest): SimResponse {
		const body = parseJsonBody(req);
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('body', 'must be a JSON object');
		const unknown = Object.keys(body).filter((k) => k !== 'inputs');
		if (unknown.length) throw invalid(unknown[0], 'is not a field of this request; it reads inputs');
		const inputs = (body as { inputs?: unknown }).inputs;
		if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((i) => typeof i === 'string'))
			throw invalid('inputs', 'must be a non-empty array of offsets (strings)');
		if (inputs.length > JOURNAL_MAX_BATCH_COUNT)
			throw invalid('inputs', `may hold at most ${JOURNAL_MAX_BATCH_COUNT} offsets`);
		const found = inputs.map((offset: string) => entries.find((e) => e.offset === offset));
		const missing = inputs.filter((_, i) => !found[i]);
		const response = this.batch(found.filter((e): e is JournalEntry => e !== undefined));
		if (missing.length === 0) return response;
		return {
			status: 207,
			body: {
				...(response.body as object),
				numErrors: missing.length,
				errors: missing.map((offset: string) => ({
					status: 'error',
					category: 'OBJECT_NOT_FOUND',
					message: `Journal offset ${offset} has expired or does not exist`,
					context: { offset: [offset] },
				})),
			},
		};
	}

	private subscriptionIndex(req: SimRequest): number {
		const id = integer(req.params.subscriptionId, 'subscriptionId');
		const index = this.subscriptions.findIndex((s) => s.id === id);
		if (index === -1)
			throw new HubSpotInvalid(`No journal subscription ${id}`, 'OBJECT_NOT_FOUND', 404, [
				{ message: `no subscription with id ${id}`, in: 'subscriptionId' },
			]);
		return index;
	}
}

/**
 * A write's changes as journal events, one per object and action: a creation and the properties it set are one
 * CREATE, a request's property changes to one object one UPDATE. Privacy deletions and association changes belong
 * to subscription kinds the simulator does not model.
 */
export function objectEvents(changes: ChangeRecord[], portalId: number): JournalEvent[] {
	const events: JournalEvent[] = [];
	const last = new Map<string, JournalEvent>();
	for (const change of changes) {
		const action = ACTION_OF[change.kind];
		if (!action) continue;
		const key = `${change.objectType}:${change.objectId}`;
		const previous = last.get(key);
		if (action === 'UPDATE' && previous?.propertyChanges) {
			const changes = previous.propertyChanges.filter((c) => c.propertyName !== change.propertyName);
			previous.propertyChanges = [
				...changes,
				{ propertyName: change.propertyName ?? '', newValue: change.propertyValue ?? null },
			];
			continue;
		}
		const event: JournalEvent = {
			type: 'OBJECT',
			portalId,
			occurredAt: change.occurredAt,
			action,
			objectTypeId: OBJECT_TYPE_IDS[change.objectType],
			objectId: Number(change.objectId),
			...(action === 'CREATE' || action === 'UPDATE'
				? {
						propertyChanges:
							action === 'UPDATE'
								? [{ propertyName: change.propertyName ?? '', newValue: change.propertyValue ?? null }]
								: [],
					}
				: {}),
		};
		events.push(event);
		last.set(key, event);
	}
	return events;
}

interface SubscriptionInput {
	objectTypeId: string;
	actions: JournalAction[];
	portalId?: number;
	properties?: string[];
	objectIds?: number[];
}

/** An upsert body checked as the spec describes an OBJECT subscription; other kinds are refused as not modelled. */
function checkSubscription(body: unknown): SubscriptionInput {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('body', 'must be a JSON object');
	const b = body as Record<string, unknown>;
	if (typeof b.subscriptionType !== 'string') throw invalid('subscriptionType', 'is required (OBJECT)');
	if (UNMODELLED_TYPES.includes(b.subscriptionType))
		throw invalid(
			'subscriptionType',
			`${b.subscriptionType} is a HubSpot subscription type the simulator does not model; it models OBJECT`,
		);
	if (b.subscriptionType !== 'OBJECT')
		throw invalid('subscriptionType', `must be one of OBJECT, ${UNMODELLED_TYPES.join(', ')}`);
	const unknown = Object.keys(b).filter((k) => !OBJECT_FIELDS.includes(k));
	if (unknown.length)
		throw invalid(unknown[0], `is not a field of an OBJECT subscription (${OBJECT_FIELDS.join(', ')})`);
	if (typeof b.objectTypeId !== 'string') throw invalid('objectTypeId', 'is required (a string such as "0-1")');
	if (!TYPE_OF_ID[b.objectTypeId])
		throw invalid(
			'objectTypeId',
			`${b.objectTypeId} is not modelled by the simulator; it models ${JOURNAL_OBJECT_TYPES.map(
				(type) => `${OBJECT_TYPE_IDS[type]} (${type})`,
			).join(' and ')}`,
		);
	if (b.portalId !== undefined && !(Number.isInteger(b.portalId) && (b.portalId as number) > 0))
		throw invalid('portalId', 'must be a positive integer');
	if (!Array.isArray(b.actions) || b.actions.length === 0) throw invalid('actions', 'must be a non-empty array');
	for (const action of b.actions) {
		if (typeof action === 'string' && UNMODELLED_ACTIONS.includes(action))
			throw invalid(
				'actions',
				`${action} is not modelled for OBJECT subscriptions; use ${JOURNAL_OBJECT_ACTIONS.join(', ')}`,
			);
		if (!JOURNAL_OBJECT_ACTIONS.includes(action as JournalAction))
			throw invalid('actions', `holds ${JSON.stringify(action)}; use ${JOURNAL_OBJECT_ACTIONS.join(', ')}`);
	}
	if (
		b.properties !== undefined &&
		(!Array.isArray(b.properties) ||
			b.properties.length === 0 ||
			!b.properties.every((p) => typeof p === 'string' && p.length > 0))
	)
		throw invalid('properties', 'must be a non-empty array of property names (omit it to follow every property)');
	if (
		b.objectIds !== undefined &&
		(!Array.isArray(b.objectIds) ||
			b.objectIds.length === 0 ||
			!b.objectIds.every((id) => Number.isInteger(id) && (id as number) > 0))
	)
		throw invalid('objectIds', 'must be a non-empty array of object ids (integers)');
	return {
		objectTypeId: b.objectTypeId,
		actions: [...new Set(b.actions as JournalAction[])],
		...(b.portalId !== undefined ? { portalId: b.portalId as number } : {}),
		...(b.properties ? { properties: [...new Set(b.properties as string[])] } : {}),
		...(b.objectIds ? { objectIds: [...new Set(b.objectIds as number[])] } : {}),
	};
}

function offsetIndex(entries: readonly JournalEntry[], offset: string): number {
	const index = entries.findIndex((e) => e.offset === offset);
	if (index === -1)
		throw new HubSpotInvalid(`Journal offset ${offset} has expired or does not exist`, 'OBJECT_NOT_FOUND', 404, [
			{ message: 'offset not found', in: 'offset', context: { offset: [offset] } },
		]);
	return index;
}

function count(req: SimRequest): number {
	const n = /^\d+$/.test(req.params.count) ? Number(req.params.count) : NaN;
	if (!(n >= 1 && n <= JOURNAL_MAX_BATCH_COUNT))
		throw invalid('count', `must be a whole number from 1 to ${JOURNAL_MAX_BATCH_COUNT} (got ${req.params.count})`);
	return n;
}

function integer(value: string, field: string): number {
	if (!/^\d+$/.test(value)) throw invalid(field, `must be an integer (got ${value})`);
	return Number(value);
}

/** An error as an object store answers a pre-signed URL it refuses (XML, as S3 does). */
function storeError(status: number, code: string, message: string): SimResponse {
	return {
		status,
		headers: { 'content-type': 'application/xml' },
		body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
	};
}
