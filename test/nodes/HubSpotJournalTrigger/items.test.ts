import { itemsOfEntry, propertyChangesOf, type ItemRules } from '../../../nodes/HubSpotJournalTrigger/items';

const rules: ItemRules = {
	portalId: 62515,
	actions: ['CREATE', 'UPDATE'],
	combine: true,
	skipOwnWrites: true,
	appId: '4242',
	stampProperty: 'kirim_last_synced_at',
};

const update = (objectId: number, changes: Array<[string, string]>, extra: Record<string, unknown> = {}) => ({
	type: 'OBJECT',
	portalId: 62515,
	occurredAt: 1_796_000_000_000 + objectId,
	action: 'UPDATE',
	objectTypeId: '0-1',
	objectId,
	propertyChanges: changes.map(([propertyName, newValue]) => ({ propertyName, newValue })),
	...extra,
});

describe('HubSpot Journal Trigger: entry → items', () => {
	test('property changes of one contact become one item shaped like the webhook trigger’s, with the offset', () => {
		const { items } = itemsOfEntry(
			[
				update(7, [
					['firstname', 'Ana'],
					['email', 'ana@example.com'],
				]),
				update(8, [['lastname', 'Lee']]),
			],
			'off-1',
			rules,
		);
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({
			objectId: 7,
			subscriptionType: 'contact.propertyChange',
			portalId: 62515,
			changes: { firstname: 'Ana', email: 'ana@example.com' },
			journalOffset: 'off-1',
		});
	});

	test('uncombined, each property change is its own item', () => {
		const { items } = itemsOfEntry(
			[
				update(7, [
					['firstname', 'Ana'],
					['email', 'a@x.io'],
				]),
			],
			'o',
			{
				...rules,
				combine: false,
			},
		);
		expect(items.map((i) => i.propertyName)).toEqual(['firstname', 'email']);
	});

	test('another portal, another object type and an action not chosen are dropped and counted', () => {
		const { items, dropped } = itemsOfEntry(
			[
				update(1, [['firstname', 'A']], { portalId: 99 }),
				update(2, [['subject', 'B']], { objectTypeId: '0-5' }),
				{ ...update(3, []), action: 'DELETE' },
				update(4, [['firstname', 'D']]),
			],
			'o',
			rules,
		);
		expect(items.map((i) => i.objectId)).toEqual([4]);
		expect(dropped).toEqual({ otherPortal: 1, notSubscribed: 2, ownWrites: 0 });
	});

	test('the sync’s own write is recognised by its stamp, or by its source when HubSpot names one', () => {
		const { items, dropped } = itemsOfEntry(
			[
				update(1, [
					['firstname', 'A'],
					['kirim_last_synced_at', '2026-12-03T10:00:00Z'],
				]),
				update(2, [['firstname', 'B']], { changeSource: 'INTEGRATION', sourceId: '4242' }),
				update(3, [['firstname', 'C']], { changeSource: 'CRM_UI', sourceId: 'userId:1' }),
			],
			'o',
			rules,
		);
		expect(items.map((i) => i.objectId)).toEqual([3]);
		expect(dropped.ownWrites).toBe(2);
		const kept = itemsOfEntry([update(1, [['kirim_last_synced_at', 'x']])], 'o', { ...rules, skipOwnWrites: false });
		expect(kept.items).toHaveLength(1);
	});

	test('a creation carries its properties as changes', () => {
		const { items } = itemsOfEntry([{ ...update(9, [['email', 'n@x.io']]), action: 'CREATE' }], 'o', rules);
		expect(items).toEqual([
			expect.objectContaining({ objectId: 9, subscriptionType: 'contact.creation', changes: { email: 'n@x.io' } }),
		]);
	});

	test('property changes are read as a list of name/value pairs in any spelling, or as an object', () => {
		expect(
			propertyChangesOf({
				propertyChanges: [
					{ propertyName: 'a', newValue: '1' },
					{ name: 'b', value: '2' },
					{ propertyName: 'c', propertyValue: '3' },
				],
			}),
		).toEqual({ a: '1', b: '2', c: '3' });
		expect(propertyChangesOf({ propertyChanges: { a: '1' } })).toEqual({ a: '1' });
		expect(propertyChangesOf({})).toEqual({});
	});
});
