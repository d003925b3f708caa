import { NodeOperationError } from 'n8n-workflow';

import { historyFor, type SyncHistory, type SyncOperation } from '../../../shared/sync/history';
import type { OwnershipRules, Side } from '../../../shared/sync/ownership';
import {
	mergedStamp,
	mergeLaterFields,
	planWrite,
	type MappedField,
	type PlannedWrite,
} from '../../../shared/sync/plan';
import { associateDefault } from '../../../shared/hubspot/associations';
import { batchRead } from '../../../shared/hubspot/batch';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import { OwnerMatcher, type Assignee, type OwnerMatch } from '../../../shared/hubspot/owners';
import { getTicketPipeline, resolveStage, type TicketPipeline } from '../../../shared/hubspot/pipelines';
import type { ConversationStatus } from '../../../shared/kirim/conversations';
import {
	findTickets,
	ticketPath,
	writeTickets,
	type TicketMatchMode,
	type TicketPath,
	type TicketWrite,
} from '../../../shared/hubspot/tickets';
import type { HubSpotObject } from '../../../shared/hubspot/types';

/** Stage id (or AUTO_STAGE) per Kirim conversation status. */
export type StageChoices = Record<ConversationStatus, string>;

/** One input item's wish: this conversation's ticket, in this state. */
export interface TicketSyncRequest {
	itemIndex: number;
	conversationId: string;
	/** The Kirim contact of the conversation; its HubSpot contact is associated with a new ticket. */
	contactId?: string;
	subject?: string;
	/** Undefined when the item does not say (a new ticket then starts as open; an existing one keeps its stage). */
	status?: ConversationStatus;
	pipelineId: string;
	stages: StageChoices;
	assignee: Assignee;
	ownerOverrides: Map<string, string>;
	/** More ticket properties (the node's Field Mappings). */
	fields: MappedField[];
	ownership?: OwnershipRules;
	/** The sync stamp's value: the triggering event's time; absent: the time of the write. */
	stampAt?: string;
}

export type AssociateMode = 'created' | 'always' | 'never';

export interface TicketSyncOptions {
	conversationProperty: string;
	/** Contact property with the Kirim contact id, to find the contact to associate (default kirim_contact_id). */
	contactIdProperty: string;
	matchBy: TicketMatchMode;
	associate: AssociateMode;
	/** An unassigned conversation clears the ticket owner (otherwise the owner is left as it is). */
	clearOwner: boolean;
	stampProperty?: string;
	now: () => string;
}

export interface AssociationReport {
	status: 'associated' | 'skipped' | 'failed';
	/** HubSpot contact id (when found). */
	contactId?: string;
	reason?: string;
}

export interface OwnerReport {
	status: 'matched' | 'unmatched' | 'unassigned' | 'failed';
	ownerId?: string;
	by?: 'override' | 'email';
	reason?: string;
}

export interface TicketSyncResult {
	itemIndex: number;
	conversationId: string;
	ticketId?: string;
	path?: TicketPath;
	stageId?: string;
	owner?: OwnerReport;
	association?: AssociationReport;
	duplicates?: string[];
	history: SyncHistory;
	error?: Error;
}

interface Group {
	conversationId: string;
	requests: TicketSyncRequest[];
	wish: TicketSyncRequest;
	pipeline?: TicketPipeline;
	owner?: OwnerMatch;
	existing?: HubSpotObject;
	duplicates?: string[];
	plan?: PlannedWrite;
	operation?: SyncOperation;
	ticketId?: string;
	created?: boolean;
	stageId?: string;
	association?: AssociationReport;
	error?: Error;
}

/** Ticket fields that mirror the conversation's status and assignment, which Kirim owns (ownership preset). */
const KIRIM_OWNED_TICKET_FIELDS: Record<string, Side> = {
	hs_pipeline: 'kirim',
	hs_pipeline_stage: 'kirim',
	hubspot_owner_id: 'kirim',
};
const TICKET_FIELDS = ['subject', 'hs_pipeline', 'hs_pipeline_stage', 'hubspot_owner_id'];

const present = (value: string | undefined) => (value && value.trim() ? value : undefined);
const emptyPlan = (): PlannedWrite => ({
	properties: {},
	changes: [],
	skippedOwned: [],
	rejected: [],
	unchanged: [],
	notChanged: [],
});

/** Items naming one conversation become one ticket write; a later item's values win where it gives one. */
function groupByConversation(requests: TicketSyncRequest[]): Group[] {
	const groups = new Map<string, Group>();
	for (const request of requests) {
		const group = groups.get(request.conversationId);
		if (!group) {
			groups.set(request.conversationId, {
				conversationId: request.conversationId,
				requests: [request],
				wish: { ...request },
			});
			continue;
		}
		group.requests.push(request);
		const wish = group.wish;
		group.wish = {
			...request,
			contactId: present(request.contactId) ?? wish.contactId,
			subject: present(request.subject) ?? wish.subject,
			status: request.status ?? wish.status,
			assignee: present(request.assignee.id) || present(request.assignee.email) ? request.assignee : wish.assignee,
			fields: mergeLaterFields(wish.fields, request.fields),
			stampAt: mergedStamp(wish.stampAt, request.stampAt),
		};
	}
	return [...groups.values()];
}

/** Runs one step for many groups; a failure of the step itself becomes the error of each group it concerned. */
/** Requests sent so far, and how tickets are found once that is decided. */
interface Tally {
	sent: number;
	path?: TicketPath;
}

/**
 * Decides how tickets are found (unique property or search) and finds those of the groups still open, with
 * `properties`; sets each group's ticket and duplicates. The path and the requests go into `tally` as they happen,
 * so a failure part-way still reports them.
 */
async function locateTickets(
	client: HubSpotClient,
	groups: Group[],
	options: { conversationProperty: string; matchBy: TicketMatchMode },
	properties: string[],
	tally: Tally,
): Promise<void> {
	const path = await ticketPath(client, options.conversationProperty, options.matchBy);
	tally.path = path;
	if (options.matchBy === 'auto') tally.sent++;
	const live = open(groups);
	if (!live.length) return;
	const found = await findTickets(
		client,
		path,
		options.conversationProperty,
		live.map((g) => g.conversationId),
		properties,
	);
	tally.sent += found.requests;
	for (const group of live) {
		group.existing = found.found.get(group.conversationId);
		group.duplicates = found.duplicates.get(group.conversationId);
	}
}

async function step(groups: Group[], work: () => Promise<void>): Promise<void> {
	try {
		await work();
	} catch (error) {
		for (const group of groups) group.error ??= error as Error;
	}
}

const open = (groups: Group[]) => groups.filter((g) => !g.error);

/** Each distinct pipeline read once per run (its stages resolve "automatic" and are checked before writing). */
async function loadPipelines(client: HubSpotClient, groups: Group[], pipelineOf: (g: Group) => string): Promise<void> {
	for (const id of new Set(groups.map(pipelineOf))) {
		const mine = groups.filter((g) => pipelineOf(g) === id);
		await step(mine, async () => {
			const pipeline = await getTicketPipeline(client, id);
			for (const group of mine) group.pipeline = pipeline;
		});
	}
}

function ownerReport(match: OwnerMatch | undefined): OwnerReport | undefined {
	if (!match) return undefined;
	if (match.status === 'matched') return { status: 'matched', ownerId: match.ownerId, by: match.by };
	if (match.status === 'unmatched') return { status: 'unmatched', reason: match.reason };
	if (match.status === 'failed') return { status: 'failed', reason: match.error.message };
	return { status: 'unassigned' };
}

/** The ticket fields of one group, the built-in ones giving way to a Field Mapping of the same property. */
function ticketFields(group: Group, options: TicketSyncOptions, stageId: string | undefined): MappedField[] {
	const { wish, owner } = group;
	const builtIn: MappedField[] = [{ target: 'subject', value: wish.subject }];
	if (stageId)
		builtIn.push({ target: 'hs_pipeline', value: wish.pipelineId }, { target: 'hs_pipeline_stage', value: stageId });
	if (owner?.status === 'matched') builtIn.push({ target: 'hubspot_owner_id', value: owner.ownerId });
	if (owner?.status === 'unassigned' && options.clearOwner)
		builtIn.push({ target: 'hubspot_owner_id', value: '', clear: true });
	const mapped = new Set(wish.fields.map((f) => f.target));
	return [...builtIn.filter((f) => !mapped.has(f.target)), ...wish.fields];
}

/** What a group writes, or why it cannot be written (thrown: it becomes the group's error). */
function planGroup(client: HubSpotClient, group: Group, options: TicketSyncOptions): void {
	const isCreate = !group.existing;
	const status = group.wish.status ?? (isCreate ? 'open' : undefined);
	if (status) {
		const stage = resolveStage(group.pipeline!, group.wish.stages[status], status);
		if ('problem' in stage) throw new NodeOperationError(client.context.getNode(), stage.problem);
		group.stageId = stage.stageId;
	}
	const plan = planWrite({
		direction: 'to_crm',
		fields: ticketFields(group, options, group.stageId),
		isCreate,
		existing: group.existing?.properties,
		ownership: { overrides: { ...KIRIM_OWNED_TICKET_FIELDS, ...(group.wish.ownership?.overrides ?? {}) } },
		clearValue: '',
	});
	group.plan = plan;
	if (isCreate && !plan.properties.subject) {
		throw new NodeOperationError(
			client.context.getNode(),
			`A new ticket needs a subject, and the one for conversation ${group.conversationId} is empty`,
		);
	}
	group.operation = isCreate ? 'create' : Object.keys(plan.properties).length ? 'update' : 'skip';
	if (group.existing) group.ticketId = group.existing.id;
}

/** Associates the new tickets (or every written one) with their conversation's contact. */
async function associate(client: HubSpotClient, groups: Group[], options: TicketSyncOptions): Promise<number> {
	let requests = 0;
	const wanted: Group[] = [];
	for (const group of open(groups)) {
		if (!group.ticketId) continue;
		if (options.associate === 'never') group.association = { status: 'skipped', reason: 'association is turned off' };
		else if (options.associate === 'created' && !group.created)
			group.association = { status: 'skipped', reason: 'the ticket already existed' };
		else if (!group.wish.contactId)
			group.association = { status: 'skipped', reason: 'the item names no Kirim contact' };
		else wanted.push(group);
	}
	if (!wanted.length) return requests;
	const contactIds = [...new Set(wanted.map((g) => g.wish.contactId!))];
	let contacts = new Map<string, HubSpotObject>();
	try {
		const read = await batchRead(client, 'contacts', contactIds, [], options.contactIdProperty);
		requests += read.requests;
		contacts = read.found;
	} catch (error) {
		for (const group of wanted) {
			group.association = { status: 'failed', reason: (error as Error).message };
			group.error = error as Error;
		}
		return requests;
	}
	const pairs = [];
	for (const group of wanted) {
		const contact = contacts.get(group.wish.contactId!);
		if (!contact) {
			group.association = {
				status: 'skipped',
				reason: `no HubSpot contact has ${options.contactIdProperty} = ${group.wish.contactId} yet (sync the contact first)`,
			};
			continue;
		}
		group.association = { status: 'associated', contactId: contact.id };
		pairs.push({ key: group.conversationId, fromId: group.ticketId!, toId: contact.id });
	}
	const outcome = await associateDefault(client, 'tickets', 'contacts', pairs);
	requests += outcome.requests;
	for (const [key, error] of outcome.failed) {
		const group = wanted.find((g) => g.conversationId === key)!;
		group.association = { status: 'failed', contactId: group.association?.contactId, reason: error.message };
		group.error = error;
	}
	return requests;
}

function resultsOf(groups: Group[], path: TicketPath | undefined, at: string): TicketSyncResult[] {
	const results: TicketSyncResult[] = [];
	for (const group of groups) {
		const operation = group.operation ?? (group.existing ? 'update' : 'create');
		const history = historyFor(
			group.plan ?? emptyPlan(),
			operation,
			'to_crm',
			group.error ? 'failed' : 'success',
			at,
			group.error?.message,
		);
		for (const request of group.requests) {
			results.push({
				itemIndex: request.itemIndex,
				conversationId: group.conversationId,
				ticketId: group.ticketId,
				path,
				stageId: group.stageId,
				owner: ownerReport(group.owner),
				association: group.association,
				...(group.duplicates?.length ? { duplicates: group.duplicates } : {}),
				history,
				error: group.error,
			});
		}
	}
	return results.sort((a, b) => a.itemIndex - b.itemIndex);
}

/**
 * Kirim conversations → HubSpot tickets, many items at once: one write per conversation, 100 per request,
 * keyed by the conversation property (by upsert when it has unique values, else found by search first). Reads
 * before writing (one request per 100) so a new ticket gets every field and an existing one only what changed
 * and what Kirim owns (stage, owner); the subject HubSpot people may edit is left alone once set.
 */
export async function syncTicketsToHubSpot(
	client: HubSpotClient,
	requests: TicketSyncRequest[],
	options: TicketSyncOptions,
): Promise<{ results: TicketSyncResult[]; requests: number; path?: TicketPath }> {
	const at = options.now();
	const groups = groupByConversation(requests);
	const tally: Tally = { sent: 0 };

	await loadPipelines(client, groups, (g) => g.wish.pipelineId);
	tally.sent += new Set(groups.map((g) => g.wish.pipelineId)).size;

	const owners = new OwnerMatcher(client);
	for (const group of open(groups)) {
		group.owner = await owners.match(group.wish.assignee, group.wish.ownerOverrides);
		if (group.owner.status === 'failed') group.error = group.owner.error;
	}
	tally.sent += owners.requests;

	const targets = [...new Set([...TICKET_FIELDS, ...groups.flatMap((g) => g.wish.fields.map((f) => f.target))])];
	await step(open(groups), async () => {
		await locateTickets(client, groups, options, targets, tally);
	});

	for (const group of open(groups)) {
		try {
			planGroup(client, group, options);
		} catch (error) {
			group.error = error as Error;
		}
	}

	const writes: TicketWrite[] = open(groups)
		.filter((g) => g.operation !== 'skip')
		.map((g) => ({
			conversationId: g.conversationId,
			existingId: g.existing?.id,
			properties: {
				...g.plan!.properties,
				...(options.stampProperty ? { [options.stampProperty]: g.wish.stampAt ?? at } : {}),
			},
		}));
	if (writes.length && tally.path) {
		const outcome = await writeTickets(client, tally.path, options.conversationProperty, writes);
		tally.sent += outcome.requests;
		const byId = new Map(groups.map((g) => [g.conversationId, g]));
		for (const [key, ticket] of outcome.written) {
			const group = byId.get(key)!;
			group.ticketId = ticket.id;
			group.created = ticket.created;
			// A ticket another run created between our read and our upsert was updated, not created.
			if (group.operation === 'create' && !ticket.created) group.operation = 'update';
		}
		for (const [key, error] of outcome.failed) byId.get(key)!.error = error;
	}

	tally.sent += await associate(client, groups, options);
	return { results: resultsOf(groups, tally.path, at), requests: tally.sent, path: tally.path };
}

/** One item's Close: this conversation's ticket, to this (or the automatic) closed stage of the pipeline. */
export interface TicketCloseRequest {
	itemIndex: number;
	conversationId: string;
	pipelineId: string;
	/** A stage id, or AUTO_STAGE for the pipeline's closed stage. */
	stage: string;
}

export interface TicketCloseOptions {
	conversationProperty: string;
	matchBy: TicketMatchMode;
	stampProperty?: string;
	now: () => string;
}

/**
 * Moves the tickets of these conversations to a closed stage: found by the unique property (batch read) or by
 * search, then one batch update by HubSpot id per 100. A ticket already there is a skip; a conversation without
 * a ticket is an error on its items (Close never creates a ticket).
 */
export async function closeTickets(
	client: HubSpotClient,
	requests: TicketCloseRequest[],
	options: TicketCloseOptions,
): Promise<{ results: TicketSyncResult[]; requests: number; path?: TicketPath }> {
	const at = options.now();
	const groups = groupByConversation(
		requests.map((r) => ({
			...r,
			stages: { open: r.stage, pending: r.stage, resolved: r.stage },
			status: 'resolved' as const,
			assignee: {},
			ownerOverrides: new Map(),
			fields: [],
		})),
	);
	const tally: Tally = { sent: 0 };
	await loadPipelines(client, groups, (g) => g.wish.pipelineId);
	tally.sent += new Set(groups.map((g) => g.wish.pipelineId)).size;

	for (const group of open(groups)) {
		const stage = resolveStage(group.pipeline!, group.wish.stages.resolved, 'closed');
		if ('problem' in stage) group.error = new NodeOperationError(client.context.getNode(), stage.problem);
		else group.stageId = stage.stageId;
	}

	await step(open(groups), async () => {
		await locateTickets(client, groups, options, TICKET_FIELDS, tally);
		for (const group of open(groups)) {
			if (!group.existing) {
				group.error = new NodeOperationError(
					client.context.getNode(),
					`No HubSpot ticket has ${options.conversationProperty} = ${group.conversationId}, so there is nothing to close (Ticket → Create or Update makes one)`,
				);
			}
		}
	});

	const writes: TicketWrite[] = [];
	for (const group of open(groups)) {
		group.ticketId = group.existing!.id;
		group.plan = planWrite({
			direction: 'to_crm',
			fields: [
				{ target: 'hs_pipeline', value: group.wish.pipelineId },
				{ target: 'hs_pipeline_stage', value: group.stageId },
			],
			isCreate: false,
			existing: group.existing!.properties,
			ownership: { overrides: KIRIM_OWNED_TICKET_FIELDS },
		});
		group.operation = Object.keys(group.plan.properties).length ? 'update' : 'skip';
		if (group.operation === 'update') {
			writes.push({
				conversationId: group.conversationId,
				existingId: group.ticketId,
				properties: { ...group.plan.properties, ...(options.stampProperty ? { [options.stampProperty]: at } : {}) },
			});
		}
	}
	if (writes.length) {
		// By HubSpot id on either path: an upsert of a ticket deleted meanwhile would create a ticket with no subject.
		const outcome = await writeTickets(client, 'search', options.conversationProperty, writes);
		tally.sent += outcome.requests;
		for (const [key, error] of outcome.failed) groups.find((g) => g.conversationId === key)!.error = error;
	}
	return { results: resultsOf(groups, tally.path, at), requests: tally.sent, path: tally.path };
}
