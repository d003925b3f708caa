import {
	hubSpotV3Uri,
	signHubSpotV1,
	signHubSpotV2,
	signHubSpotV3,
	verifyHubSpotSignature,
	type HubSpotVerifyOptions,
} from '../../../../nodes/shared/signatures/hubspot';

// Every published vector (HubSpot's v1/v2 request-validation FAQs and the signature tests of its Node, Python and
// Ruby SDKs), each re-derived with openssl, e.g.
//   printf '%s' "POSThttps://www.example.com/webhook_uri{'example_field':'example_value'}1693657560000" \
//     | openssl dgst -sha256 -hmac 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy' -binary | base64
//   printf '%s' "${SECRET}${BODY}" | openssl dgst -sha256
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const URI = 'https://www.example.com/webhook_uri';
const SDK_BODY = "{'example_field':'example_value'}";
const V1_DOC_BODY =
	'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

describe('HubSpot signers reproduce the published vectors', () => {
	test.each([
		[
			'v1, HubSpot FAQ',
			signHubSpotV1(SECRET, V1_DOC_BODY),
			'232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
		],
		[
			'v1, python/ruby SDK',
			signHubSpotV1(SECRET, SDK_BODY),
			'69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750',
		],
		[
			'v2 GET, empty body',
			signHubSpotV2(SECRET, 'GET', URI, ''),
			'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
		],
		[
			'v2 POST, node SDK',
			signHubSpotV2(SECRET, 'POST', URI, '{"example_field":"example_value"}'),
			'9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
		],
		[
			'v2 POST, python/ruby SDK',
			signHubSpotV2(SECRET, 'POST', URI, SDK_BODY),
			'4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383',
		],
		[
			'v3, python SDK',
			signHubSpotV3(SECRET, 'POST', URI, SDK_BODY, '1693657560000'),
			'K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=',
		],
		[
			'v3, ruby SDK',
			signHubSpotV3(SECRET, 'POST', URI, SDK_BODY, '1700000300000'),
			'RnbPH7+UMKVkbV32P8bz450N4M56aPmcru1+D3kSDtw=',
		],
	])('%s', (_name, actual, expected) => {
		expect(actual).toBe(expected);
	});
});

const T = '1693657560000';
/** The python SDK's v3 vector as a request; its timestamp is old, so the clock is set just after it. */
function fixture(overrides: Partial<HubSpotVerifyOptions> = {}): HubSpotVerifyOptions {
	return {
		headers: {
			'X-HubSpot-Signature-v3': 'K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=',
			'X-HubSpot-Request-Timestamp': T,
		},
		method: 'POST',
		uri: URI,
		rawBody: Buffer.from(SDK_BODY),
		clientSecret: SECRET,
		nowMs: Number(T) + 60_000,
		...overrides,
	};
}
const reason = (o: HubSpotVerifyOptions) => {
	const v = verifyHubSpotSignature(o);
	return v.ok ? `ok:${v.scheme}` : v.reason;
};

describe('HubSpot v3 verification', () => {
	test('the published vector verifies with the clock injected', () => {
		expect(reason(fixture())).toBe('ok:v3');
	});

	test('header names are case-insensitive (the docs spell -V3 and -v3)', () => {
		expect(
			reason(
				fixture({
					headers: {
						'x-hubspot-signature-V3': 'K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=',
						'X-HUBSPOT-REQUEST-TIMESTAMP': T,
					},
				}),
			),
		).toBe('ok:v3');
	});

	test.each([
		['wrong secret', { clientSecret: 'zzzz' }, 'no_matching_signature'],
		['other method', { method: 'PUT' }, 'no_matching_signature'],
		['other URI (a proxy rewrote it)', { uri: 'https://proxy.internal/webhook_uri' }, 'no_matching_signature'],
		['changed body', { rawBody: Buffer.from(SDK_BODY.replace('value', 'valuE')) }, 'no_matching_signature'],
		['5 minutes + 1 ms old', { nowMs: Number(T) + 300_001 }, 'stale_timestamp'],
		['5 minutes + 1 s ahead', { nowMs: Number(T) - 301_000 }, 'future_timestamp'],
		['no secret', { clientSecret: ' ' }, 'no_secret_configured'],
	])('%s is refused', (_name, overrides, expected) => {
		expect(reason(fixture(overrides as Partial<HubSpotVerifyOptions>))).toBe(expected);
	});

	test('a non-numeric timestamp is refused (the official Node SDK skips the age check there)', () => {
		expect(reason(fixture({ headers: { 'x-hubspot-signature-v3': 'x', 'x-hubspot-request-timestamp': 'NaN' } }))).toBe(
			'invalid_timestamp',
		);
	});

	test('a missing timestamp is refused', () => {
		expect(
			reason(fixture({ headers: { 'x-hubspot-signature-v3': 'K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=' } })),
		).toBe('missing_timestamp');
	});

	test('the URI is signed with HubSpot’s listed percent-decodings, and only those', () => {
		expect(hubSpotV3Uri('https://h.example/hook%3Fa%3Db%2Cc%20d%26e')).toBe('https://h.example/hook?a%3Db,c%20d%26e');
		const encoded = 'https://h.example/a%2Fb%40c';
		const sig = signHubSpotV3(SECRET, 'POST', 'https://h.example/a/b@c', SDK_BODY, T);
		expect(
			reason(fixture({ uri: encoded, headers: { 'x-hubspot-signature-v3': sig, 'x-hubspot-request-timestamp': T } })),
		).toBe('ok:v3');
	});
});

describe('HubSpot v1/v2 (no timestamp)', () => {
	const v1Headers = {
		'x-hubspot-signature': '69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750',
		'x-hubspot-signature-version': 'v1',
	};

	test('a v3 request with its v3 headers stripped and a valid v1 added is refused by default', () => {
		expect(reason(fixture({ headers: v1Headers }))).toBe('missing_signature');
	});

	test('v1 and v2 verify when switched on', () => {
		expect(reason(fixture({ headers: v1Headers, allowV1V2: true }))).toBe('ok:v1');
		const v2 = {
			'x-hubspot-signature': '4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383',
			'x-hubspot-signature-version': 'v2',
		};
		expect(reason(fixture({ headers: v2, allowV1V2: true }))).toBe('ok:v2');
	});

	test('a v1 signature presented as v2 fails; an unknown version is malformed', () => {
		expect(reason(fixture({ headers: { ...v1Headers, 'x-hubspot-signature-version': 'v2' }, allowV1V2: true }))).toBe(
			'no_matching_signature',
		);
		expect(reason(fixture({ headers: { ...v1Headers, 'x-hubspot-signature-version': 'v9' }, allowV1V2: true }))).toBe(
			'malformed_signature',
		);
	});
});
