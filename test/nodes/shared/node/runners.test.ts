import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { forItemsInBatch } from '../../../../nodes/shared/node/batched';
import { forEachItem } from '../../../../nodes/shared/node/per-item';

// The two runners every action operation goes through: one item at a time, or all items in one batch. Both must
// pair every output to its input, keep input order, and treat a failed item the same way.

const node: INode = {
	id: '1',
	name: 'Runner',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function context(items: number, continueOnFail: boolean): IExecuteFunctions {
	return {
		getInputData: () => Array.from({ length: items }, (_, i) => ({ json: { i } })),
		continueOnFail: () => continueOnFail,
		getNode: () => node,
	} as unknown as IExecuteFunctions;
}

interface Result {
	itemIndex: number;
	value: string;
	error?: Error;
}

/** A batch that answers in reverse order and fails the item whose value is 'bad'. */
async function reversedBatch(requests: Array<{ itemIndex: number; value: string }>): Promise<Result[]> {
	return requests
		.map((r) => ({ ...r, ...(r.value === 'bad' ? { error: new Error(`item ${r.itemIndex} refused`) } : {}) }))
		.reverse();
}

const values = ['a', 'unreadable', 'bad', 'd'];
const read = (i: number) => {
	if (values[i] === 'unreadable') throw new Error('no value');
	return { itemIndex: i, value: values[i] };
};

describe('forItemsInBatch', () => {
	test('outputs one item per input, in input order, each paired to its input, errors on their own items', async () => {
		const out = await forItemsInBatch(context(4, true), read, reversedBatch, (r) => ({ value: r.value }));
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(out.map((o) => o.json)).toEqual([
			{ value: 'a' },
			{ error: 'no value' },
			{ value: 'bad', error: 'item 2 refused' },
			{ value: 'd' },
		]);
	});

	test('without Continue On Fail an unreadable item stops the node before anything is sent, naming the item', async () => {
		const run = jest.fn(reversedBatch);
		const error = await forItemsInBatch(context(4, false), read, run, (r) => ({ value: r.value })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(run).not.toHaveBeenCalled();
	});

	test('without Continue On Fail an item the batch refused stops the node, naming that item', async () => {
		const readable = (i: number) => ({ itemIndex: i, value: ['a', 'b', 'bad'][i] });
		const error = await forItemsInBatch(context(3, false), readable, reversedBatch, (r) => ({ v: r.value })).catch(
			(e) => e,
		);
		expect((error as Error).message).toBe('item 2 refused');
		expect((error as { context: { itemIndex: number } }).context.itemIndex).toBe(2);
	});
});

describe('forEachItem', () => {
	test('pairs each result to its item and keeps a failed item on its own output under Continue On Fail', async () => {
		const out = await forEachItem(context(3, true), async (i) => {
			if (i === 1) throw new Error('second failed');
			return i === 2 ? [{ n: 2 }, { n: 2.5 }] : { n: i };
		});
		expect(out).toEqual([
			{ json: { n: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'second failed' }, pairedItem: { item: 1 } },
			{ json: { n: 2 }, pairedItem: { item: 2 } },
			{ json: { n: 2.5 }, pairedItem: { item: 2 } },
		]);
	});

	test('without Continue On Fail the first failure stops the node with its item index', async () => {
		const error = await forEachItem(context(3, false), async (i) => {
			if (i === 1) throw new Error('second failed');
			return { n: i };
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
	});
});
