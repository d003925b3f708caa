import type { Clock } from '../common/clock';
import { NumericIds } from '../common/ids';
import { builtInProperties, MODIFIED_PROPERTY, OBJECT_TYPES, type ObjectType, type PropertyDefinition } from './schema';
import { SearchIndex } from './search-index';

export type { ObjectType, PropertyDefinition } from './schema';

export interface CrmObject {
	id: string;
	properties: Record<string, string | null>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	archivedAt?: string;
}

/** Who made a write: a person in HubSpot's UI, or an app through the API (webhook changeSource/sourceId). */
export interface Writer {
	changeSource: string;
	sourceId: string;
}

export type ChangeKind = 'creation' | 'propertyChange' | 'deletion' | 'restore' | 'merge' | 'privacyDeletion' | 'associationChange';

/** A change the webhook sender may report (fields beyond the common ones only for their kind). */
export interface ChangeRecord {
	objectType: ObjectType;
	objectId: string;
	kind: ChangeKind;
	writer: Writer;
	occurredAt: number;
	propertyName?: string;
	propertyValue?: string | null;
	merge?: { primaryObjectId: number; mergedObjectIds: number[]; newObjectId: number; numberOfPropertiesMoved: number };
	association?: { associationType: string; fromObjectId: number; toObjectId: number; associationRemoved: boolean; isPrimaryAssociation: boolean };
}

export interface Association {
	fromType: ObjectType;
	fromId: string;
	toType: ObjectType;
	toId: string;
}

/** The CRM's state: objects, property definitions, associations; every write is reported to listeners. */
export class HubSpotStore {
	readonly objects: Record<ObjectType, Map<string, CrmObject>> = { contacts: new Map(), tickets: new Map() };
	readonly properties: Record<ObjectType, Map<string, PropertyDefinition>> = { contacts: builtInProperties('contacts'), tickets: builtInProperties('tickets') };
	readonly associations: Association[] = [];
	readonly searchIndex: SearchIndex;
	/** Listeners (the webhook sender) told about every change. */
	readonly listeners: Array<(change: ChangeRecord) => void> = [];
	private readonly ids = new NumericIds(100_000);

	constructor(private readonly clock: Clock) {
		this.searchIndex = new SearchIndex(clock);
	}

	now(): string {
		return new Date(this.clock.now()).toISOString();
	}

	live(type: ObjectType, id: string): CrmObject | undefined {
		const object = this.objects[type].get(id);
		return object && !object.archived ? object : undefined;
	}

	/** The live object whose `property` equals `value` (id, email case-insensitively, or a unique-value property). */
	findBy(type: ObjectType, property: string, value: string): CrmObject | undefined {
		if (property === 'hs_object_id' || property === 'id') return this.live(type, value);
		const fold = (v: string) => (property === 'email' ? v.toLowerCase() : v);
		for (const object of this.objects[type].values()) {
			const current = object.properties[property];
			if (!object.archived && typeof current === 'string' && fold(current) === fold(value)) return object;
		}
		return undefined;
	}

	create(type: ObjectType, properties: Record<string, string | null>, writer: Writer): CrmObject {
		const id = this.ids.take();
		const now = this.now();
		const given = Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== null && v !== ''));
		const object: CrmObject = { id, createdAt: now, updatedAt: now, archived: false, properties: { ...given, hs_object_id: id, createdate: now, [MODIFIED_PROPERTY[type]]: now } };
		this.objects[type].set(id, object);
		this.indexed(type, object);
		this.notify({ objectType: type, objectId: id, kind: 'creation', writer });
		for (const [name, value] of Object.entries(given)) this.notify({ objectType: type, objectId: id, kind: 'propertyChange', propertyName: name, propertyValue: value, writer });
		return object;
	}

	/** Sets the given properties. Every write moves the modified date; only real changes are reported. */
	update(type: ObjectType, object: CrmObject, properties: Record<string, string | null>, writer: Writer): CrmObject {
		const changed = Object.entries(properties)
			.map(([name, value]): [string, string | null] => [name, value === '' ? null : value])
			.filter(([name, value]) => (object.properties[name] ?? null) !== value);
		const now = this.now();
		// A cleared property reads as null.
		for (const [name, value] of changed) object.properties[name] = value;
		object.updatedAt = now;
		object.properties[MODIFIED_PROPERTY[type]] = now;
		this.indexed(type, object);
		for (const [name, value] of changed) this.notify({ objectType: type, objectId: object.id, kind: 'propertyChange', propertyName: name, propertyValue: value ?? '', writer });
		return object;
	}

	/** DELETE moves an object to the recycle bin (archived), from where a person can restore it. */
	archive(type: ObjectType, object: CrmObject, writer: Writer): void {
		object.archived = true;
		object.archivedAt = this.now();
		object.updatedAt = object.archivedAt;
		this.indexed(type, object);
		this.notify({ objectType: type, objectId: object.id, kind: 'deletion', writer });
	}

	restore(type: ObjectType, object: CrmObject, writer: Writer): void {
		object.archived = false;
		delete object.archivedAt;
		object.updatedAt = this.now();
		object.properties[MODIFIED_PROPERTY[type]] = object.updatedAt;
		this.indexed(type, object);
		this.notify({ objectType: type, objectId: object.id, kind: 'restore', writer });
	}

	/** GDPR delete: gone for good; HubSpot reports privacyDeletion and deletion (in any order, §1.3). */
	purge(type: ObjectType, object: CrmObject, writer: Writer): void {
		this.objects[type].delete(object.id);
		this.searchIndex.record(`${type}:${object.id}`, undefined);
		this.notify({ objectType: type, objectId: object.id, kind: 'privacyDeletion', writer });
		this.notify({ objectType: type, objectId: object.id, kind: 'deletion', writer });
	}

	/**
	 * Merges `secondary` into `primary`: the primary keeps its id and gains the properties it lacked; the secondary
	 * disappears. Which id survives is our modelling choice (the merge event carries newObjectId for the survivor).
	 */
	merge(type: ObjectType, primary: CrmObject, secondary: CrmObject, writer: Writer): CrmObject {
		const moved = Object.entries(secondary.properties).filter(([name, value]) => value !== null && (primary.properties[name] ?? null) === null);
		for (const [name, value] of moved) primary.properties[name] = value;
		primary.updatedAt = this.now();
		primary.properties[MODIFIED_PROPERTY[type]] = primary.updatedAt;
		this.objects[type].delete(secondary.id);
		this.searchIndex.record(`${type}:${secondary.id}`, undefined);
		this.indexed(type, primary);
		const merge = { primaryObjectId: Number(primary.id), mergedObjectIds: [Number(secondary.id)], newObjectId: Number(primary.id), numberOfPropertiesMoved: moved.length };
		this.notify({ objectType: type, objectId: primary.id, kind: 'merge', writer, merge });
		return primary;
	}

	associate(association: Association, writer: Writer): void {
		const exists = this.associations.some((a) => a.fromType === association.fromType && a.fromId === association.fromId && a.toType === association.toType && a.toId === association.toId);
		if (exists) return;
		this.associations.push(association);
		const ends: Array<[ObjectType, string, ObjectType, string]> = [
			[association.fromType, association.fromId, association.toType, association.toId],
			[association.toType, association.toId, association.fromType, association.fromId],
		];
		for (const [type, id, otherType, otherId] of ends) {
			const associationType = `${singular(type).toUpperCase()}_TO_${singular(otherType).toUpperCase()}`;
			this.notify({ objectType: type, objectId: id, kind: 'associationChange', writer, association: { associationType, fromObjectId: Number(id), toObjectId: Number(otherId), associationRemoved: false, isPrimaryAssociation: false } });
		}
	}

	private indexed(type: ObjectType, object: CrmObject): void {
		this.searchIndex.record(`${type}:${object.id}`, object);
	}

	private notify(change: Omit<ChangeRecord, 'occurredAt'>): void {
		const record = { ...change, occurredAt: this.clock.now() };
		for (const listener of this.listeners) listener(record);
	}
}

export function singular(type: ObjectType): string {
	return type === 'contacts' ? 'contact' : 'ticket';
}

export { OBJECT_TYPES };
