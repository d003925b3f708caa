import { isReadBodyType } from '../../../../nodes/shared/webhook/body';

describe('isReadBodyType: the body types n8n reads for a webhook node of typeVersion 2', () => {
	test.each([
		'application/json',
		'application/json; charset=utf-8',
		'Application/JSON',
		'text/plain',
		'application/x-www-form-urlencoded',
		'application/xml',
		'text/xml; charset=utf-8',
		'application/atom+xml',
	])('%s is read', (type) => expect(isReadBodyType(type)).toBe(true));

	test.each([undefined, '', 'text/html', 'multipart/form-data; boundary=x', 'application/octet-stream', 'image/png'])(
		'%s is not',
		(type) => expect(isReadBodyType(type)).toBe(false),
	);
});
