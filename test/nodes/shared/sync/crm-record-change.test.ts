import {
	DEFAULT_CRM_LINK_KEYS as keys,
	linkedHubSpotIds,
	mergeIds,
	recordChangeKind,
	withoutCrmData,
} from '../../../../nodes/shared/sync/crm-record-change';

describe('HubSpot record changes as Kirim metadata rules', () => {
	it('takes the four contact record events, nothing else', () => {
		expect(recordChangeKind('contact.privacyDeletion')).toBe('privacyDeletion');
		expect(recordChangeKind('contact.merge')).toBe('merge');
		expect(recordChangeKind('contact.propertyChange')).toBeUndefined();
		expect(recordChangeKind('company.deletion')).toBeUndefined();
	});

	it('a merge whose new record is neither input merges both away (newObjectId names the survivor)', () => {
		expect(mergeIds({ objectId: 1, primaryObjectId: 1, mergedObjectIds: [2], newObjectId: 3 })).toEqual({
			survivorId: '3',
			mergedIds: ['2', '1'],
		});
		expect(mergeIds({ objectId: 1, primaryObjectId: 1, mergedObjectIds: [2], newObjectId: 1 })).toEqual({
			survivorId: '1',
			mergedIds: ['2'],
		});
		expect(mergeIds({ objectId: 7 })).toEqual({ survivorId: '7', mergedIds: [] });
	});

	it('a Kirim contact points at its live link and at a deleted one', () => {
		expect(linkedHubSpotIds({ crm_id: '5', crm_deleted_id: 6, other: '7' }, keys)).toEqual(['5', '6']);
		expect(linkedHubSpotIds(null, keys)).toEqual([]);
	});

	it('the privacy patch removes every prefixed key and the link key, and nothing else', () => {
		expect(withoutCrmData({ crm_id: '5', crm_company: 'A', tier: 'gold', n8n_kirim_sync: {} }, keys)).toEqual({
			crm_id: null,
			crm_company: null,
		});
		expect(withoutCrmData({ hubspot: '5', crm_x: 1 }, { idKey: 'hubspot', prefix: 'crm_' })).toEqual({
			hubspot: null,
			crm_x: null,
		});
	});
});
