import type { IExecuteFunctions } from 'n8n-workflow';

import { operationDropdown, type OperationMap, type OperationOption } from '../../nodes/shared/node/route';

// The router's map is typed by the dropdowns it serves, so a forgotten or stray route is a compile error. The
// `@ts-expect-error` lines below are checked by `npm run lint` (tsc over the tests): if a missing or extra route
// ever compiled, the directive would be unused and lint would fail. The test itself checks the dropdown's shape.

const options = [
	{ name: 'Get', value: 'get', action: 'Get a thing' },
	{ name: 'Delete', value: 'delete', action: 'Delete a thing' },
] as const satisfies readonly OperationOption[];

type Dropdowns = { thing: typeof options };
const run = async function (this: IExecuteFunctions) {
	return [];
};

const complete: OperationMap<Dropdowns, unknown> = { thing: { get: run, delete: run } };

// @ts-expect-error — the route for 'delete' is missing
const _missingRoute: OperationMap<Dropdowns, unknown> = { thing: { get: run } };

// @ts-expect-error — 'update' is offered by no dropdown
const _strayRoute: OperationMap<Dropdowns, unknown> = { thing: { get: run, delete: run, update: run } };

// @ts-expect-error — a whole resource is missing
const _missingResource: OperationMap<Dropdowns & { other: typeof options }, unknown> = complete;

test('operationDropdown offers the options for its resource only, with the given default', () => {
	expect(operationDropdown('thing', options, 'get')).toEqual({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['thing'] } },
		options: [...options],
		default: 'get',
	});
	expect(Object.keys(complete.thing)).toEqual(['get', 'delete']);
});
