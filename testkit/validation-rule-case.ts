import type { PortalValidation } from '../simulators/hubspot';

// One case for HubSpot 2026-09's portal validation rules, run in-process and in real n8n: eight Kirim contacts
// written by HubSpot Sync's Create or Update with a custom mapping, under a rule that makes the job title required
// for customers. Items 2 and 5 are customers without a job title; the other six are written.

export const kirimId = (n: number) => `ctc_${String(40 + n).padStart(26, '0')}`;

export const jobTitleRule: PortalValidation['rules'] = [
	{
		kind: 'conditionalRequired',
		objectType: 'contacts',
		property: 'jobtitle',
		when: { property: 'lifecyclestage', equals: 'customer' },
	},
];

export const OFFENDING = [2, 5];

/** The lifecycle stage item n carries. */
export const stageOf = (n: number) => (n % 2 === 0 || OFFENDING.includes(n) ? 'customer' : 'lead');

export const items = Array.from({ length: 8 }, (_, n) => ({
	event: 'contact.updated',
	data: {
		contact: {
			id: kirimId(n),
			object: 'contact',
			name: `Person ${n} Tester`,
			email: `person${40 + n}@example.com`,
			phone_number: `+62812000${String(40 + n).padStart(5, '0')}`,
			metadata: null,
			updated_at: '2026-11-22T10:00:00.000Z',
		},
	},
	stage: stageOf(n),
	title: OFFENDING.includes(n) ? '' : 'Buyer',
}));

/** HubSpot Sync's parameters: Create or Update, the stage and job title mapped from each item, no linking. */
export const upsertParameters = {
	resource: 'contact',
	operation: 'upsert',
	mappingMode: 'custom',
	fieldMappings: {
		mapping: [
			{ target: 'email', value: '={{ $json.data.contact.email }}' },
			{ target: 'lifecyclestage', value: '={{ $json.stage }}' },
			{ target: 'jobtitle', value: '={{ $json.title }}' },
		],
	},
	options: { link: false },
};
