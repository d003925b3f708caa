import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * This package's webhook triggers. n8n names a community node `<package>.<name>`; the suffix match also covers
 * a package installed under another name (a fork, a local build).
 */
const TRIGGER_NAMES = ['.kirimTrigger', '.hubSpotSyncTrigger'];

/**
 * Fields of a trigger item that come from unsigned headers or from the receiving process, not from the signed
 * event: a redelivery of the same event differs there (delivery id, attempt) and must still be the same event.
 */
const UNSIGNED_TOP = new Set(['verification']);
const UNSIGNED_DELIVERY = new Set(['deliveryId', 'attempt', 'source']);

function without(record: IDataObject, names: Set<string>): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([name]) => !names.has(name)));
}

function signedPart(json: IDataObject): IDataObject {
	const rest = without(json, UNSIGNED_TOP);
	const delivery = json.delivery;
	if (delivery && typeof delivery === 'object' && !Array.isArray(delivery)) {
		return { ...rest, delivery: without(delivery as IDataObject, UNSIGNED_DELIVERY) };
	}
	return rest;
}

export interface TriggeringItem {
	/** The trigger node's name. */
	trigger: string;
	json: IDataObject;
	/** `json` without what unsigned headers or the receiving process put there: the same for every redelivery. */
	signed: IDataObject;
}

/** The names of this package's webhook triggers upstream of the node, once per node run (same for every item). */
const triggersUpstream = new WeakMap<IExecuteFunctions, string[]>();

function triggerNames(ctx: IExecuteFunctions): string[] {
	let names = triggersUpstream.get(ctx);
	if (!names) {
		names = ctx
			.getParentNodes(ctx.getNode().name)
			.filter((node) => TRIGGER_NAMES.some((suffix) => node.type.endsWith(suffix)))
			.map((node) => node.name);
		triggersUpstream.set(ctx, names);
	}
	return names;
}

/**
 * The item of this package's webhook trigger that item `itemIndex` descends from (n8n's paired-item lineage, the
 * same one `$('Trigger').item` follows), in a production run. Undefined in a manual run (testing with pinned
 * trigger data must act each time), when no such trigger started this execution, or when the lineage is broken.
 */
export function triggeringItem(ctx: IExecuteFunctions, itemIndex: number): TriggeringItem | undefined {
	if (ctx.getMode() === 'manual') return undefined;
	const triggers = triggerNames(ctx);
	if (triggers.length === 0) return undefined;
	const proxy = ctx.getWorkflowDataProxy(itemIndex);
	for (const trigger of triggers) {
		try {
			const origin = (proxy.$(trigger) as { item?: { json?: IDataObject } }).item;
			if (origin?.json) return { trigger, json: origin.json, signed: signedPart(origin.json) };
		} catch {
			// That trigger did not run in this execution, or the item cannot be paired back to it: try the next.
		}
	}
	return undefined;
}

function isoOf(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const ms = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
	return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

/**
 * When the triggering event happened, as its signed body says: a Kirim event's `created_at`
 * (https://developers.kirim.chat/webhooks/events/), a HubSpot event's `occurredAt` in ms
 * (https://developers.hubspot.com/docs/api/webhooks). Undefined for anything else.
 */
export function triggeringEventTime(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const origin = triggeringItem(ctx, itemIndex);
	if (!origin) return undefined;
	return isoOf(origin.json.created_at) ?? isoOf(origin.json.occurredAt);
}
