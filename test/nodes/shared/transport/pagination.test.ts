import { collect, pages, type Page } from '../../../../nodes/shared/transport/pagination';

function scripted(responses: Array<Page<number> | Error>) {
	const cursors: Array<string | undefined> = [];
	const fetchPage = async (cursor: string | undefined) => {
		cursors.push(cursor);
		const next = responses.shift();
		if (!next) throw new Error('fetched beyond the script');
		if (next instanceof Error) throw next;
		return next;
	};
	return { fetchPage, cursors };
}

describe('cursor pages', () => {
	test('last page full: stops when no cursor comes back', async () => {
		const { fetchPage, cursors } = scripted([{ items: [1, 2], nextCursor: 'a' }, { items: [3, 4] }]);
		expect(await collect(pages(fetchPage))).toEqual([1, 2, 3, 4]);
		expect(cursors).toEqual([undefined, 'a']);
	});

	test('last page not full', async () => {
		const { fetchPage } = scripted([{ items: [1, 2], nextCursor: 'a' }, { items: [3] }]);
		expect(await collect(pages(fetchPage))).toEqual([1, 2, 3]);
	});

	test('empty list', async () => {
		const { fetchPage } = scripted([{ items: [] }]);
		expect(await collect(pages(fetchPage))).toEqual([]);
	});

	test('limit inside the first page fetches one page', async () => {
		const { fetchPage, cursors } = scripted([{ items: [1, 2, 3], nextCursor: 'a' }]);
		expect(await collect(pages(fetchPage), 2)).toEqual([1, 2]);
		expect(cursors).toHaveLength(1);
	});

	test('limit exactly at a page boundary does not fetch the next page', async () => {
		const { fetchPage, cursors } = scripted([{ items: [1, 2], nextCursor: 'a' }, { items: [3] }]);
		expect(await collect(pages(fetchPage), 2)).toEqual([1, 2]);
		expect(cursors).toHaveLength(1);
	});

	test('an error after the first page surfaces', async () => {
		const { fetchPage } = scripted([{ items: [1], nextCursor: 'a' }, new Error('boom')]);
		await expect(collect(pages(fetchPage))).rejects.toThrow('boom');
	});

	test('a cursor handed back twice stops with an error instead of looping', async () => {
		const { fetchPage } = scripted([
			{ items: [1], nextCursor: 'a' },
			{ items: [2], nextCursor: 'a' },
		]);
		await expect(collect(pages(fetchPage))).rejects.toThrow('same page cursor twice');
	});

	test('resumes from a start cursor', async () => {
		const { fetchPage, cursors } = scripted([{ items: [5] }]);
		expect(await collect(pages(fetchPage, 'saved'))).toEqual([5]);
		expect(cursors).toEqual(['saved']);
	});
});
