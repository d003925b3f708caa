import { associationPair } from './associations';
import { HubSpotInvalid } from './errors';
import { asError, checkProperties, findObject, inputProblem } from './objects';
import { MERGEABLE_TYPES, type ObjectType } from './schema';
import type { CrmObject, HubSpotStore, Writer } from './store';

/**
 * A person editing in HubSpot's UI: webhooks report changeSource CRM_UI and the user's id (as in a sample payload,
 * https://prismatic.io/docs/example-payloads/hubspot/triggers/webhook.json).
 */
export const PERSON: Writer = { changeSource: 'CRM_UI', sourceId: 'userId:74322246' };

/**
 * Acting as someone inside HubSpot rather than as our app: the same validation as the API, but the writes are
 * attributed to a person (or to `writer`, e.g. an import or another integration) so webhooks say so.
 */
export class HubSpotUi {
	constructor(private readonly store: HubSpotStore) {}

	create(type: ObjectType, properties: Record<string, unknown>, writer: Writer = PERSON): CrmObject {
		const checked = checkProperties(this.store, type, properties);
		const problem = inputProblem(this.store, type, checked);
		if (problem) throw asError(problem);
		return this.store.create(type, checked, writer);
	}

	update(type: ObjectType, id: string, properties: Record<string, unknown>, writer: Writer = PERSON): CrmObject {
		const object = findObject(this.store, type, id);
		const checked = checkProperties(this.store, type, properties);
		const problem = inputProblem(this.store, type, checked, object);
		if (problem) throw asError(problem);
		return this.store.update(type, object, checked, writer);
	}

	/**
	 * A person adding a company in HubSpot: the same rules as the API (name or domain, known properties). Companies
	 * fire no webhooks and make no journal entries in this simulator, whoever writes them.
	 */
	createCompany(properties: Record<string, unknown>, writer: Writer = PERSON): CrmObject {
		return this.create('companies', properties, writer);
	}

	/** A person editing a company's properties in HubSpot. */
	updateCompany(id: string, properties: Record<string, unknown>, writer: Writer = PERSON): CrmObject {
		return this.update('companies', id, properties, writer);
	}

	/**
	 * A person associating two records in HubSpot (e.g. a contact with a company), with the pair's default
	 * association type (associations.ts): as the API's PUT default association, attributed to `writer`.
	 */
	associate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, writer: Writer = PERSON): void {
		associationPair(fromType, toType);
		const from = findObject(this.store, fromType, fromId);
		const to = findObject(this.store, toType, toId);
		this.store.associate({ fromType, fromId: from.id, toType, toId: to.id }, writer);
	}

	delete(type: ObjectType, id: string, writer: Writer = PERSON): void {
		this.store.archive(type, findObject(this.store, type, id), writer);
	}

	/** Restores an object from the recycle bin. */
	restore(type: ObjectType, id: string, writer: Writer = PERSON): CrmObject {
		const object = this.store.objects[type].get(id);
		if (!object || !object.archived)
			throw new HubSpotInvalid(`No archived ${type} object ${id}`, 'OBJECT_NOT_FOUND', 404);
		this.store.restore(type, object, writer);
		return object;
	}

	merge(type: ObjectType, primaryId: string, secondaryId: string, writer: Writer = PERSON): CrmObject {
		if (!MERGEABLE_TYPES.includes(type)) throw new HubSpotInvalid(`HubSpot does not merge ${type}`);
		if (primaryId === secondaryId) throw new HubSpotInvalid('An object cannot be merged into itself');
		return this.store.merge(
			type,
			findObject(this.store, type, primaryId),
			findObject(this.store, type, secondaryId),
			writer,
		);
	}

	/** A GDPR "permanently delete" from the UI: privacyDeletion and deletion events. */
	privacyDelete(id: string, writer: Writer = PERSON): void {
		this.store.purge('contacts', findObject(this.store, 'contacts', id), writer);
	}
}
