/** The conversation statuses Kirim knows, for the Get Many filter and the Update field. */
export const STATUSES = [
	{ name: 'Open', value: 'open' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Resolved (Closed)', value: 'resolved' },
];
