import { signV1, signV2, signV3 } from '../../../simulators/hubspot';

/**
 * Every fixed vector published for HubSpot's signatures, pinned: HubSpot's v1/v2 request-validation FAQs
 * (https://developers.hubspot.com/docs/faq/v1-request-validation,
 * https://developers.hubspot.com/docs/faq/v2-request-validation) and the signature tests of its Node, Python and Ruby
 * SDKs. Each expected value was re-derived independently with openssl (commands beside them; S, U, B as below):
 *   S='yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy'  U='https://www.example.com/webhook_uri'  B="{'example_field':'example_value'}"
 */
const S = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const U = 'https://www.example.com/webhook_uri';
const B = "{'example_field':'example_value'}";
const V1_FAQ_BODY =
	'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

describe('HubSpot signers against the published vectors', () => {
	test('v1, HubSpot v1 FAQ / nodejs test', () => {
		// printf '%s' "$S$V1_FAQ_BODY" | openssl dgst -sha256
		expect(signV1(S, V1_FAQ_BODY)).toBe('232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de');
	});

	test('v1, python/ruby SDK tests (single-quoted body, verbatim)', () => {
		// printf '%s' "$S$B" | openssl dgst -sha256
		expect(signV1(S, B)).toBe('69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750');
	});

	test('v2 GET with an empty body, v2 FAQ / nodejs test', () => {
		// printf '%s' "${S}GET$U" | openssl dgst -sha256
		expect(signV2(S, 'GET', U, '')).toBe('eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e');
	});

	test('v2 POST with a JSON body, nodejs test', () => {
		// printf '%s' "${S}POST$U"'{"example_field":"example_value"}' | openssl dgst -sha256
		expect(signV2(S, 'POST', U, '{"example_field":"example_value"}')).toBe(
			'9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
		);
	});

	test('v2 POST, python/ruby SDK tests', () => {
		// printf '%s' "${S}POST$U$B" | openssl dgst -sha256
		expect(signV2(S, 'POST', U, B)).toBe('4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383');
	});

	test('v3 at 1693657560000 ms, python SDK test', () => {
		// printf '%s' "POST$U${B}1693657560000" | openssl dgst -sha256 -hmac "$S" -binary | openssl base64
		expect(signV3(S, 'POST', U, B, '1693657560000')).toBe('K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=');
	});

	test('v3 at 1700000300000 ms, ruby SDK test', () => {
		// printf '%s' "POST$U${B}1700000300000" | openssl dgst -sha256 -hmac "$S" -binary | openssl base64
		expect(signV3(S, 'POST', U, B, '1700000300000')).toBe('RnbPH7+UMKVkbV32P8bz450N4M56aPmcru1+D3kSDtw=');
	});

	test('each input changes the v3 signature (method, uri, body, timestamp, secret)', () => {
		const base = signV3(S, 'POST', U, B, '1693657560000');
		expect(signV3(S, 'GET', U, B, '1693657560000')).not.toBe(base);
		expect(signV3(S, 'POST', `${U}?a=1`, B, '1693657560000')).not.toBe(base);
		expect(signV3(S, 'POST', U, `${B} `, '1693657560000')).not.toBe(base);
		expect(signV3(S, 'POST', U, B, '1693657560001')).not.toBe(base);
		expect(signV3(`${S}x`, 'POST', U, B, '1693657560000')).not.toBe(base);
	});
});
