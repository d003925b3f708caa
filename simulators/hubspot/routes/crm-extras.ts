import type { Router } from '../../common/router';
import { HubSpotInvalid } from '../errors';
import type { HubSpotStore } from '../store';

export const OWNERS = [
	{ id: '5001', email: 'agent.one@example.com', firstName: 'Agent', lastName: 'One', userId: 9001, archived: false },
	{ id: '5002', email: 'agent.two@example.com', firstName: 'Agent', lastName: 'Two', userId: 9002, archived: false },
];

export const TICKET_PIPELINE = {
	id: '0',
	label: 'Support Pipeline',
	displayOrder: 0,
	stages: [
		{ id: '1', label: 'New', displayOrder: 0, metadata: { ticketState: 'OPEN' } },
		{ id: '2', label: 'Waiting on contact', displayOrder: 1, metadata: { ticketState: 'OPEN' } },
		{ id: '3', label: 'Waiting on us', displayOrder: 2, metadata: { ticketState: 'OPEN' } },
		{ id: '4', label: 'Closed', displayOrder: 3, metadata: { ticketState: 'CLOSED' } },
	],
};

/** Owners (paged, email filter), ticket pipelines, and default associations — kept minimal but validated. */
export function crmExtraRoutes(router: Router, store: HubSpotStore): void {
	router.add('GET', '/crm/v3/owners', (req) => {
		const email = req.query.get('email');
		const results = OWNERS.filter((o) => !email || o.email === email.toLowerCase());
		return { status: 200, body: { results } };
	});
	router.add('GET', '/crm/v3/pipelines/tickets', () => ({ status: 200, body: { results: [TICKET_PIPELINE] } }));
	router.add('PUT', '/crm/v4/objects/:from/:fromId/associations/default/:to/:toId', (req) => {
		const { from, fromId, to, toId } = req.params;
		for (const [type, id] of [[from, fromId], [to, toId]]) {
			if (type !== 'contacts' && type !== 'tickets') throw new HubSpotInvalid(`Unknown object type ${type}.`, 'OBJECT_NOT_FOUND', 404);
			if (!store.objects[type].has(id)) throw new HubSpotInvalid(`No ${type} object ${id}.`, 'OBJECT_NOT_FOUND', 404);
		}
		return { status: 200, body: { status: 'COMPLETE', results: [{ from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED' } }] } };
	});
}
