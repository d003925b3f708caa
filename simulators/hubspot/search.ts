import { fieldError, HubSpotInvalid } from './errors';
import type { CrmObject } from './store';

/**
 * Search limits from the "Limits" section of HubSpot's search guide
 * (https://developers.hubspot.com/docs/api-reference/search/guide.md). HubSpot's own numbers have drifted between doc,
 * changelog and spec, so they are constants here, not literals in the code.
 */
export const SEARCH_MAX_PAGE = 200;
export const SEARCH_RESULT_CAP = 10_000;
export const MAX_FILTER_GROUPS = 5;
export const MAX_FILTERS_PER_GROUP = 6;
export const MAX_FILTERS_TOTAL = 18;
export const MAX_QUERY_LENGTH = 3000;

export const OPERATORS = [
	'EQ',
	'NEQ',
	'GT',
	'GTE',
	'LT',
	'LTE',
	'BETWEEN',
	'IN',
	'NOT_IN',
	'HAS_PROPERTY',
	'NOT_HAS_PROPERTY',
	'CONTAINS_TOKEN',
	'NOT_CONTAINS_TOKEN',
] as const;
type Operator = (typeof OPERATORS)[number];

interface Filter {
	propertyName: string;
	operator: Operator;
	value?: string;
	highValue?: string;
	values?: string[];
}

interface Sort {
	propertyName: string;
	descending: boolean;
}

export interface SearchQuery {
	groups: Filter[][];
	sorts: Sort[];
	query?: string;
	properties?: string[];
	limit: number;
	offset: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalar(value: unknown, field: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw fieldError(field, 'must be a string or a number');
}

/** Checks a search body the way HubSpot does (400 VALIDATION_ERROR) and turns it into a query. */
export function parseSearch(body: Record<string, unknown>, knownProperty: (name: string) => boolean): SearchQuery {
	const rawGroups = body.filterGroups ?? [];
	if (!Array.isArray(rawGroups)) throw fieldError('filterGroups', 'must be an array');
	if (rawGroups.length > MAX_FILTER_GROUPS)
		throw new HubSpotInvalid(
			`Too many filter groups: ${rawGroups.length}. The maximum is ${MAX_FILTER_GROUPS}.`,
			'VALIDATION_ERROR',
			400,
			[{ message: `at most ${MAX_FILTER_GROUPS} filterGroups`, code: 'TOO_MANY_FILTER_GROUPS', in: 'filterGroups' }],
		);
	let total = 0;
	const groups = rawGroups.map((group, g) => {
		if (!isObject(group) || !Array.isArray(group.filters))
			throw fieldError(`filterGroups[${g}].filters`, 'must be an array');
		if (group.filters.length > MAX_FILTERS_PER_GROUP)
			throw new HubSpotInvalid(
				`Too many filters in group ${g}. The maximum is ${MAX_FILTERS_PER_GROUP} per group.`,
				'VALIDATION_ERROR',
				400,
				[
					{
						message: `at most ${MAX_FILTERS_PER_GROUP} filters per group`,
						code: 'TOO_MANY_FILTERS',
						in: `filterGroups[${g}]`,
					},
				],
			);
		total += group.filters.length;
		return group.filters.map((f, i) => parseFilter(f, `filterGroups[${g}].filters[${i}]`, knownProperty));
	});
	if (total > MAX_FILTERS_TOTAL)
		throw new HubSpotInvalid(
			`Too many filters: ${total}. The maximum is ${MAX_FILTERS_TOTAL} in total.`,
			'VALIDATION_ERROR',
			400,
			[{ message: `at most ${MAX_FILTERS_TOTAL} filters`, code: 'TOO_MANY_FILTERS', in: 'filterGroups' }],
		);
	const rawSorts = body.sorts ?? [];
	if (!Array.isArray(rawSorts)) throw fieldError('sorts', 'must be an array');
	const sorts = rawSorts.map((s, i): Sort => {
		// HubSpot's OpenAPI spec types sorts as strings while its docs send objects: accept both.
		if (typeof s === 'string') return { propertyName: s, descending: false };
		if (!isObject(s) || typeof s.propertyName !== 'string') throw fieldError(`sorts[${i}].propertyName`, 'is required');
		if (s.direction !== undefined && s.direction !== 'ASCENDING' && s.direction !== 'DESCENDING')
			throw fieldError(`sorts[${i}].direction`, 'must be ASCENDING or DESCENDING');
		return { propertyName: s.propertyName, descending: s.direction === 'DESCENDING' };
	});
	if (body.query !== undefined && typeof body.query !== 'string') throw fieldError('query', 'must be a string');
	if (typeof body.query === 'string' && body.query.length > MAX_QUERY_LENGTH)
		throw fieldError('query', `must be at most ${MAX_QUERY_LENGTH} characters`);
	if (
		body.properties !== undefined &&
		(!Array.isArray(body.properties) || body.properties.some((p) => typeof p !== 'string'))
	)
		throw fieldError('properties', 'must be an array of property names');
	const limit = body.limit ?? 10;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_PAGE)
		throw fieldError('limit', `must be a whole number from 1 to ${SEARCH_MAX_PAGE}`);
	// Search's `after` is the offset HubSpot returned in paging.next.after (a numeric string).
	const after = body.after === undefined || body.after === null || body.after === '' ? '0' : String(body.after);
	if (!/^\d+$/.test(after)) throw fieldError('after', 'must be the paging.next.after of a previous response');
	const offset = Number(after);
	if (offset + limit > SEARCH_RESULT_CAP) {
		// "Attempting to page beyond 10,000 will result in a 400 error" (HubSpot's search guide).
		throw new HubSpotInvalid(
			`Search results are limited to ${SEARCH_RESULT_CAP} total; after ${offset} with limit ${limit} pages beyond that.`,
			'VALIDATION_ERROR',
			400,
			[{ message: `maximum of ${SEARCH_RESULT_CAP} total results`, code: 'SEARCH_RESULT_LIMIT_EXCEEDED', in: 'after' }],
		);
	}
	return {
		groups,
		sorts,
		query: body.query as string | undefined,
		properties: body.properties as string[] | undefined,
		limit,
		offset,
	};
}

function parseFilter(raw: unknown, at: string, knownProperty: (name: string) => boolean): Filter {
	if (!isObject(raw)) throw fieldError(at, 'must be an object');
	if (typeof raw.propertyName !== 'string') throw fieldError(`${at}.propertyName`, 'is required');
	if (!OPERATORS.includes(raw.operator as Operator))
		throw fieldError(`${at}.operator`, `must be one of ${OPERATORS.join(', ')}`);
	if (!knownProperty(raw.propertyName)) {
		throw new HubSpotInvalid(
			`There was a problem with the request: property ${raw.propertyName} does not exist`,
			'VALIDATION_ERROR',
			400,
			[
				{
					message: `Property "${raw.propertyName}" does not exist`,
					code: 'PROPERTY_DOESNT_EXIST',
					in: `${at}.propertyName`,
				},
			],
		);
	}
	const operator = raw.operator as Operator;
	const filter: Filter = { propertyName: raw.propertyName, operator };
	if (operator === 'IN' || operator === 'NOT_IN') {
		if (!Array.isArray(raw.values) || raw.values.length === 0)
			throw fieldError(`${at}.values`, `is required for ${operator}`);
		filter.values = raw.values.map((v, i) => scalar(v, `${at}.values[${i}]`));
	} else if (operator !== 'HAS_PROPERTY' && operator !== 'NOT_HAS_PROPERTY') {
		if (raw.value === undefined) throw fieldError(`${at}.value`, `is required for ${operator}`);
		filter.value = scalar(raw.value, `${at}.value`);
		if (operator === 'BETWEEN') {
			if (raw.highValue === undefined) throw fieldError(`${at}.highValue`, 'is required for BETWEEN');
			filter.highValue = scalar(raw.highValue, `${at}.highValue`);
		}
	}
	return filter;
}

/** Numbers and dates compare by value (HubSpot compares dates as epoch ms), strings case-insensitively. */
export function compareValues(a: string, b: string): number {
	const na = Number(a);
	const nb = Number(b);
	if (a.trim() !== '' && b.trim() !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
	// A date property filtered by epoch ms (how HubSpot documents date filters) compares as ms.
	const ms = (v: string) => (v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : Date.parse(v));
	const da = ms(a);
	const db = ms(b);
	if (!Number.isNaN(da) && !Number.isNaN(db)) return da - db;
	const la = a.toLowerCase();
	const lb = b.toLowerCase();
	return la < lb ? -1 : la > lb ? 1 : 0;
}

/** CONTAINS_TOKEN matches a whole word (a `*` wildcard allows a prefix/suffix), not any substring. */
function containsToken(actual: string, token: string): boolean {
	const pattern = new RegExp(
		`^${token
			.toLowerCase()
			.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
			.replace(/\*/g, '.*')}$`,
	);
	return (
		actual
			.toLowerCase()
			.split(/[^\p{L}\p{N}@.*_-]+/u)
			.some((word) => pattern.test(word)) || pattern.test(actual.toLowerCase())
	);
}

function valueOf(object: CrmObject, name: string): string | undefined {
	const value = name === 'hs_object_id' ? object.id : object.properties[name];
	return value === null || value === undefined || value === '' ? undefined : value;
}

function matches(object: CrmObject, filter: Filter): boolean {
	const actual = valueOf(object, filter.propertyName);
	if (filter.operator === 'HAS_PROPERTY') return actual !== undefined;
	if (filter.operator === 'NOT_HAS_PROPERTY') return actual === undefined;
	// A missing value matches only the negative operators.
	if (actual === undefined)
		return filter.operator === 'NEQ' || filter.operator === 'NOT_IN' || filter.operator === 'NOT_CONTAINS_TOKEN';
	const v = filter.value ?? '';
	switch (filter.operator) {
		case 'EQ':
			return compareValues(actual, v) === 0;
		case 'NEQ':
			return compareValues(actual, v) !== 0;
		case 'GT':
			return compareValues(actual, v) > 0;
		case 'GTE':
			return compareValues(actual, v) >= 0;
		case 'LT':
			return compareValues(actual, v) < 0;
		case 'LTE':
			return compareValues(actual, v) <= 0;
		case 'BETWEEN':
			return compareValues(actual, v) >= 0 && compareValues(actual, filter.highValue ?? '') <= 0;
		case 'IN':
			return (filter.values ?? []).some((x) => compareValues(actual, x) === 0);
		case 'NOT_IN':
			return !(filter.values ?? []).some((x) => compareValues(actual, x) === 0);
		case 'CONTAINS_TOKEN':
			return containsToken(actual, v);
		case 'NOT_CONTAINS_TOKEN':
			return !containsToken(actual, v);
	}
}

export interface SearchPage {
	total: number;
	results: CrmObject[];
	/** paging.next.after, absent on the last page. */
	next?: string;
}

/** Runs a query over what the index shows: groups ORed, filters in a group ANDed, archived objects excluded. */
export function runSearch(objects: CrmObject[], q: SearchQuery): SearchPage {
	let found = objects.filter(
		(o) => !o.archived && (q.groups.length === 0 || q.groups.some((filters) => filters.every((f) => matches(o, f)))),
	);
	if (q.query) {
		const needle = q.query.toLowerCase();
		found = found.filter((o) =>
			Object.values(o.properties).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle)),
		);
	}
	const sorts = q.sorts.length ? q.sorts : [{ propertyName: 'hs_object_id', descending: false }];
	found.sort((a, b) => {
		for (const sort of sorts) {
			const av = valueOf(a, sort.propertyName);
			const bv = valueOf(b, sort.propertyName);
			// Objects without the property sort last either way.
			const c =
				av === undefined
					? bv === undefined
						? 0
						: 1
					: bv === undefined
						? -1
						: compareValues(av, bv) * (sort.descending ? -1 : 1);
			if (c !== 0) return c;
		}
		return Number(a.id) - Number(b.id);
	});
	const results = found.slice(q.offset, q.offset + q.limit);
	const nextOffset = q.offset + q.limit;
	return { total: found.length, results, next: nextOffset < found.length ? String(nextOffset) : undefined };
}
