import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import {
	clearState,
	loadState,
	readState,
	writeState,
	type StateSchema,
} from '../../../../nodes/shared/state/versioned-state';

const node: INode = { id: 'n1', name: 'Node', type: 'test.node', typeVersion: 1, position: [0, 0], parameters: {} };

interface Cursor {
	cursor: string;
	pages: number;
	source: string;
}

/** Version 0: flat `lastCursor`; 1: `{ cursor }`; 2: adds `pages`; 3: adds `source`. */
const steps: string[] = [];
const cursorSchema: StateSchema<Cursor> = {
	key: 'cursor',
	label: 'test cursor',
	version: 3,
	legacy: {
		read: (data) => (typeof data.lastCursor === 'string' ? { lastCursor: data.lastCursor } : undefined),
		keys: ['lastCursor'],
	},
	upgrades: {
		0: (r) => (steps.push('0→1'), { cursor: r.lastCursor }),
		1: (r) => (steps.push('1→2'), { ...r, pages: 0 }),
		2: (r) => (steps.push('2→3'), { ...r, source: 'unknown' }),
	},
	decode: (r) =>
		typeof r.cursor === 'string' && typeof r.pages === 'number' && typeof r.source === 'string'
			? { cursor: r.cursor, pages: r.pages, source: r.source }
			: undefined,
};

beforeEach(() => (steps.length = 0));

describe('versioned static data', () => {
	test('nothing stored reads as absent and loads as undefined without writing', () => {
		const data: IDataObject = { other: 1 };
		expect(readState(data, cursorSchema)).toEqual({ status: 'absent' });
		expect(loadState(node, data, cursorSchema)).toBeUndefined();
		expect(data).toEqual({ other: 1 });
	});

	test('the unversioned format is upgraded through every step in order and rewritten, legacy keys removed', () => {
		const data: IDataObject = { lastCursor: 'c-9', other: 1 };
		expect(readState(data, cursorSchema)).toEqual({
			status: 'upgraded',
			from: 0,
			value: { cursor: 'c-9', pages: 0, source: 'unknown' },
		});
		expect(steps).toEqual(['0→1', '1→2', '2→3']);
		expect(data).toEqual({ lastCursor: 'c-9', other: 1 }); // readState writes nothing
		expect(loadState(node, data, cursorSchema)).toEqual({ cursor: 'c-9', pages: 0, source: 'unknown' });
		expect(data).toEqual({ other: 1, cursor: { v: 3, cursor: 'c-9', pages: 0, source: 'unknown' } });
	});

	test('an older versioned record runs only the steps after its version', () => {
		const data: IDataObject = { cursor: { v: 2, cursor: 'c-2', pages: 4 } };
		expect(loadState(node, data, cursorSchema)).toEqual({ cursor: 'c-2', pages: 4, source: 'unknown' });
		expect(steps).toEqual(['2→3']);
		expect(data.cursor).toEqual({ v: 3, cursor: 'c-2', pages: 4, source: 'unknown' });
	});

	test('a current record is read as it is and not rewritten', () => {
		const record = { v: 3, cursor: 'c-3', pages: 1, source: 'kirim' };
		const data: IDataObject = { cursor: record };
		expect(loadState(node, data, cursorSchema)).toEqual({ cursor: 'c-3', pages: 1, source: 'kirim' });
		expect(data.cursor).toBe(record);
		expect(steps).toEqual([]);
	});

	test('a versioned record wins over stale legacy keys, which the next write removes', () => {
		const data: IDataObject = { lastCursor: 'old', cursor: { v: 3, cursor: 'new', pages: 2, source: 'kirim' } };
		expect(loadState(node, data, cursorSchema)?.cursor).toBe('new');
		writeState(data, cursorSchema, { cursor: 'newer', pages: 3, source: 'kirim' });
		expect(data).toEqual({ cursor: { v: 3, cursor: 'newer', pages: 3, source: 'kirim' } });
	});

	test('a record from a newer version is refused with a NodeOperationError and left untouched', () => {
		const record = { v: 4, cursor: 'c-4', pages: 1, source: 'kirim', shards: [1, 2] };
		const data: IDataObject = { cursor: record };
		const read = readState(data, cursorSchema);
		expect(read).toMatchObject({ status: 'newer', found: 4 });
		let thrown: unknown;
		try {
			loadState(node, data, cursorSchema);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(NodeOperationError);
		expect((thrown as NodeOperationError).message).toBe(
			"The test cursor kept in this node's static data was written by a newer version of n8n-nodes-kirim (format 4; this version reads formats up to 3)",
		);
		expect((thrown as NodeOperationError).description).toContain('left the record untouched');
		expect(data.cursor).toBe(record);
		expect(data.cursor).toEqual({ v: 4, cursor: 'c-4', pages: 1, source: 'kirim', shards: [1, 2] });
	});

	test.each([
		['a version that is not a positive integer', { cursor: { v: 'two', cursor: 'x' } }, 'no valid format version'],
		['a version of 0 written as a number', { cursor: { v: 0, cursor: 'x' } }, 'no valid format version'],
		['a current record of the wrong shape', { cursor: { v: 3, cursor: 7 } }, 'expected shape'],
		['something that is not a record at the key', { cursor: 'plain string' }, 'not in any format'],
	])('%s is unreadable, and loads as nothing (the next write replaces it)', (_name, data: IDataObject, message) => {
		const read = readState(data, cursorSchema);
		expect(read.status).toBe('unreadable');
		expect((read as { message: string }).message).toContain(message);
		expect(loadState(node, data, cursorSchema)).toBeUndefined();
	});

	test('a missing upgrade step makes the record unreadable instead of skipping it', () => {
		const gap: StateSchema<Cursor> = {
			...cursorSchema,
			upgrades: { 0: cursorSchema.upgrades[0], 2: cursorSchema.upgrades[2] },
		};
		expect(readState({ lastCursor: 'c' }, gap)).toEqual({
			status: 'unreadable',
			message: 'No upgrade of the test cursor from format 1',
		});
	});

	test('writeState puts a new wrapper in place each time (n8n notices the change) and clearState removes every format', () => {
		const data: IDataObject = { lastCursor: 'old' };
		writeState(data, cursorSchema, { cursor: 'a', pages: 1, source: 'kirim' });
		const first = data.cursor;
		writeState(data, cursorSchema, { cursor: 'a', pages: 1, source: 'kirim' });
		expect(data.cursor).not.toBe(first);
		data.lastCursor = 'stale';
		clearState(data, cursorSchema);
		expect(data).toEqual({});
	});
});
