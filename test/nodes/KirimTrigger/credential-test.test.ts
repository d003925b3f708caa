import type { ICredentialTestFunctions } from 'n8n-workflow';

import { kirimWebhookSigningTest } from '../../../nodes/KirimTrigger/credential-test';

const run = (data: Record<string, string>) =>
	kirimWebhookSigningTest.call({} as ICredentialTestFunctions, {
		id: 'c',
		name: 'c',
		type: 'kirimWebhookSigningApi',
		data,
	});

describe('Kirim Webhook Signing credential test', () => {
	test('a whsec_ secret passes', async () => {
		expect(await run({ currentSecret: 'whsec_abcdefgh12345678' })).toEqual({
			status: 'OK',
			message: '1 signing secret in the expected format',
		});
	});

	test('two secrets during a rotation pass', async () => {
		expect((await run({ currentSecret: 'whsec_abcdefgh1', nextSecret: 'whsec_ijklmnop2' })).message).toBe(
			'2 signing secrets in the expected format',
		);
	});

	test.each([
		[{}, 'Enter the Current Signing Secret'],
		[
			{ currentSecret: 'kdv_live_TavbPKwIuqOr69ALEKLNennZ' },
			'Current Signing Secret is not a Kirim signing secret (expected whsec_ followed by the secret)',
		],
		[{ currentSecret: 'whsec_abcdefgh12345678\n' }, 'Current Signing Secret has spaces or a line break around it'],
		[
			{ currentSecret: 'whsec_abcdefgh12345678', nextSecret: 'nope' },
			'Next Signing Secret is not a Kirim signing secret (expected whsec_ followed by the secret)',
		],
	])('%j fails with a message that says what is wrong', async (data, message) => {
		expect(await run(data as Record<string, string>)).toEqual({ status: 'Error', message });
	});
});
