import type { Clock } from '../common/clock';
import { NumericIds } from '../common/ids';

export type ObjectType = 'contacts' | 'tickets';

export interface CrmObject {
	id: string;
	properties: Record<string, string | null>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
}

export interface PropertyDefinition {
	name: string;
	label: string;
	type: string;
	fieldType: string;
	groupName: string;
	hasUniqueValue: boolean;
}

/** Who made a write: a person in HubSpot's UI, or an app through the API (for webhook changeSource/sourceId). */
export interface Writer {
	changeSource: string;
	sourceId: string;
}

const BUILT_IN: Record<ObjectType, string[]> = {
	contacts: ['email', 'firstname', 'lastname', 'phone', 'mobilephone', 'company', 'jobtitle', 'lifecyclestage', 'hs_lead_status', 'hs_object_id', 'createdate', 'lastmodifieddate'],
	tickets: ['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage', 'hubspot_owner_id', 'hs_ticket_priority', 'hs_object_id', 'createdate', 'hs_lastmodifieddate'],
};
/** Properties HubSpot sets itself; a write to them is refused. */
export const READ_ONLY = new Set(['hs_object_id', 'createdate', 'lastmodifieddate', 'hs_lastmodifieddate']);
export const MAX_UNIQUE_PROPERTIES = 10;

/** A change the webhook sender may report. */
export interface ChangeRecord {
	objectType: ObjectType;
	objectId: string;
	kind: 'creation' | 'propertyChange' | 'deletion';
	propertyName?: string;
	propertyValue?: string | null;
	writer: Writer;
	occurredAt: number;
}

export class HubSpotStore {
	readonly objects: Record<ObjectType, Map<string, CrmObject>> = { contacts: new Map(), tickets: new Map() };
	readonly properties: Record<ObjectType, Map<string, PropertyDefinition>> = { contacts: new Map(), tickets: new Map() };
	private readonly ids = new NumericIds(100_000);
	/** Listeners (the webhook sender) told about every change. */
	readonly listeners: Array<(change: ChangeRecord) => void> = [];

	constructor(private readonly clock: Clock) {
		for (const type of Object.keys(BUILT_IN) as ObjectType[]) {
			for (const name of BUILT_IN[type]) {
				this.properties[type].set(name, { name, label: name, type: 'string', fieldType: 'text', groupName: 'builtin', hasUniqueValue: false });
			}
		}
	}

	now(): string {
		return new Date(this.clock.now()).toISOString();
	}

	modifiedProperty(type: ObjectType): string {
		return type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
	}

	/** The object whose `property` equals `value` (id, email or a unique-value property). */
	findBy(type: ObjectType, property: string, value: string): CrmObject | undefined {
		if (property === 'hs_object_id' || property === 'id') return this.objects[type].get(value);
		const lower = property === 'email' ? value.toLowerCase() : value;
		for (const object of this.objects[type].values()) {
			const current = object.properties[property];
			if (current !== null && current !== undefined && (property === 'email' ? current.toLowerCase() : current) === lower) return object;
		}
		return undefined;
	}

	create(type: ObjectType, properties: Record<string, string | null>, writer: Writer): CrmObject {
		const id = this.ids.take();
		const now = this.now();
		const object: CrmObject = { id, properties: {}, createdAt: now, updatedAt: now, archived: false };
		this.objects[type].set(id, object);
		object.properties = { ...properties, hs_object_id: id, createdate: now, [this.modifiedProperty(type)]: now };
		this.notify({ objectType: type, objectId: id, kind: 'creation', writer, occurredAt: this.clock.now() });
		for (const [name, value] of Object.entries(properties)) {
			this.notify({ objectType: type, objectId: id, kind: 'propertyChange', propertyName: name, propertyValue: value, writer, occurredAt: this.clock.now() });
		}
		return object;
	}

	/** Sets the given properties; only real changes are recorded and reported. */
	update(type: ObjectType, object: CrmObject, properties: Record<string, string | null>, writer: Writer): CrmObject {
		const changed = Object.entries(properties).filter(([name, value]) => (object.properties[name] ?? null) !== value);
		if (changed.length === 0) return object;
		const now = this.now();
		for (const [name, value] of changed) object.properties[name] = value;
		object.updatedAt = now;
		object.properties[this.modifiedProperty(type)] = now;
		for (const [name, value] of changed) {
			this.notify({ objectType: type, objectId: object.id, kind: 'propertyChange', propertyName: name, propertyValue: value, writer, occurredAt: this.clock.now() });
		}
		return object;
	}

	private notify(change: ChangeRecord): void {
		for (const listener of this.listeners) listener(change);
	}
}
