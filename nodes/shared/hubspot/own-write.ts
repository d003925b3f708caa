import { parseDateMs } from '../sync/dates';

/**
 * Whether a contact's latest change is the sync's own write: the sync stamps `kirim_last_synced_at` when it writes
 * a contact, so HubSpot's `lastmodifieddate` then lies within moments of the stamp (either side: the stamp is taken
 * by n8n's clock, the modification time by HubSpot's). A person's later edit moves `lastmodifieddate` past the
 * window. A pull that emitted the sync's own writes would feed them back to Kirim.
 */
export function isOwnStampedWrite(modifiedMs: number, stamp: unknown, windowMs: number): boolean {
	const stampedMs = parseDateMs(stamp);
	if (stampedMs === undefined || !Number.isFinite(modifiedMs)) return false;
	return Math.abs(modifiedMs - stampedMs) <= windowMs;
}
