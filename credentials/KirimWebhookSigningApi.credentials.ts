import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * Signing secrets of a Kirim webhook subscription made outside n8n (Kirim Trigger, mode "Existing
 * subscription"). While a secret is rotated Kirim signs every delivery with each active secret
 * (https://developers.kirim.chat/api/operations/webhook_subscriptionsidsecrets/), so the trigger accepts a match with
 * any secret filled in here.
 * Tested by the Kirim Trigger (format check; Kirim has no endpoint that checks a secret).
 */
export class KirimWebhookSigningApi implements ICredentialType {
	name = 'kirimWebhookSigningApi';

	displayName = 'Kirim Webhook Signing API';

	icon: Icon = { light: 'file:../icons/kirim.svg', dark: 'file:../icons/kirim.dark.svg' };

	documentationUrl = 'https://developers.kirim.chat/webhooks/signing/';

	properties: INodeProperties[] = [
		{
			displayName: 'Current Signing Secret',
			name: 'currentSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'whsec_…',
			description: 'The initial_secret Kirim returned when the subscription was created, or the newest rotated one',
		},
		{
			displayName: 'Next Signing Secret',
			name: 'nextSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_…',
			description: 'During a rotation: the new secret, accepted alongside the current one',
		},
		{
			displayName: 'Previous Signing Secret',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_…',
			description: 'During a rotation: the old secret, until Kirim stops signing with it',
		},
	];
}
