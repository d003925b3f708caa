import { createHmac } from 'node:crypto';

import { signKirim, verifyKirimSignature, type KirimVerifyOptions } from '../../../../nodes/shared/signatures/kirim';

const SECRET = 'whsec_pinned_vector_secret_0001';
const BODY = '{"id":"evt_01HXYZABCDEFGHJKMNPQRSTVWX","type":"contact.created"}';
const T = 1716480000;
const NOW = T * 1000 + 20_000;
// openssl, independent of our code:
//   printf '%s' "1716480000.$BODY" | openssl dgst -sha256 -hmac 'whsec_pinned_vector_secret_0001'
const PINNED_V1 = '8dac27139fcc13e91b3c6527af2b52bfbda6f3ae60e51c011e4f18b63ba111dc';
//   printf '%s' "$BODY" | openssl dgst -sha256 -hmac 'whsec_pinned_vector_secret_0001'
const PINNED_LEGACY = '39f67177be7db55d272d3524e94f1ce7f9dbbdd91e18973d8405f340cdfd2b19';

/** A correctly signed delivery; each test breaks one field of it. */
function fixture(overrides: Partial<KirimVerifyOptions> = {}): KirimVerifyOptions {
	return {
		headers: { 'x-kirim-signature': `t=${T},v1=${PINNED_V1}` },
		rawBody: Buffer.from(BODY),
		secrets: [SECRET],
		nowMs: NOW,
		toleranceSeconds: 300,
		allowLegacy: false,
		...overrides,
	};
}
const reason = (options: KirimVerifyOptions) => {
	const verdict = verifyKirimSignature(options);
	return verdict.ok ? 'ok' : verdict.reason;
};

describe('Kirim signature', () => {
	test('the pinned openssl vector verifies', () => {
		expect(verifyKirimSignature(fixture())).toEqual({ ok: true, scheme: 'v1' });
	});

	test('our signer reproduces the pinned vector', () => {
		expect(signKirim([SECRET], T, Buffer.from(BODY))).toBe(`t=${T},v1=${PINNED_V1}`);
	});

	test('wrong secret fails', () => {
		expect(reason(fixture({ secrets: ['whsec_other'] }))).toBe('no_matching_signature');
	});

	test('the second of several secrets matches (rotation)', () => {
		expect(reason(fixture({ secrets: ['whsec_new_one', SECRET] }))).toBe('ok');
	});

	test('several v1 values: one valid among invalid ones is accepted', () => {
		const header = `t=${T},v1=${'0'.repeat(64)},v1=${PINNED_V1},v1=potato`;
		expect(reason(fixture({ headers: { 'X-Kirim-Signature': header } }))).toBe('ok');
	});

	test('a v0 value alone is not accepted (other schemes are ignored)', () => {
		expect(reason(fixture({ headers: { 'x-kirim-signature': `t=${T},v0=${PINNED_V1}` } }))).toBe('malformed_signature');
	});

	test('one changed body byte fails', () => {
		expect(reason(fixture({ rawBody: Buffer.from(BODY.replace('created', 'updated')) }))).toBe('no_matching_signature');
	});

	test('a re-serialised (pretty-printed) body fails: signatures are over raw bytes', () => {
		expect(reason(fixture({ rawBody: Buffer.from(JSON.stringify(JSON.parse(BODY), null, 2)) }))).toBe(
			'no_matching_signature',
		);
	});

	test('a pretty-printed, non-ASCII body signed as sent verifies', () => {
		const raw = Buffer.from('{\n  "name": "Siti Nurhaliza äöå 😀"\n}');
		const header = signKirim([SECRET], T, raw);
		expect(reason(fixture({ rawBody: raw, headers: { 'x-kirim-signature': header } }))).toBe('ok');
	});

	test('an empty body signed as sent verifies', () => {
		const raw = Buffer.alloc(0);
		expect(reason(fixture({ rawBody: raw, headers: { 'x-kirim-signature': signKirim([SECRET], T, raw) } }))).toBe('ok');
	});

	test('a v1 value in upper-case hex verifies (hex is case-insensitive)', () => {
		expect(reason(fixture({ headers: { 'x-kirim-signature': `t=${T},v1=${PINNED_V1.toUpperCase()}` } }))).toBe('ok');
	});

	test('blanks around keys and values are ignored', () => {
		expect(reason(fixture({ headers: { 'x-kirim-signature': ` t=${T} , v1 = ${PINNED_V1} , v0 =x` } }))).toBe('ok');
	});

	// The comparison decodes hex as it compares: anything that is not exactly the 64 digits must never match.
	test.each([
		['one digit too few', PINNED_V1.slice(0, -1)],
		['one character too many', `${PINNED_V1}0`],
		['a non-hex letter in place of a digit', `g${PINNED_V1.slice(1)}`],
		['a non-ASCII character whose low byte is the right digit', PINNED_V1.replace('0', '\u0130')],
		['a control character one case bit away from the right digit', PINNED_V1.replace('0', '\u0010')],
		['the right digits with one flipped', `${PINNED_V1.slice(0, 63)}${PINNED_V1[63] === '0' ? '1' : '0'}`],
	])('a v1 value with %s is not a match', (_name, v1) => {
		expect(reason(fixture({ headers: { 'x-kirim-signature': `t=${T},v1=${v1}` } }))).toBe('no_matching_signature');
	});

	test('verifies correctly while secrets come and go (the prepared-key cache is bounded and refilled)', () => {
		for (let i = 0; i < 150; i++) {
			expect(reason(fixture({ secrets: [`whsec_rotating_${i}`, SECRET] }))).toBe('ok');
			expect(reason(fixture({ secrets: [`whsec_rotating_${i}`] }))).toBe('no_matching_signature');
		}
	});

	test.each([
		['missing header', {}, 'missing_signature'],
		['empty header', { 'x-kirim-signature': '' }, 'missing_signature'],
		['no t=', { 'x-kirim-signature': `v1=${PINNED_V1}` }, 'malformed_signature'],
		['no v1=', { 'x-kirim-signature': `t=${T}` }, 'malformed_signature'],
		['garbage', { 'x-kirim-signature': 'hello' }, 'malformed_signature'],
		['two t=', { 'x-kirim-signature': `t=${T},t=${T},v1=${PINNED_V1}` }, 'malformed_signature'],
		['non-numeric t', { 'x-kirim-signature': `t=abc,v1=${PINNED_V1}` }, 'invalid_timestamp'],
		['t in milliseconds', { 'x-kirim-signature': `t=${T}000,v1=${PINNED_V1}` }, 'invalid_timestamp'],
		['huge header', { 'x-kirim-signature': `t=${T},v1=${'a'.repeat(5000)}` }, 'malformed_signature'],
	])('%s is refused', (_name, headers, expected) => {
		expect(reason(fixture({ headers }))).toBe(expected);
	});

	test('5 minutes and 1 second old is stale; 5 minutes is not', () => {
		expect(reason(fixture({ nowMs: (T + 301) * 1000 }))).toBe('stale_timestamp');
		expect(reason(fixture({ nowMs: (T + 300) * 1000 }))).toBe('ok');
	});

	test('more than 5 minutes in the future is refused', () => {
		expect(reason(fixture({ nowMs: (T - 301) * 1000 }))).toBe('future_timestamp');
	});

	test('tolerance 0 turns the clock check off, but not the signature check', () => {
		expect(reason(fixture({ nowMs: 0, toleranceSeconds: 0 }))).toBe('ok');
		expect(reason(fixture({ nowMs: 0, toleranceSeconds: 0, secrets: ['whsec_x'] }))).toBe('no_matching_signature');
	});

	test('no configured secret fails closed', () => {
		expect(reason(fixture({ secrets: ['', '  '] }))).toBe('no_secret_configured');
	});

	test('X-Kirim-Signature-256 carrying t=,v1= is accepted as the current scheme', () => {
		expect(reason(fixture({ headers: { 'X-Kirim-Signature-256': `t=${T},v1=${PINNED_V1}` } }))).toBe('ok');
	});

	describe('legacy signatures (no timestamp)', () => {
		const legacyHeaders = { 'x-kirimchat-signature': `sha256=${PINNED_LEGACY}` };

		test('are refused by default', () => {
			expect(reason(fixture({ headers: legacyHeaders }))).toBe('missing_signature');
		});

		test('are accepted when switched on (pinned openssl vector)', () => {
			expect(reason(fixture({ headers: legacyHeaders, allowLegacy: true }))).toBe('ok');
			expect(reason(fixture({ headers: { 'x-kirim-signature-256': PINNED_LEGACY }, allowLegacy: true }))).toBe('ok');
		});

		test('a current v1 value replayed as a legacy signature is refused', () => {
			expect(reason(fixture({ headers: { 'x-kirimchat-signature': `sha256=${PINNED_V1}` }, allowLegacy: true }))).toBe(
				'no_matching_signature',
			);
			expect(reason(fixture({ headers: { 'x-kirim-signature-256': PINNED_V1 }, allowLegacy: true }))).toBe(
				'no_matching_signature',
			);
		});

		test('a captured current delivery re-sent as {t}.{body} under its v1 value is refused, though the HMAC matches', () => {
			// The legacy HMAC of `${T}.${BODY}` is exactly the current v1 value: only the body-shape bound refuses it.
			const transplanted = Buffer.from(`${T}.${BODY}`);
			for (const headers of [
				{ 'x-kirimchat-signature': `sha256=${PINNED_V1}` },
				{ 'x-kirim-signature-256': PINNED_V1 },
			]) {
				const verdict = verifyKirimSignature(fixture({ headers, rawBody: transplanted, allowLegacy: true }));
				expect(verdict).toMatchObject({ ok: false, reason: 'malformed_signature' });
			}
		});

		test('a legacy-signed JSON body with leading whitespace still verifies', () => {
			const body = Buffer.from(` \n${BODY}`);
			const hex = createHmac('sha256', SECRET).update(body).digest('hex');
			expect(
				reason(fixture({ headers: { 'x-kirimchat-signature': `sha256=${hex}` }, rawBody: body, allowLegacy: true })),
			).toBe('ok');
		});
	});
});
