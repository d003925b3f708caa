// HubSpot Sync Trigger hot path on one core: a signed batch of 100 events — v3 check over the raw body, split into
// events (sorted, filtered, own writes skipped), dedupe of every event — next to the bare HMAC of the same body.
// The JSON parse is n8n's body parser's work, done before webhook() runs: it is printed for scale, not counted.
// Run: npm run bench.
import { createHmac } from 'node:crypto';

import { dedupeKey, parseEvents } from '../nodes/HubSpotSyncTrigger/parse';
import { classicSubscriptionType, isOwnWrite } from '../nodes/shared/hubspot/events';
import { DedupeStore } from '../nodes/shared/dedupe/store';
import { signHubSpotV3, verifyHubSpotSignature } from '../nodes/shared/signatures/hubspot';
import { fmt, median, rate } from './stats';

const SECRET = 'hubspot-benchmark-client-secret-0001';
const URI = 'https://n8n.example.com/webhook/3f0c1a2b-hubspot/webhook';
const ROUNDS = 5;
const MS = 600;
const POOL = 200;
const WANTED = ['contact.creation', 'contact.propertyChange'];

let serial = 0;
function batch(): { raw: Buffer; parsed: unknown; headers: Record<string, string> } {
	const now = Date.now();
	const events = Array.from({ length: 100 }, (_, i) => ({
		objectId: 1000 + ((serial * 100 + i) % 5000),
		propertyName: 'firstname',
		propertyValue: `Name ${i}`,
		changeSource: i % 10 === 0 ? 'INTEGRATION' : 'CRM_UI',
		sourceId: i % 10 === 0 ? '4242' : 'userId:74322246',
		eventId: serial * 100 + i,
		subscriptionId: 7,
		portalId: 62515,
		appId: 4242,
		occurredAt: now - 100 + i,
		subscriptionType: 'contact.propertyChange',
		attemptNumber: 0,
	}));
	serial += 1;
	const raw = Buffer.from(JSON.stringify(events));
	const timestamp = String(now);
	return {
		raw,
		parsed: JSON.parse(raw.toString('utf8')),
		headers: {
			'x-hubspot-signature-v3': signHubSpotV3(SECRET, 'POST', URI, raw, timestamp),
			'x-hubspot-request-timestamp': timestamp,
		},
	};
}

// Signed before timing starts (signing is HubSpot's work); every batch holds new events, so dedupe records 100 ids.
const pool = Array.from({ length: POOL }, batch);
const store = new DedupeStore();
const staticData = {};
const options = { windowMs: 48 * 3_600_000, maxEntries: 100_000, snapshotSize: 200 };
let next = 0;

function ours(): void {
	const b = pool[next++ % POOL];
	const verdict = verifyHubSpotSignature({
		headers: b.headers,
		method: 'POST',
		uri: URI,
		rawBody: b.raw,
		clientSecret: SECRET,
		nowMs: Date.now(),
		allowV1V2: false,
	});
	if (!verdict.ok) throw new Error(`benchmark batch failed to verify: ${verdict.reason}`);
	const parsed = parseEvents(b.parsed);
	if (!parsed.ok) throw new Error(parsed.reason);
	const selected = parsed.events.filter((e) => WANTED.includes(classicSubscriptionType(e)) && !isOwnWrite(e, '4242'));
	// A pool entry comes round again: keys get a round number so each batch is new to the window, as in production.
	const round = Math.floor(next / POOL);
	store.checkAndRecord(
		'bench',
		selected.map((e) => `${round}|${dedupeKey(e)}`),
		staticData,
		options,
		Date.now(),
	);
}

function rawHmac(): void {
	const b = pool[next++ % POOL];
	createHmac('sha256', SECRET)
		.update(`POST${URI}`)
		.update(b.raw)
		.update(b.headers['x-hubspot-request-timestamp'])
		.digest('base64');
}

function parseOnly(): void {
	JSON.parse(pool[next++ % POOL].raw.toString('utf8'));
}

const raws: number[] = [];
const mine: number[] = [];
const parses: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
	raws.push(rate(rawHmac, MS));
	mine.push(rate(ours, MS));
	parses.push(rate(parseOnly, MS));
}
console.log(
	`\nHubSpot batch of 100 events, ${pool[0].raw.length} bytes, ${ROUNDS} alternating rounds of ${MS} ms, medians, one core`,
);
console.log(`raw HMAC of the body:              ${fmt(median(raws))} batches/s`);
console.log(`verify + split + dedupe (ours):    ${fmt(median(mine))} batches/s = ${fmt(median(mine) * 100)} events/s`);
console.log(`ratio ours / raw:                  ${fmt(median(mine) / median(raws), 2)} ×`);
console.log(`for scale, n8n's JSON parse of it: ${fmt(median(parses))} batches/s`);
