import type { ObjectType } from './schema';
import { singular, type ChangeKind, type ChangeRecord } from './store';

/** Subscription kinds HubSpot offers per object (https://developers.hubspot.com/docs/api/webhooks). */
export const SUBSCRIPTION_KINDS: ChangeKind[] = [
	'creation',
	'deletion',
	'propertyChange',
	'merge',
	'restore',
	'privacyDeletion',
	'associationChange',
];
/**
 * The object types the app's webhooks report. Communications are not among them: the simulator offers no
 * `communication.*` subscription, and associating a communication with a contact or ticket fires no
 * `contact.associationChange` / `ticket.associationChange` (inferred: HubSpot's webhook docs list no
 * communication events or association types). Companies are reported as HubSpot's webhook docs list them
 * (`company.creation`, `company.propertyChange`, …, https://developers.hubspot.com/docs/api/webhooks), and associating
 * a contact with a company fires `contact.associationChange` and `company.associationChange` to subscribers.
 */
export const WEBHOOK_OBJECT_TYPES: ObjectType[] = ['contacts', 'tickets', 'companies'];

/** "Not subscribable for propertyChange" (HubSpot's webhook docs). */
export const UNSUBSCRIBABLE_PROPERTIES = new Set(['num_unique_conversion_events', 'hs_lastmodifieddate']);

export interface WebhookSubscription {
	id: number;
	subscriptionType: string;
	/** Only for propertyChange: the one property this subscription follows. */
	propertyName?: string;
	active: boolean;
}

export interface WebhookEvent {
	objectId: number;
	propertyName?: string;
	propertyValue?: string;
	changeSource: string;
	sourceId: string;
	eventId: number;
	subscriptionId: number;
	portalId: number;
	appId: number;
	occurredAt: number;
	subscriptionType: string;
	attemptNumber: number;
	changeFlag?: string;
	[extra: string]: unknown;
}

/** Splits `contact.propertyChange` into its object type and change kind, or undefined if it is not one we offer. */
export function parseSubscriptionType(value: string): { type: ObjectType; kind: ChangeKind } | undefined {
	const [object, kind] = value.split('.');
	const type = WEBHOOK_OBJECT_TYPES.find((t) => singular(t) === object);
	if (!type || !SUBSCRIPTION_KINDS.includes(kind as ChangeKind)) return undefined;
	if (type !== 'contacts' && kind === 'privacyDeletion') return undefined; // privacy deletion is a contact concept
	return { type, kind: kind as ChangeKind };
}

const CHANGE_FLAGS: Partial<Record<ChangeKind, string>> = {
	creation: 'NEW',
	deletion: 'DELETED',
	privacyDeletion: 'DELETED',
};

/** The event HubSpot would send for `change` under `subscription` (attemptNumber 0; the sender bumps it on retries). */
export function buildEvent(
	change: ChangeRecord,
	subscription: WebhookSubscription,
	identity: { appId: number; portalId: number },
	eventId: number,
): WebhookEvent {
	return {
		objectId: Number(change.objectId),
		...(change.kind === 'propertyChange'
			? { propertyName: change.propertyName, propertyValue: change.propertyValue ?? '' }
			: {}),
		changeSource: change.writer.changeSource,
		sourceId: change.writer.sourceId,
		eventId,
		subscriptionId: subscription.id,
		portalId: identity.portalId,
		appId: identity.appId,
		occurredAt: change.occurredAt,
		subscriptionType: `${singular(change.objectType)}.${change.kind}`,
		attemptNumber: 0,
		...(CHANGE_FLAGS[change.kind] ? { changeFlag: CHANGE_FLAGS[change.kind] } : {}),
		...(change.merge ?? {}),
		...(change.association ?? {}),
	};
}

/** The active subscription a change falls under, if any. */
export function subscriptionFor(
	change: ChangeRecord,
	subscriptions: WebhookSubscription[],
): WebhookSubscription | undefined {
	if (!WEBHOOK_OBJECT_TYPES.includes(change.objectType)) return undefined;
	if (change.associatedType && !WEBHOOK_OBJECT_TYPES.includes(change.associatedType)) return undefined;
	const type = `${singular(change.objectType)}.${change.kind}`;
	return subscriptions.find(
		(s) =>
			s.active &&
			s.subscriptionType === type &&
			(change.kind !== 'propertyChange' || s.propertyName === change.propertyName),
	);
}
