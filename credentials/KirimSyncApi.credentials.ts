import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Kirim REST API key. Kirim's doc sites (https://developers.kirim.chat/, https://kirim-dev.pages.dev/) disagree on the
 * host and on whether contacts, conversations and messages sit under `/v1/{phone_number_id}/…` or at `/v1/…`,
 * so both are settings.
 */
export class KirimSyncApi implements ICredentialType {
	name = 'kirimSyncApi';

	displayName = 'Kirim Sync API';

	icon: Icon = { light: 'file:../icons/kirim.svg', dark: 'file:../icons/kirim.dark.svg' };

	documentationUrl = 'https://developers.kirim.chat/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'kdv_live_…',
			description: 'Created in Kirim under Developers → API Keys. Kirim shows it only once.',
		},
		{
			displayName: 'API Host',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.kirim.chat',
			description:
				'Scheme and host only, without /v1 (requests add it). Kirim documents several hosts, e.g. https://api.kirim.chat, https://api-kckit.kirim.chat and https://api.kirimdev.com.',
		},
		{
			displayName: 'Path Style',
			name: 'pathStyle',
			type: 'options',
			options: [
				{
					name: 'Phone-Scoped (/v1/{phone_number_id}/contacts)',
					value: 'phoneScoped',
					description: 'As documented on developers.kirim.chat and docs.kirimdev.com',
				},
				{
					name: 'Organisation-Level (/v1/contacts)',
					value: 'orgLevel',
					description: 'As documented on the older kirim-dev docs',
				},
			],
			default: 'phoneScoped',
			description: 'Where contacts, conversations and messages live in your Kirim API',
		},
		{
			displayName: 'Default WhatsApp Phone Number ID',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			placeholder: '106540352242922',
			description:
				"Meta's numeric ID of the WhatsApp number to use when a node does not choose one (Kirim lists them under GET /v1/accounts). Needed for the phone-scoped path style.",
		},
	];

	/**
	 * A function rather than a `{{$credentials.apiKey}}` template: n8n resolves a template with the workflow's
	 * expression engine, which a request sent after an activation hook returned no longer has (n8n 2.41, default
	 * engine). Same header either way.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey ?? '')}` },
		};
	}

	// n8n shows a rule's message, or else only the HTTP status text, when a credential test fails;
	// the messages below say what Kirim's documented error for that status means
	// (https://developers.kirim.chat/concepts/errors/).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/me',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Kirim refused the API key (401): it is mistyped, revoked or expired (Kirim code expired_api_key). Create a new key under Developers → API Keys.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Kirim API answered at this host (404 on /v1/me). Check the API Host: scheme and host only, without /v1.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message: 'Kirim rate-limited the test (429). Wait a minute and test again.',
				},
			},
		],
	};
}
