import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { batchRead } from '../shared/hubspot/batch';
import { HubSpotClient } from '../shared/hubspot/client';
import { kirimContactToHubSpotFields } from '../shared/hubspot/contact-fields';
import { KirimClient } from '../shared/kirim/client';
import { isKirimId } from '../shared/kirim/ids';
import { sameValue } from '../shared/sync/plan';
import { applyTransforms } from '../shared/sync/transforms';
import { mapSettled } from '../shared/transport/concurrency';
import type { SendOptions } from '../shared/transport/request';
import { classicSubscriptionType, type HubSpotEvent } from '../shared/hubspot/events';

/** Kirim reads in flight at once: the check runs before HubSpot's 5-second answer deadline. */
const KIRIM_READS_IN_FLIGHT = 4;
/** One attempt, a short timeout and no waiting out rate limits: a slow answer must not cost HubSpot's deadline. */
const QUICK: SendOptions = {
	policy: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxServerWaitMs: 0 },
	timeoutMs: 1500,
};

/** What Kirim holds for each HubSpot property of the default mapping, transformed as the sync would write it. */
function hubSpotValuesOf(kirimContact: IDataObject): Map<string, unknown> {
	const values = new Map<string, unknown>();
	for (const field of kirimContactToHubSpotFields(kirimContact)) {
		const result = applyTransforms(field.value, field.transforms);
		if (result.ok) values.set(field.target, result.value);
	}
	return values;
}

/** The event's new value as the sync would compare it: emails ignore case, phones compare in E.164. */
function normalised(property: string, value: unknown): unknown {
	const transforms =
		property === 'email'
			? [{ type: 'emailNormalise' as const }]
			: property === 'phone'
				? [{ type: 'e164' as const }]
				: [{ type: 'trim' as const }];
	const result = applyTransforms(value, transforms);
	return result.ok ? result.value : value;
}

/**
 * A stronger echo check (off by default, it costs reads): a property change whose new value equals
 * what Kirim already holds for that contact carries nothing new for Kirim, so it is dropped. Reads the changed
 * contacts' Kirim ids from HubSpot (one request per 100) and each Kirim contact once. When anything cannot be
 * read, the change is kept: this check may only ever drop a change it has proved redundant.
 */
export async function dropChangesKirimHas(
	ctx: IWebhookFunctions,
	events: HubSpotEvent[],
	idProperty: string,
): Promise<{ kept: HubSpotEvent[]; dropped: number }> {
	const mapped = new Set(['firstname', 'lastname', 'email', 'phone']);
	const candidates = events.filter(
		(e) =>
			classicSubscriptionType(e) === 'contact.propertyChange' &&
			typeof e.propertyName === 'string' &&
			mapped.has(e.propertyName),
	);
	if (!candidates.length) return { kept: events, dropped: 0 };
	const redundant = new Set<HubSpotEvent>();
	try {
		const hubspot = await HubSpotClient.create(ctx, { ...QUICK, tenSecondBudget: 0 });
		const objectIds = [...new Set(candidates.map((e) => String(e.objectId)))];
		const { found } = await batchRead(hubspot, 'contacts', objectIds, [idProperty]);
		const kirimIds = new Map<string, string>();
		for (const [objectId, contact] of found) {
			const kirimId = contact.properties?.[idProperty];
			if (isKirimId(kirimId, 'ctc')) kirimIds.set(objectId, kirimId);
		}
		const kirim = await KirimClient.create(ctx, QUICK);
		const distinct = [...new Set(kirimIds.values())];
		const reads = await mapSettled(
			distinct,
			KIRIM_READS_IN_FLIGHT,
			async (id) =>
				await kirim.data<IDataObject>({
					method: 'GET',
					path: kirim.scopedPath('contacts', `/${encodeURIComponent(id)}`),
				}),
		);
		const held = new Map<string, Map<string, unknown>>();
		reads.forEach((read, i) => {
			if (read.ok) held.set(distinct[i], hubSpotValuesOf(read.value));
		});
		for (const event of candidates) {
			const kirimId = kirimIds.get(String(event.objectId));
			const values = kirimId ? held.get(kirimId) : undefined;
			const property = event.propertyName as string;
			if (values?.has(property) && sameValue(values.get(property), normalised(property, event.propertyValue)))
				redundant.add(event);
		}
	} catch (error) {
		// Never secrets: the message of our API errors names the service and status only.
		ctx.logger.warn(
			`HubSpot Sync Trigger could not compare with Kirim; keeping every change (${(error as Error).message})`,
		);
		return { kept: events, dropped: 0 };
	}
	return { kept: events.filter((e) => !redundant.has(e)), dropped: redundant.size };
}
