import { HubSpotSyncApi } from '../../../../credentials/HubSpotSyncApi.credentials';
import { HubSpotProbe, probeSendOptions } from '../../../harness/probe-nodes';
import { runNode } from '../../../harness/run-node';
import { ScriptedServer } from '../../../harness/scripted-server';

const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';
const rateLimited = (policyName: string, message: string) => ({
	status: 429,
	body: { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: 'c-1', policyName },
});

let server: ScriptedServer;
let slept: number[];

beforeEach(async () => {
	server = await ScriptedServer.start();
	slept = [];
	probeSendOptions.sleep = async (ms) => {
		slept.push(ms);
	};
	probeSendOptions.random = () => 0.5;
});

afterEach(async () => {
	expect(server.unexpected).toBe(0);
	await server.close();
});

function probe(parameters: Record<string, unknown>) {
	return runNode({
		node: new HubSpotProbe(),
		parameters: { method: 'GET', ...parameters } as never,
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
		credentials: { hubSpotSyncApi: { accessToken: TOKEN, clientSecret: 'not-sent', baseUrl: server.url } },
	});
}

describe('HubSpot client through n8n-core', () => {
	test('sends the private-app token as a Bearer token and never the client secret', async () => {
		server.reply({ status: 200, body: { results: [] } });
		await probe({ path: '/crm/objects/2026-09/contacts' });
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(JSON.stringify(server.requests[0])).not.toContain('not-sent');
	});

	test('429 TEN_SECONDLY_ROLLING waits out the window the headers give', async () => {
		server.reply(
			{
				...rateLimited('TEN_SECONDLY_ROLLING', 'You have reached your ten secondly rate limit.'),
				headers: { 'x-hubspot-ratelimit-interval-milliseconds': '10000' },
			},
			{ status: 200, body: { results: [] } },
		);
		const result = await probe({ path: '/crm/objects/2026-09/contacts' });
		expect(result.error).toBeUndefined();
		expect(slept).toEqual([10000]);
	});

	test('429 SECONDLY (search) waits one second', async () => {
		server.reply(rateLimited('SECONDLY', 'You have reached your secondly limit.'), {
			status: 200,
			body: { results: [] },
		});
		await probe({ method: 'POST', path: '/crm/objects/2026-09/contacts/search', body: '{}' });
		expect(slept).toEqual([1000]);
	});

	test('429 DAILY is reported, not waited out', async () => {
		server.reply(rateLimited('DAILY', 'You have reached your daily limit.'));
		const result = await probe({ path: '/crm/objects/2026-09/contacts' });
		expect(server.requests).toHaveLength(1);
		expect(slept).toEqual([]);
		expect(result.error?.message).toBe('HubSpot: You have reached your daily limit. [DAILY]');
		expect(result.error?.description).toContain('daily API limit');
	});

	test('MISSING_SCOPES names the scope to add', async () => {
		server.reply({
			status: 403,
			body: {
				status: 'error',
				message: "This app hasn't been granted all required scopes to make this call.",
				correlationId: 'c-2',
				category: 'MISSING_SCOPES',
				errors: [
					{
						message: 'One or more of the following scopes are required.',
						context: { requiredGranularScopes: ['crm.schemas.contacts.write'] },
					},
				],
			},
		});
		const result = await probe({
			method: 'POST',
			path: '/crm/properties/2026-09/contacts',
			body: '{"name":"kirim_contact_id"}',
		});
		expect(result.error?.message).toBe('HubSpot: missing scope crm.schemas.contacts.write [MISSING_SCOPES]');
		expect(result.error?.description).toContain('c-2');
	});

	test('paging follows paging.next.after and stops when paging is absent', async () => {
		server.reply(
			{ status: 200, body: { results: [{ id: '1' }], paging: { next: { after: 'NTI1Cg%3D%3D' } } } },
			{ status: 200, body: { results: [{ id: '2' }] } },
		);
		const result = await probe({ path: '/crm/objects/2026-09/contacts', list: true, pageSize: 1 });
		expect(result.items.map((i) => i.json.id)).toEqual(['1', '2']);
		expect(server.requests[1].query).toEqual({ limit: '1', after: 'NTI1Cg%3D%3D' });
	});
});
