import { HubSpotInvalid } from './errors';
import { objectTypeOf, type ObjectType } from './schema';
import type { HubSpotStore } from './store';

/**
 * Default association type ids (HUBSPOT_DEFINED, unlabelled) between the types we model, from HubSpot's table of
 * default association types (https://developers.hubspot.com/docs/api/crm/associations). Contact → company 279 also
 * appears in the associations overview's example of a create
 * (https://developers.hubspot.com/docs/api-reference/latest/crm/associations/overview).
 *
 * The primary company (contact → company 1, company → contact 2) is not modelled: the store keeps one unlabelled
 * association per pair, so every association reads back with the default type id of its direction.
 */
export const DEFAULT_ASSOCIATION_TYPE: Record<string, number> = {
	'contacts>tickets': 15,
	'tickets>contacts': 16,
	'communications>contacts': 81,
	'contacts>communications': 82,
	'communications>tickets': 83,
	'tickets>communications': 84,
	'contacts>companies': 279,
	'companies>contacts': 280,
};

export interface AssociationPair {
	fromType: ObjectType;
	toType: ObjectType;
	/** The default association type id from `fromType` to `toType`. */
	typeId: number;
}

/** The default type between two types, or undefined when the simulator models no association between them. */
export function defaultAssociationType(fromType: ObjectType, toType: ObjectType): number | undefined {
	return DEFAULT_ASSOCIATION_TYPE[`${fromType}>${toType}`];
}

/**
 * The pair named by a path's `{fromObjectType}` and `{toObjectType}` (names, singular names or ids): an unknown
 * type is a 404, a pair without a modelled association a 400.
 */
export function associationPair(from: string, to: string): AssociationPair {
	const fromType = objectTypeOf(from);
	const toType = objectTypeOf(to);
	if (!fromType || !toType)
		throw new HubSpotInvalid(`Unknown object type ${fromType ? to : from}`, 'OBJECT_NOT_FOUND', 404, [
			{ message: 'unknown object type', in: fromType ? 'toObjectType' : 'fromObjectType' },
		]);
	const typeId = defaultAssociationType(fromType, toType);
	if (!typeId)
		throw new HubSpotInvalid(
			`No default association between ${fromType} and ${toType} in this simulator`,
			'VALIDATION_ERROR',
			400,
			[{ message: 'unsupported association pair', in: 'path' }],
		);
	return { fromType, toType, typeId };
}

/**
 * The live `toType` objects associated with one live object, by id ascending. An association is one link between
 * two records whichever direction it was made in (HubSpot creates the reverse with it), so both are read.
 */
export function associatedIds(store: HubSpotStore, fromType: ObjectType, fromId: string, toType: ObjectType): string[] {
	const ids = new Set<string>();
	for (const a of store.associations) {
		if (a.fromType === fromType && a.fromId === fromId && a.toType === toType) ids.add(a.toId);
		if (a.toType === fromType && a.toId === fromId && a.fromType === toType) ids.add(a.fromId);
	}
	return [...ids].filter((id) => store.live(toType, id)).sort((a, b) => Number(a) - Number(b));
}
