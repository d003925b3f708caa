import { isReadBodyType } from '../../../../nodes/shared/webhook/body';

describe('isReadBodyType: the body types n8n reads for a webhook node of typeVersion 2', () => {
	test.each([
		'application/json',
		'application/json; charset=utf-8',
		'text/plain',
		'application/x-www-form-urlencoded',
		'application/xml',
		'application/atom+xml',
	])('%s is read', (type) => expect(isReadBodyType(type)).toBe(true));

	test.each([
		undefined,
		'',
		'text/html',
		'multipart/form-data; boundary=x',
		'application/octet-stream',
		'image/png',
		// n8n's test is case-sensitive and looks at the end of the whole header: these reach a node without raw bytes.
		'Application/JSON',
		'text/xml; charset=utf-8',
	])('%s is not', (type) => expect(isReadBodyType(type)).toBe(false));
});
