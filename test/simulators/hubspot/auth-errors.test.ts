import { startSim } from './helpers';

let ctx: Awaited<ReturnType<typeof startSim>>;
beforeEach(async () => {
	ctx = await startSim();
});
afterEach(() => ctx.sim.close());

const isUuid = (v: unknown) =>
	typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v);

describe('HubSpot simulator: authentication, scopes and error shape', () => {
	test('no token and a wrong token are 401 INVALID_AUTHENTICATION in HubSpot’s error shape', async () => {
		for (const token of [null, 'pat-na1-wrong']) {
			const r = await ctx.call('GET', '/crm/objects/2026-09/contacts', undefined, token);
			expect(r.status).toBe(401);
			expect(r.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
			expect(typeof r.body.message).toBe('string');
			expect(isUuid(r.body.correlationId)).toBe(true);
		}
		expect(ctx.sim.token).toMatch(/^pat-na1-[0-9a-f-]{36}$/);
	});

	test('a missing scope is 403 MISSING_SCOPES naming the scope the call needs', async () => {
		const narrow = await startSim({ scopes: ['tickets'] });
		try {
			const list = await narrow.call('GET', '/crm/objects/2026-09/contacts');
			expect(list.status).toBe(403);
			expect(list.body.category).toBe('MISSING_SCOPES');
			expect(list.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.contacts.read']);
			const prop = await narrow.call('POST', '/crm/properties/2026-09/contacts', {
				name: 'x',
				label: 'x',
				type: 'string',
				fieldType: 'text',
				groupName: 'g',
			});
			expect(prop.body.errors[0].context.requiredGranularScopes).toEqual(['crm.schemas.contacts.write']);
			const owners = await narrow.call('GET', '/crm/owners/2026-09');
			expect(owners.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.owners.read']);
			expect((await narrow.call('GET', '/crm/pipelines/2026-09/tickets')).status).toBe(200);
		} finally {
			await narrow.sim.close();
		}
		const readOnly = await startSim({ scopes: ['crm.objects.contacts.read'] });
		try {
			expect((await readOnly.call('POST', '/crm/objects/2026-09/contacts/search', {})).status).toBe(200);
			const write = await readOnly.call('POST', '/crm/objects/2026-09/contacts', { properties: {} });
			expect(write.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.contacts.write']);
		} finally {
			await readOnly.sim.close();
		}
	});

	test('an unknown route is a 404 in HubSpot’s shape, not a canned success', async () => {
		const r = await ctx.call('GET', '/crm/objects/2026-09/contacts/123/nonsense');
		expect(r.status).toBe(404);
		expect(r.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
		expect((await ctx.call('PUT', '/crm/objects/2026-09/contacts')).status).toBe(405);
	});

	test('malformed JSON and missing required fields are 400 VALIDATION_ERROR with errors[] saying why', async () => {
		const broken = await ctx.call('POST', '/crm/objects/2026-09/contacts', '{"properties":');
		expect(broken.status).toBe(400);
		expect(broken.body.category).toBe('VALIDATION_ERROR');
		expect(broken.body.errors[0].message).toMatch(/not valid JSON/);
		const noProps = await ctx.call('POST', '/crm/objects/2026-09/contacts', {});
		expect(noProps.status).toBe(400);
		expect(noProps.body.errors[0]).toMatchObject({ in: 'properties' });
		const noInputs = await ctx.call('POST', '/crm/objects/2026-09/contacts/batch/upsert', { input: [] });
		expect(noInputs.body.errors[0]).toMatchObject({ in: 'inputs' });
		const noId = await ctx.call('POST', '/crm/objects/2026-09/contacts/batch/upsert', {
			inputs: [{ idProperty: 'email', properties: {} }],
		});
		expect(noId.body.errors[0]).toMatchObject({ in: 'inputs[0].id' });
	});
});

describe('HubSpot simulator: one-shot faults of each kind', () => {
	const list = '/crm/objects/2026-09/contacts';

	test('respond: the canned answer once, then the real one', async () => {
		ctx.sim.pipeline.faults.add({
			match: { path: list },
			action: { kind: 'respond', response: { status: 418, body: { teapot: true } } },
		});
		expect(await ctx.call('GET', list)).toMatchObject({ status: 418, body: { teapot: true } });
		expect((await ctx.call('GET', list)).status).toBe(200);
	});

	test('rate-limit: renders the 429 body of the policy it names', async () => {
		for (const [policyName, message] of [
			['TEN_SECONDLY_ROLLING', 'You have reached your ten secondly rate limit.'],
			['DAILY', 'You have reached your daily limit.'],
			['SECONDLY', 'You have reached your secondly limit.'],
		]) {
			ctx.sim.pipeline.faults.add({ action: { kind: 'rate-limit', policyName } });
			const r = await ctx.call('GET', list);
			expect(r.status).toBe(429);
			expect(r.body).toMatchObject({ status: 'error', message, errorType: 'RATE_LIMIT', policyName });
			expect(isUuid(r.body.correlationId) && isUuid(r.body.requestId)).toBe(true);
		}
	});

	test('server-error: a 5xx in HubSpot’s shape', async () => {
		ctx.sim.pipeline.faults.add({ action: { kind: 'server-error', status: 502 } });
		const r = await ctx.call('GET', list);
		expect(r.status).toBe(502);
		expect(r.body).toMatchObject({ status: 'error', category: 'INTERNAL_ERROR' });
	});

	test('latency: delays, then answers normally', async () => {
		ctx.sim.pipeline.faults.add({ action: { kind: 'latency', ms: 150 } });
		const started = Date.now();
		expect((await ctx.call('GET', list)).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	test('drop: the connection closes without an answer (before or mid-response)', async () => {
		ctx.sim.pipeline.faults.add({ action: { kind: 'drop' } });
		await expect(ctx.call('GET', list)).rejects.toThrow();
		ctx.sim.pipeline.faults.add({ action: { kind: 'drop', when: 'mid-response' } });
		await expect(ctx.call('GET', list)).rejects.toThrow();
		expect((await ctx.call('GET', list)).status).toBe(200);
	});

	test('faults also arrive over the admin route and are validated', async () => {
		const bad = await fetch(`${ctx.sim.url}/_sim/faults`, {
			method: 'POST',
			body: JSON.stringify({ action: { kind: 'explode' } }),
		});
		expect(bad.status).toBe(400);
		const ok = await fetch(`${ctx.sim.url}/_sim/faults`, {
			method: 'POST',
			body: JSON.stringify({
				match: { method: 'GET', path: '/crm/objects/2026-09/*' },
				action: { kind: 'server-error', status: 503 },
			}),
		});
		expect(ok.status).toBe(201);
		expect((await ctx.call('GET', list)).status).toBe(503);
	});
});
