import type { Clock } from '../common/clock';
import { NumericIds } from '../common/ids';
import {
	builtInProperties,
	CREATED_PROPERTY,
	MODIFIED_PROPERTY,
	OBJECT_TYPES,
	type ObjectType,
	type PropertyDefinition,
} from './schema';
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

export type ChangeKind =
	'creation' | 'propertyChange' | 'deletion' | 'restore' | 'merge' | 'privacyDeletion' | 'associationChange';

/** A change the webhook sender may report (fields beyond the common ones only for their kind). */
export interface ChangeRecord {
	objectType: ObjectType;
	objectId: string;
	kind: ChangeKind;
	writer: Writer;
	occurredAt: number;
	propertyName?: string;
	propertyValue?: string | null;
	/** associationChange: the type at the other end (not part of the webhook event). */
	associatedType?: ObjectType;
	merge?: { primaryObjectId: number; mergedObjectIds: number[]; newObjectId: number; numberOfPropertiesMoved: number };
	association?: {
		associationType: string;
		fromObjectId: number;
		toObjectId: number;
		associationRemoved: boolean;
		isPrimaryAssociation: boolean;
	};
}

export interface Association {
	fromType: ObjectType;
	fromId: string;
	toType: ObjectType;
	toId: string;
}

/** The CRM's state: objects, property definitions, associations; every write is reported to listeners. */
export class HubSpotStore {
	readonly objects = Object.fromEntries(OBJECT_TYPES.map((type) => [type, new Map()])) as Record<
		ObjectType,
		Map<string, CrmObject>
	>;
	readonly properties = Object.fromEntries(OBJECT_TYPES.map((type) => [type, builtInProperties(type)])) as Record<
		ObjectType,
		Map<string, PropertyDefinition>
	>;
	readonly associations: Association[] = [];
	readonly searchIndex: SearchIndex;
	/** Listeners (the webhook sender) told about every change. */
	readonly listeners: Array<(change: ChangeRecord) => void> = [];
	/**
	 * Listeners (the webhooks journal) told once per write with every change it made, in order. A write is one
	 * store method call, or everything inside `write()` (the API wraps each request, so a batch is one write).
	 */
	readonly writeListeners: Array<(changes: ChangeRecord[]) => void> = [];
	private pending?: ChangeRecord[];
	private readonly ids = new NumericIds(100_000);

	constructor(private readonly clock: Clock) {
		this.searchIndex = new SearchIndex(clock);
	}

	/** Runs `run` as one write: the changes it makes reach `writeListeners` together when it returns (or throws). */
	write<T>(run: () => T): T {
		if (this.pending) return run();
		const changes: ChangeRecord[] = [];
		this.pending = changes;
		try {
			return run();
		} finally {
			this.pending = undefined;
			if (changes.length) for (const listener of this.writeListeners) listener(changes);
		}
	}

	now(): string {
		return new Date(this.clock.now()).toISOString();
	}

	live(type: ObjectType, id: string): CrmObject | undefined {
		const object = this.objects[type].get(id);
		return object && !object.archived ? object : undefined;
	}

	/** An object in the recycle bin (deleted, restorable); merged-away and GDPR-deleted objects are gone. */
	archivedOne(type: ObjectType, id: string): CrmObject | undefined {
		const object = this.objects[type].get(id);
		return object?.archived ? object : undefined;
	}

	/**
	 * What a read by id sees: with `archived=true` only the recycle bin, else only live objects (HubSpot's
	 * `archived` query parameter, "whether to return only results that have been archived", default false).
	 */
	readable(type: ObjectType, id: string, archived: boolean): CrmObject | undefined {
		return archived ? this.archivedOne(type, id) : this.live(type, id);
	}

	/** The live object whose `property` equals `value` (id, email case-insensitively, or a unique-value property). */
	findBy(type: ObjectType, property: string, value: string): CrmObject | undefined {
		if (property === 'hs_object_id' || property === 'id') return this.live(type, value);
		const fold = (v: string) => (property === 'email' ? v.toLowerCase() : v);
		const hit = this.lookup(type, property).get(fold(value));
		// The index is kept by the write methods below; a hit is re-checked so a stale entry can never answer.
		if (
			hit &&
			!hit.archived &&
			typeof hit.properties[property] === 'string' &&
			fold(hit.properties[property] as string) === fold(value)
		)
			return hit;
		if (hit) this.lookups.delete(`${type}|${property}`);
		return hit ? this.findBy(type, property, value) : undefined;
	}

	/**
	 * Value → object per (type, property), built on first use: a batch of 100 lookups among 10 000 contacts would
	 * otherwise scan them all a hundred times (benchmarks run 10 000-contact syncs). First object wins, as a scan would.
	 */
	private readonly lookups = new Map<string, Map<string, CrmObject>>();

	private lookup(type: ObjectType, property: string): Map<string, CrmObject> {
		const key = `${type}|${property}`;
		let map = this.lookups.get(key);
		if (map) return map;
		map = new Map();
		for (const object of this.objects[type].values()) this.addToLookup(map, property, object);
		this.lookups.set(key, map);
		return map;
	}

	private addToLookup(map: Map<string, CrmObject>, property: string, object: CrmObject): void {
		const value = object.properties[property];
		if (object.archived || typeof value !== 'string') return;
		const folded = property === 'email' ? value.toLowerCase() : value;
		if (!map.has(folded)) map.set(folded, object);
	}

	/**
	 * Keeps the lookups true after a write: new values are added; when a value the lookup pointed at this object
	 * changed or the object went away, that lookup is dropped (rebuilt on next use). `before`: old values of changed properties.
	 */
	private relook(
		type: ObjectType,
		object: CrmObject,
		before?: Record<string, string | null | undefined>,
		gone = false,
	): void {
		for (const [key, map] of this.lookups) {
			const [lookupType, property] = key.split('|');
			if (lookupType !== type || (before && !(property in before))) continue;
			const old = before?.[property];
			const fold = (v: string) => (property === 'email' ? v.toLowerCase() : v);
			const pointedHere = typeof old === 'string' && map.get(fold(old)) === object;
			if (gone || object.archived || pointedHere) this.lookups.delete(key);
			else this.addToLookup(map, property, object);
		}
	}

	create(type: ObjectType, properties: Record<string, string | null>, writer: Writer): CrmObject {
		return this.write(() => {
			const id = this.ids.take();
			const now = this.now();
			const given = Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== null && v !== ''));
			const object: CrmObject = {
				id,
				createdAt: now,
				updatedAt: now,
				archived: false,
				properties: { ...given, hs_object_id: id, [CREATED_PROPERTY[type]]: now, [MODIFIED_PROPERTY[type]]: now },
			};
			this.objects[type].set(id, object);
			this.relook(type, object);
			this.indexed(type, object);
			this.notify({ objectType: type, objectId: id, kind: 'creation', writer });
			for (const [name, value] of Object.entries(given))
				this.notify({
					objectType: type,
					objectId: id,
					kind: 'propertyChange',
					propertyName: name,
					propertyValue: value,
					writer,
				});
			return object;
		});
	}

	/** Sets the given properties. Every write moves the modified date; only real changes are reported. */
	update(type: ObjectType, object: CrmObject, properties: Record<string, string | null>, writer: Writer): CrmObject {
		return this.write(() => {
			const changed = Object.entries(properties)
				.map(([name, value]): [string, string | null] => [name, value === '' ? null : value])
				.filter(([name, value]) => (object.properties[name] ?? null) !== value);
			const now = this.now();
			// A cleared property reads as null.
			const before = Object.fromEntries(changed.map(([name]) => [name, object.properties[name]]));
			for (const [name, value] of changed) object.properties[name] = value;
			this.relook(type, object, before);
			object.updatedAt = now;
			object.properties[MODIFIED_PROPERTY[type]] = now;
			this.indexed(type, object);
			for (const [name, value] of changed)
				this.notify({
					objectType: type,
					objectId: object.id,
					kind: 'propertyChange',
					propertyName: name,
					propertyValue: value ?? '',
					writer,
				});
			return object;
		});
	}

	/** DELETE moves an object to the recycle bin (archived), from where a person can restore it. */
	archive(type: ObjectType, object: CrmObject, writer: Writer): void {
		return this.write(() => {
			object.archived = true;
			this.relook(type, object, undefined, true);
			object.archivedAt = this.now();
			object.updatedAt = object.archivedAt;
			this.indexed(type, object);
			this.notify({ objectType: type, objectId: object.id, kind: 'deletion', writer });
		});
	}

	restore(type: ObjectType, object: CrmObject, writer: Writer): void {
		return this.write(() => {
			object.archived = false;
			this.relook(type, object);
			delete object.archivedAt;
			object.updatedAt = this.now();
			object.properties[MODIFIED_PROPERTY[type]] = object.updatedAt;
			this.indexed(type, object);
			this.notify({ objectType: type, objectId: object.id, kind: 'restore', writer });
		});
	}

	/** GDPR delete: gone for good; HubSpot reports privacyDeletion and deletion (in any order, its webhook docs say). */
	purge(type: ObjectType, object: CrmObject, writer: Writer): void {
		return this.write(() => {
			this.objects[type].delete(object.id);
			this.relook(type, object, undefined, true);
			this.searchIndex.record(`${type}:${object.id}`, undefined);
			this.notify({ objectType: type, objectId: object.id, kind: 'privacyDeletion', writer });
			this.notify({ objectType: type, objectId: object.id, kind: 'deletion', writer });
		});
	}

	/**
	 * Merges `secondary` into `primary`: the primary keeps its id and gains the properties it lacked; the secondary
	 * disappears. Which id survives is our modelling choice (the merge event carries newObjectId for the survivor).
	 */
	merge(type: ObjectType, primary: CrmObject, secondary: CrmObject, writer: Writer): CrmObject {
		return this.write(() => {
			const moved = Object.entries(secondary.properties).filter(
				([name, value]) => value !== null && (primary.properties[name] ?? null) === null,
			);
			for (const [name, value] of moved) primary.properties[name] = value;
			this.relook(type, primary, Object.fromEntries(moved.map(([name]) => [name, null])));
			primary.updatedAt = this.now();
			primary.properties[MODIFIED_PROPERTY[type]] = primary.updatedAt;
			this.objects[type].delete(secondary.id);
			this.relook(type, secondary, undefined, true);
			this.searchIndex.record(`${type}:${secondary.id}`, undefined);
			this.indexed(type, primary);
			const merge = {
				primaryObjectId: Number(primary.id),
				mergedObjectIds: [Number(secondary.id)],
				newObjectId: Number(primary.id),
				numberOfPropertiesMoved: moved.length,
			};
			this.notify({ objectType: type, objectId: primary.id, kind: 'merge', writer, merge });
			return primary;
		});
	}

	associate(association: Association, writer: Writer): void {
		return this.write(() => {
			const exists = this.associations.some(
				(a) =>
					a.fromType === association.fromType &&
					a.fromId === association.fromId &&
					a.toType === association.toType &&
					a.toId === association.toId,
			);
			if (exists) return;
			this.associations.push(association);
			const ends: Array<[ObjectType, string, ObjectType, string]> = [
				[association.fromType, association.fromId, association.toType, association.toId],
				[association.toType, association.toId, association.fromType, association.fromId],
			];
			for (const [type, id, otherType, otherId] of ends) {
				const associationType = `${singular(type).toUpperCase()}_TO_${singular(otherType).toUpperCase()}`;
				this.notify({
					objectType: type,
					objectId: id,
					kind: 'associationChange',
					writer,
					associatedType: otherType,
					association: {
						associationType,
						fromObjectId: Number(id),
						toObjectId: Number(otherId),
						associationRemoved: false,
						isPrimaryAssociation: false,
					},
				});
			}
		});
	}

	private indexed(type: ObjectType, object: CrmObject): void {
		this.searchIndex.record(`${type}:${object.id}`, object);
	}

	private notify(change: Omit<ChangeRecord, 'occurredAt'>): void {
		const record = { ...change, occurredAt: this.clock.now() };
		for (const listener of this.listeners) listener(record);
		this.pending?.push(record);
	}
}

/** contacts → contact, companies → company (webhook subscription and association type names). */
export function singular(type: ObjectType): string {
	return type === 'companies' ? 'company' : type.replace(/s$/, '');
}

export { OBJECT_TYPES };
