import type { CrmObject } from './store';
import { HubSpotInvalid } from './errors';

/** Search limits (webhooks-hubspot.md §2.3): constants because HubSpot's own numbers have drifted. */
export const SEARCH_MAX_PAGE = 200;
export const SEARCH_RESULT_CAP = 10_000;
export const MAX_FILTER_GROUPS = 5;
export const MAX_FILTERS_PER_GROUP = 6;
export const MAX_FILTERS_TOTAL = 18;

interface Filter {
	propertyName: string;
	operator: string;
	value?: unknown;
	values?: unknown[];
	highValue?: unknown;
}

const OPERATORS = new Set(['EQ', 'NEQ', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);

/** Compares as numbers when both sides are numbers or dates, else as strings (HubSpot compares dates as ms). */
function compare(a: string, b: string): number {
	const na = Number(a);
	const nb = Number(b);
	if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
	const da = Date.parse(a);
	const db = Date.parse(b);
	if (!Number.isNaN(da) && !Number.isNaN(db)) return da - db;
	return a < b ? -1 : a > b ? 1 : 0;
}

function asText(value: unknown): string {
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string') return value;
	throw new HubSpotInvalid('A filter value must be a string or a number.');
}

function matches(object: CrmObject, filter: Filter): boolean {
	const actual = filter.propertyName === 'hs_object_id' ? object.id : object.properties[filter.propertyName];
	switch (filter.operator) {
		case 'HAS_PROPERTY':
			return actual !== null && actual !== undefined && actual !== '';
		case 'NOT_HAS_PROPERTY':
			return actual === null || actual === undefined || actual === '';
	}
	if (actual === null || actual === undefined) return filter.operator === 'NEQ' || filter.operator === 'NOT_IN';
	switch (filter.operator) {
		case 'EQ':
			return compare(actual, asText(filter.value)) === 0;
		case 'NEQ':
			return compare(actual, asText(filter.value)) !== 0;
		case 'GT':
			return compare(actual, asText(filter.value)) > 0;
		case 'GTE':
			return compare(actual, asText(filter.value)) >= 0;
		case 'LT':
			return compare(actual, asText(filter.value)) < 0;
		case 'LTE':
			return compare(actual, asText(filter.value)) <= 0;
		case 'BETWEEN':
			return compare(actual, asText(filter.value)) >= 0 && compare(actual, asText(filter.highValue)) <= 0;
		case 'IN':
			return (filter.values ?? []).some((v) => compare(actual, asText(v)) === 0);
		case 'NOT_IN':
			return !(filter.values ?? []).some((v) => compare(actual, asText(v)) === 0);
		case 'CONTAINS_TOKEN':
			return actual.toLowerCase().includes(asText(filter.value).toLowerCase().replace(/\*/g, ''));
		case 'NOT_CONTAINS_TOKEN':
			return !actual.toLowerCase().includes(asText(filter.value).toLowerCase().replace(/\*/g, ''));
	}
	return false;
}

export interface SearchRequest {
	filterGroups?: Array<{ filters?: Filter[] }>;
	sorts?: Array<{ propertyName: string; direction?: string } | string>;
	limit?: number;
	after?: string | number;
	properties?: string[];
	query?: string;
}

/** Runs a search: groups ORed, filters ANDed; paging past 10 000 results is a 400, as HubSpot's is. */
export function search(objects: CrmObject[], request: SearchRequest, knownProperty: (name: string) => boolean): { results: CrmObject[]; total: number; next?: string } {
	const groups = request.filterGroups ?? [];
	if (groups.length > MAX_FILTER_GROUPS) throw new HubSpotInvalid(`At most ${MAX_FILTER_GROUPS} filterGroups are allowed.`);
	let total = 0;
	for (const group of groups) {
		const filters = group.filters ?? [];
		if (filters.length > MAX_FILTERS_PER_GROUP) throw new HubSpotInvalid(`At most ${MAX_FILTERS_PER_GROUP} filters per group are allowed.`);
		total += filters.length;
		for (const f of filters) {
			if (!OPERATORS.has(f.operator)) throw new HubSpotInvalid(`Unknown operator ${String(f.operator)}.`);
			if (!knownProperty(f.propertyName)) throw new HubSpotInvalid(`Property ${String(f.propertyName)} does not exist.`, 'VALIDATION_ERROR', 400, [{ message: `Unknown property ${String(f.propertyName)}`, code: 'PROPERTY_DOESNT_EXIST' }]);
		}
	}
	if (total > MAX_FILTERS_TOTAL) throw new HubSpotInvalid(`At most ${MAX_FILTERS_TOTAL} filters are allowed.`);
	if ((request.query ?? '').length > 3000) throw new HubSpotInvalid('query is longer than 3000 characters.');
	const limit = request.limit ?? 10;
	if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_PAGE) throw new HubSpotInvalid(`limit must be between 1 and ${SEARCH_MAX_PAGE}.`);
	const offset = request.after === undefined || request.after === '' ? 0 : Number(request.after);
	if (!Number.isInteger(offset) || offset < 0) throw new HubSpotInvalid('after must be a paging cursor from a previous response.');
	if (offset + limit > SEARCH_RESULT_CAP) {
		throw new HubSpotInvalid(`Paging past ${SEARCH_RESULT_CAP} results is not supported.`, 'VALIDATION_ERROR', 400, [{ message: 'maximum of 10000 results', code: 'LIMIT_EXCEEDED' }]);
	}
	let found = objects.filter((o) => !o.archived && (groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matches(o, f)))));
	if (request.query) {
		const q = request.query.toLowerCase();
		found = found.filter((o) => Object.values(o.properties).some((v) => v?.toLowerCase().includes(q)));
	}
	const sort = request.sorts?.[0];
	const sortName = typeof sort === 'string' ? sort : sort?.propertyName;
	const descending = typeof sort === 'object' && sort.direction === 'DESCENDING';
	found.sort((a, b) => {
		const av = sortName === 'hs_object_id' || !sortName ? a.id : (a.properties[sortName] ?? '');
		const bv = sortName === 'hs_object_id' || !sortName ? b.id : (b.properties[sortName] ?? '');
		const c = compare(av, bv) || compare(a.id, b.id);
		return descending ? -c : c;
	});
	const results = found.slice(offset, offset + limit);
	const nextOffset = offset + limit;
	return { results, total: found.length, next: nextOffset < found.length ? String(nextOffset) : undefined };
}
