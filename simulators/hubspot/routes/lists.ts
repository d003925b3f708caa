import type { SimRequest } from '../../common/http';
import { parseJsonBody } from '../../common/pipeline';
import type { Router } from '../../common/router';
import { fieldError, HubSpotInvalid } from '../errors';
import {
	LIST_OBJECT_TYPE_ID,
	listsOf,
	MEMBERSHIPS_DEFAULT_LIMIT,
	MEMBERSHIPS_MAX_LIMIT,
	PROCESSING_TYPES,
	recordIds,
	type ListInput,
	type ListPermissions,
	type MembershipSettings,
} from '../lists';
import { jsonObject } from '../objects';
import type { HubSpotStore } from '../store';

/** The fields of ListCreateRequest (2026-03 and 2026-09 specs); anything else is refused. */
const CREATE_FIELDS = [
	'name',
	'objectTypeId',
	'processingType',
	'filterBranch',
	'customProperties',
	'listFolderId',
	'membershipSettings',
	'listPermissions',
];
const REQUIRED_FIELDS = ['name', 'objectTypeId', 'processingType'];

/** A body holding fields the request schema does not have: 400, naming each (nothing is silently ignored). */
function onlyFields(body: Record<string, unknown>, fields: string[], at = ''): void {
	const unknown = Object.keys(body).filter((key) => !fields.includes(key));
	if (unknown.length)
		throw new HubSpotInvalid(
			`Invalid input JSON: unrecognized field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${at}${k}"`).join(', ')}; known fields are ${fields.join(', ')}`,
			'VALIDATION_ERROR',
			400,
			unknown.map((key) => ({
				message: `unrecognized field "${at}${key}"`,
				in: `${at}${key}`,
				code: 'UNRECOGNIZED_FIELD',
			})),
		);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	!!value && typeof value === 'object' && !Array.isArray(value);
const isIntArray = (value: unknown) => Array.isArray(value) && value.every((v) => Number.isInteger(v));

/** A create request checked against ListCreateRequest, and refused where the simulator does not model it. */
function createInput(body: Record<string, unknown>): ListInput {
	onlyFields(body, CREATE_FIELDS);
	const missing = REQUIRED_FIELDS.filter((field) => body[field] === undefined || body[field] === null);
	if (missing.length)
		throw new HubSpotInvalid(
			`Invalid input JSON: missing required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
			'VALIDATION_ERROR',
			400,
			missing.map((field) => ({ message: `${field} is required`, in: field, code: 'REQUIRED_FIELD' })),
		);
	if (typeof body.name !== 'string' || !body.name.trim()) throw fieldError('name', 'must be a non-empty string');
	if (typeof body.objectTypeId !== 'string') throw fieldError('objectTypeId', 'must be a string such as "0-1"');
	if (typeof body.processingType !== 'string' || !(PROCESSING_TYPES as readonly string[]).includes(body.processingType))
		throw fieldError('processingType', `must be one of ${PROCESSING_TYPES.join(', ')}`);
	if (body.processingType === 'DYNAMIC')
		throw new HubSpotInvalid(
			'processingType DYNAMIC is not modelled: this simulator models MANUAL and SNAPSHOT lists only (it does not evaluate list filters)',
			'VALIDATION_ERROR',
			400,
			[{ message: 'DYNAMIC lists are not modelled by the simulator', in: 'processingType', code: 'NOT_MODELLED' }],
		);
	if (body.filterBranch !== undefined)
		throw new HubSpotInvalid(
			'filterBranch is not modelled: this simulator does not evaluate list filters; create the list without one and add members',
			'VALIDATION_ERROR',
			400,
			[{ message: 'list filters are not modelled by the simulator', in: 'filterBranch', code: 'NOT_MODELLED' }],
		);
	checkObjectTypeId(body.objectTypeId);
	const input: ListInput = { name: body.name, processingType: body.processingType as ListInput['processingType'] };
	if (body.customProperties !== undefined) {
		if (!isObject(body.customProperties) || Object.values(body.customProperties).some((v) => typeof v !== 'string'))
			throw fieldError('customProperties', 'must be an object of names to string values');
		input.customProperties = body.customProperties as Record<string, string>;
	}
	if (body.listFolderId !== undefined) {
		if (!Number.isInteger(body.listFolderId)) throw fieldError('listFolderId', 'must be an integer');
		input.listFolderId = body.listFolderId as number;
	}
	if (body.membershipSettings !== undefined) {
		const settings = body.membershipSettings;
		if (!isObject(settings)) throw fieldError('membershipSettings', 'must be an object');
		onlyFields(settings, ['includeUnassigned', 'membershipTeamId'], 'membershipSettings.');
		if (settings.includeUnassigned !== undefined && typeof settings.includeUnassigned !== 'boolean')
			throw fieldError('membershipSettings.includeUnassigned', 'must be a boolean');
		if (settings.membershipTeamId !== undefined && !Number.isInteger(settings.membershipTeamId))
			throw fieldError('membershipSettings.membershipTeamId', 'must be an integer');
		input.membershipSettings = settings as MembershipSettings;
	}
	if (body.listPermissions !== undefined) {
		const permissions = body.listPermissions;
		if (!isObject(permissions)) throw fieldError('listPermissions', 'must be an object');
		onlyFields(permissions, ['teamsWithEditAccess', 'usersWithEditAccess'], 'listPermissions.');
		for (const key of ['teamsWithEditAccess', 'usersWithEditAccess'])
			if (!isIntArray(permissions[key]))
				throw fieldError(`listPermissions.${key}`, 'is required, an array of integers');
		input.listPermissions = permissions as unknown as ListPermissions;
	}
	return input;
}

/** Only contact lists are modelled; any other object type is a 400 that says so. */
function checkObjectTypeId(objectTypeId: string): void {
	if (objectTypeId !== LIST_OBJECT_TYPE_ID)
		throw new HubSpotInvalid(
			`objectTypeId ${objectTypeId} is not modelled: this simulator models contact lists (objectTypeId ${LIST_OBJECT_TYPE_ID}) only`,
			'VALIDATION_ERROR',
			400,
			[{ message: `only objectTypeId ${LIST_OBJECT_TYPE_ID} is modelled`, in: 'objectTypeId', code: 'NOT_MODELLED' }],
		);
}

/** The memberships cursor is opaque to clients: base64url of the last recordId on the page. */
const encodeCursor = (recordId: string) => Buffer.from(`member:${recordId}`).toString('base64url');
function decodeCursor(after: string): number {
	const match = /^member:(\d+)$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
	if (!match)
		throw new HubSpotInvalid('after is not a valid paging cursor', 'VALIDATION_ERROR', 400, [
			{ message: 'after must be paging.next.after from a previous page', in: 'after', code: 'INVALID_CURSOR' },
		]);
	return Number(match[1]);
}

function pageLimit(req: SimRequest): number {
	const raw = req.query.get('limit');
	const limit = raw === null ? MEMBERSHIPS_DEFAULT_LIMIT : Number(raw);
	if (!Number.isInteger(limit) || limit < 1 || limit > MEMBERSHIPS_MAX_LIMIT)
		throw fieldError('limit', `must be a whole number from 1 to ${MEMBERSHIPS_MAX_LIMIT}`);
	return limit;
}

/**
 * The lists API under `base` (`/crm/lists/<v>` or `/crm/v3/lists`): create, fetch by id or name, delete; read
 * memberships by recordId; add, remove, add-and-remove. Answers are the specs' ListCreateResponse /
 * ListFetchResponse (`{list}`), ApiCollectionResponseJoinTimeAndRecordId and MembershipsUpdateResponse.
 */
export function listRoutes(router: Router, store: HubSpotStore, base: string): void {
	const lists = listsOf(store);

	router.add('POST', base, (req) => {
		const list = lists.create(createInput(jsonObject(req)));
		return { status: 200, body: { list: lists.view(list) } };
	});

	router.add('GET', `${base}/:listId`, (req) => ({
		status: 200,
		body: { list: lists.view(lists.find(req.params.listId)) },
	}));

	router.add('GET', `${base}/object-type-id/:objectTypeId/name/:listName`, (req) => {
		checkObjectTypeId(req.params.objectTypeId);
		const list = lists.byName(req.params.objectTypeId, req.params.listName);
		if (!list)
			throw new HubSpotInvalid(`List "${req.params.listName}" does not exist.`, 'OBJECT_NOT_FOUND', 404, [
				{ message: `no list named "${req.params.listName}"`, in: 'listName' },
			]);
		return { status: 200, body: { list: lists.view(list) } };
	});

	// "Delete a list" answers 204; a deleted list can no longer be fetched (HubSpot's 90-day restore is not modelled).
	router.add('DELETE', `${base}/:listId`, (req) => {
		lists.delete(req.params.listId);
		return { status: 204 };
	});

	// "Fetch List Memberships Ordered by ID": ascending recordId after `after`; `before` alone (a descending page) is
	// not modelled, and with `after` the spec says `after` wins, so it is then ignored.
	router.add('GET', `${base}/:listId/memberships`, (req) => {
		const limit = pageLimit(req);
		const after = req.query.get('after');
		if (req.query.get('before') !== null && after === null)
			throw new HubSpotInvalid(
				'before is not modelled: this simulator pages memberships forwards only, with after',
				'VALIDATION_ERROR',
				400,
				[{ message: 'paging backwards with before is not modelled', in: 'before', code: 'NOT_MODELLED' }],
			);
		const afterId = after === null ? undefined : decodeCursor(after);
		const list = lists.find(req.params.listId);
		const all = lists.liveMembers(list);
		const rest = afterId === undefined ? all : all.filter((m) => Number(m.recordId) > afterId);
		const page = rest.slice(0, limit);
		const body: Record<string, unknown> = { results: page, total: all.length };
		if (rest.length > limit) {
			const next = encodeCursor(page[page.length - 1].recordId);
			body.paging = { next: { after: next, link: `${base}/${list.listId}/memberships?limit=${limit}&after=${next}` } };
		}
		return { status: 200, body };
	});

	// Membership writes take MANUAL and SNAPSHOT lists only, the only kinds the simulator can hold.
	router.add('PUT', `${base}/:listId/memberships/add`, (req) => {
		const ids = recordIds(parseJsonBody(req), 'body');
		return { status: 200, body: lists.change(lists.find(req.params.listId), ids, []) };
	});

	router.add('PUT', `${base}/:listId/memberships/remove`, (req) => {
		const ids = recordIds(parseJsonBody(req), 'body');
		return { status: 200, body: lists.change(lists.find(req.params.listId), [], ids) };
	});

	router.add('PUT', `${base}/:listId/memberships/add-and-remove`, (req) => {
		const body = jsonObject(req);
		onlyFields(body, ['recordIdsToAdd', 'recordIdsToRemove']);
		// Both arrays are required in MembershipChangeRequest.
		const add = recordIds(body.recordIdsToAdd, 'recordIdsToAdd');
		const remove = recordIds(body.recordIdsToRemove, 'recordIdsToRemove');
		const both = add.filter((id) => remove.includes(id));
		// HubSpot does not say what one id in both arrays does; refused rather than guessed (our choice).
		if (both.length)
			throw new HubSpotInvalid(
				`record ids ${both.join(', ')} are both in recordIdsToAdd and recordIdsToRemove`,
				'VALIDATION_ERROR',
				400,
				[{ message: 'an id may be added or removed, not both', in: 'recordIdsToAdd', context: { ids: both } }],
			);
		return { status: 200, body: lists.change(lists.find(req.params.listId), add, remove) };
	});
}
