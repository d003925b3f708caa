// Kirim Trigger hot path on one core: signature check + dedupe of a 1 KB delivery, next to the bare
// createHmac rate on the same body (target ≥ 0.5 ×), and the memory each remembered event id costs
// (target ≤ 200 bytes). Run: npm run bench. Needs --expose-gc for the memory figure.
import { createHmac } from 'node:crypto';

import { DedupeStore } from '../nodes/shared/dedupe/store';
import { DedupeWindow } from '../nodes/shared/dedupe/window';
import { signKirim, verifyKirimSignature } from '../nodes/shared/signatures/kirim';
import { fmt, median, rate } from './stats';

/** Ids arrive as flat strings parsed from HTTP headers; a concatenated string would be measured bigger than it is. */
const flat = (s: string) => Buffer.from(s).toString('latin1');

const SECRET = 'whsec_benchmark_secret_0123456789';
const ROUNDS = 5;
const MS = 600;

// Deliveries are signed before timing starts: signing is Kirim's work, not ours.
// A small pool of signed bodies (so both sides read warm memory) and a large pool of flat event ids.
const POOL = 1_000;
const IDS = 500_000;
const t = Math.floor(Date.now() / 1000);
const pool = Array.from({ length: POOL }, (_, i) => {
	const raw = Buffer.from(JSON.stringify({ id: `evt_${i}`, type: 'contact.updated', data: { pad: 'x'.repeat(900) } }));
	return { raw, header: signKirim([SECRET], t, raw) };
});
const ids = Array.from({ length: IDS }, (_, i) => flat(`evt_01HXYZ${String(i).padStart(20, '0')}`));

const store = new DedupeStore();
const staticData = {};
const options = { windowMs: 48 * 3_600_000, maxEntries: 100_000, snapshotSize: 500 };
let next = 0;
function verifyAndDedupe(i: number): void {
	const d = pool[next % POOL];
	const id = ids[next++ % IDS];
	const verdict = verifyKirimSignature({
		headers: { 'x-kirim-signature': d.header },
		rawBody: d.raw,
		secrets: [SECRET],
		nowMs: Date.now(),
		toleranceSeconds: 300,
		allowLegacy: false,
	});
	if (!verdict.ok) throw new Error('benchmark delivery failed to verify');
	// Every 10th delivery repeats an id, as redeliveries do; new ids rewrite the snapshot, as in production, and are
	// settled as n8n's 2xx answer settles them.
	const key = i % 10 === 0 ? ids[0] : id;
	const now = Date.now();
	if (store.claim('bench', [key], staticData, options, now)[0] === 'new')
		store.settle('bench', [key], { ok: true, late: false }, staticData, now);
}

// The baseline walks the same pool of bodies as the measured path (it used to re-hash whichever body the
// measured path had stopped at, one warm body per round).
let rawNext = 0;
function rawHmac(): void {
	const d = pool[rawNext++ % POOL];
	createHmac('sha256', SECRET).update(`${t}.`).update(d.raw).digest('hex');
}

const raw: number[] = [];
const ours: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
	raw.push(rate(rawHmac, MS));
	ours.push(rate(verifyAndDedupe, MS));
}
console.log(`body ${pool[0].raw.length} bytes, ${ROUNDS} alternating rounds of ${MS} ms each, medians, one core`);
console.log(`raw createHmac:          ${fmt(median(raw))} /s`);
console.log(`verify + dedupe (ours):  ${fmt(median(ours))} /s`);
console.log(`ratio ours / raw:        ${fmt(median(ours) / median(raw), 2)} ×   (target ≥ 0.5 ×)`);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
	const N = 200_000;
	gc();
	const before = process.memoryUsage().heapUsed;
	const window = new DedupeWindow({ windowMs: 48 * 3_600_000, maxEntries: N }, Date.now());
	const now = Date.now();
	for (let i = 0; i < N; i++) window.checkAndRecord(flat(`evt_01HXYZ${String(i).padStart(20, '0')}`), now);
	gc();
	const perId = (process.memoryUsage().heapUsed - before) / N;
	console.log(`memory per remembered id: ${fmt(perId)} bytes (${fmt(N)} ids of 31 chars; target ≤ 200)`);
	if (window.size !== N) throw new Error('window lost ids');
} else {
	console.log('memory per remembered id: run with node --expose-gc to measure');
}
