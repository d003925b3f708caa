import { startSim, uniqueProperty, webhookReceiver } from './helpers';

let ctx: Awaited<ReturnType<typeof startSim>>;
beforeEach(async () => {
	ctx = await startSim();
});
afterEach(() => ctx.sim.close());

const OBJECTS = '/crm/objects/2026-09/communications';
const whatsApp = (body: string, extra: Record<string, unknown> = {}) => ({
	hs_communication_channel_type: 'WHATS_APP',
	hs_communication_logged_from: 'CRM',
	hs_communication_body: body,
	...extra,
});

/** The problem named by a single-object 400: its code and the property it names. */
const named = (body: any) => [body.errors[0].code, body.errors[0].context.propertyName];

describe('HubSpot simulator: communications (0-18)', () => {
	test('a message is created with the documented properties and read back by name, singular name and 0-18', async () => {
		const at = Date.UTC(2026, 10, 22, 11, 59);
		const created = await ctx.call('POST', OBJECTS, {
			properties: whatsApp('Received on WhatsApp: hi', { hs_timestamp: String(at), hubspot_owner_id: '5001' }),
		});
		expect(created.status).toBe(201);
		const now = new Date(ctx.clock.now()).toISOString();
		expect(created.body.properties).toEqual({
			...whatsApp('Received on WhatsApp: hi'),
			hs_timestamp: String(at),
			hubspot_owner_id: '5001',
			hs_object_id: created.body.id,
			hs_createdate: now,
			hs_lastmodifieddate: now,
		});
		const id = created.body.id;
		for (const path of [OBJECTS, '/crm/objects/2026-09/communication', '/crm/objects/2026-09/0-18']) {
			const read = await ctx.call(
				'GET',
				`${path}/${id}?properties=hs_communication_body,hs_communication_channel_type,hs_timestamp`,
			);
			expect(read.status).toBe(200);
			expect(read.body.properties).toEqual({
				hs_communication_body: 'Received on WhatsApp: hi',
				hs_communication_channel_type: 'WHATS_APP',
				hs_timestamp: String(at),
			});
		}
		// Without `properties` a read answers the engagement defaults only.
		expect(Object.keys((await ctx.call('GET', `${OBJECTS}/${id}`)).body.properties).sort()).toEqual([
			'hs_createdate',
			'hs_lastmodifieddate',
			'hs_object_id',
		]);
		// hs_timestamp takes a UTC ISO string as well as epoch milliseconds; anything else is refused.
		const iso = await ctx.call('POST', OBJECTS, {
			properties: whatsApp('b', { hs_timestamp: '2026-11-22T11:59:00Z' }),
		});
		expect(iso.status).toBe(201);
		const bad = await ctx.call('POST', OBJECTS, { properties: whatsApp('c', { hs_timestamp: 'yesterday' }) });
		expect(bad.status).toBe(400);
		expect(named(bad.body)).toEqual(['INVALID_DATE', ['hs_timestamp']]);
		// Contacts' createdate is not a communication property.
		expect((await ctx.call('POST', OBJECTS, { properties: whatsApp('d', { createdate: '1' }) })).status).toBe(400);
		const search = await ctx.call('POST', `${OBJECTS}/search`, {
			filterGroups: [
				{ filters: [{ propertyName: 'hs_communication_channel_type', operator: 'EQ', value: 'WHATS_APP' }] },
			],
		});
		expect(search.body.total).toBe(2);
		expect(ctx.sim.store.objects.contacts.size).toBe(0);
	});

	test('a channel type other than WHATS_APP, LINKEDIN_MESSAGE or SMS is a 400 naming the property', async () => {
		const email = await ctx.call('POST', OBJECTS, {
			properties: whatsApp('x', { hs_communication_channel_type: 'EMAIL' }),
		});
		expect(email.status).toBe(400);
		expect(email.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
		expect(email.body.message).toContain('hs_communication_channel_type');
		expect(named(email.body)).toEqual(['INVALID_OPTION', ['hs_communication_channel_type']]);
		const { hs_communication_channel_type: _channel, ...noChannel } = whatsApp('x');
		const missing = await ctx.call('POST', OBJECTS, { properties: noChannel });
		expect(missing.status).toBe(400);
		expect(named(missing.body)).toEqual(['REQUIRED_PROPERTY', ['hs_communication_channel_type']]);
		for (const channel of ['WHATS_APP', 'LINKEDIN_MESSAGE', 'SMS'])
			expect(
				(await ctx.call('POST', OBJECTS, { properties: whatsApp('x', { hs_communication_channel_type: channel }) }))
					.status,
			).toBe(201);
		expect(ctx.sim.store.objects.communications.size).toBe(3);
	});

	test('hs_communication_logged_from must be CRM on create; an update need not repeat it', async () => {
		for (const loggedFrom of ['CONVERSATIONS', undefined]) {
			const r = await ctx.call('POST', OBJECTS, {
				properties: whatsApp('x', { hs_communication_logged_from: loggedFrom }),
			});
			expect(r.status).toBe(400);
			expect(r.body.message).toContain('hs_communication_logged_from');
			expect(r.body.errors[0].context.propertyName).toEqual(['hs_communication_logged_from']);
		}
		const batch = await ctx.call('POST', `${OBJECTS}/batch/create`, {
			inputs: [{ properties: whatsApp('ok') }, { properties: whatsApp('bad', { hs_communication_logged_from: 'X' }) }],
		});
		expect(batch.status).toBe(400);
		expect(ctx.sim.store.objects.communications.size).toBe(0);
		const created = await ctx.call('POST', OBJECTS, { properties: whatsApp('first') });
		const patched = await ctx.call('PATCH', `${OBJECTS}/${created.body.id}`, {
			properties: { hs_communication_body: 'edited' },
		});
		expect(patched.status).toBe(200);
		expect(patched.body.properties).toMatchObject({
			hs_communication_body: 'edited',
			hs_communication_logged_from: 'CRM',
		});
	});

	test('batch upsert by a unique kirim_message_id: the second run creates nothing and answers the same ids, new: false', async () => {
		await uniqueProperty(ctx.call, 'communications', 'kirim_message_id');
		const property = await ctx.call('GET', '/crm/properties/2026-09/communications/kirim_message_id');
		expect(property.body).toMatchObject({ name: 'kirim_message_id', hasUniqueValue: true });
		const inputs = ['wamid.A', 'wamid.B'].map((id) => ({
			id,
			idProperty: 'kirim_message_id',
			properties: whatsApp(`message ${id}`, { kirim_message_id: id }),
		}));
		const upsert = () => ctx.call('POST', `${OBJECTS}/batch/upsert`, { inputs });
		const byMessage = (body: any) =>
			Object.fromEntries(body.results.map((r: any) => [r.properties.kirim_message_id, { id: r.id, new: r.new }]));
		const first = await upsert();
		expect(first.status).toBe(200);
		const firstIds = byMessage(first.body);
		expect(Object.values(firstIds).map((r: any) => r.new)).toEqual([true, true]);
		const second = await upsert();
		expect(second.status).toBe(200);
		expect(byMessage(second.body)).toEqual({
			'wamid.A': { id: firstIds['wamid.A'].id, new: false },
			'wamid.B': { id: firstIds['wamid.B'].id, new: false },
		});
		expect(ctx.sim.store.objects.communications.size).toBe(2);
		// An upsert that would create without logged_from CRM fails that input only (a 200 with errors[] on 2026-09).
		const partial = await ctx.call('POST', `${OBJECTS}/batch/upsert`, {
			inputs: [
				{
					id: 'wamid.C',
					idProperty: 'kirim_message_id',
					properties: whatsApp('c', { hs_communication_logged_from: 'X' }),
				},
				{ id: 'wamid.A', idProperty: 'kirim_message_id', properties: { hs_communication_body: 'again' } },
			],
		});
		expect(partial.status).toBe(200);
		expect(partial.body.numErrors).toBe(1);
		expect(partial.body.errors[0].errors[0].context.propertyName).toEqual(['hs_communication_logged_from']);
		expect(byMessage(partial.body)).toEqual({ 'wamid.A': { id: firstIds['wamid.A'].id, new: false } });
		expect(ctx.sim.store.objects.communications.size).toBe(2);
	});

	test('default associations to a contact (81) and a ticket (83), batch and per pair, stored in their direction', async () => {
		const contact = await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { firstname: 'Ana' } });
		const ticket = await ctx.call('POST', '/crm/objects/2026-09/tickets', {
			properties: { subject: 'S', hs_pipeline_stage: '1' },
		});
		const message = await ctx.call('POST', OBJECTS, { properties: whatsApp('hi') });
		const [c, t, m] = [contact.body.id, ticket.body.id, message.body.id];
		const associate = (to: string, toId: string) =>
			ctx.call('POST', `/crm/associations/2026-09/communications/${to}/batch/associate/default`, {
				inputs: [{ from: { id: m }, to: { id: toId } }],
			});
		const toContact = await associate('contacts', c);
		expect(toContact.status).toBe(200);
		expect(toContact.body.results).toEqual([
			expect.objectContaining({
				from: { id: m },
				to: { id: c },
				associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 81 },
			}),
		]);
		expect((await associate('tickets', t)).body.results[0].associationSpec.associationTypeId).toBe(83);
		const missing = await associate('contacts', '999999');
		expect(missing.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND' });
		const reverse = await ctx.call('PUT', `/crm/objects/2026-09/tickets/${t}/associations/default/communications/${m}`);
		expect(reverse.body.results[0].associationSpec.associationTypeId).toBe(84);
		const fromContact = await ctx.call('PUT', `/crm/objects/2026-09/contacts/${c}/associations/default/0-18/${m}`);
		expect(fromContact.body.results[0].associationSpec.associationTypeId).toBe(82);
		expect(ctx.sim.store.associations).toEqual([
			{ fromType: 'communications', fromId: m, toType: 'contacts', toId: c },
			{ fromType: 'communications', fromId: m, toType: 'tickets', toId: t },
			{ fromType: 'tickets', fromId: t, toType: 'communications', toId: m },
			{ fromType: 'contacts', fromId: c, toType: 'communications', toId: m },
		]);
	});

	test('writes need crm.objects.contacts.write; reads and properties take the contacts scopes', async () => {
		const readOnly = await startSim({ scopes: ['crm.objects.contacts.read', 'crm.schemas.contacts.read'] });
		try {
			for (const [method, path, body] of [
				['POST', OBJECTS, { properties: whatsApp('x') }],
				['POST', `${OBJECTS}/batch/upsert`, { inputs: [] }],
				['PATCH', `${OBJECTS}/1`, { properties: {} }],
				['DELETE', `${OBJECTS}/1`, undefined],
			] as const) {
				const r = await readOnly.call(method, path, body);
				expect(r.status).toBe(403);
				expect(r.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.contacts.write']);
			}
			expect((await readOnly.call('GET', OBJECTS)).status).toBe(200);
			expect((await readOnly.call('POST', `${OBJECTS}/search`, {})).status).toBe(200);
			expect((await readOnly.call('GET', '/crm/properties/2026-09/communications')).status).toBe(200);
			const property = await readOnly.call('POST', '/crm/properties/2026-09/communications', {});
			expect(property.body.errors[0].context.requiredGranularScopes).toEqual(['crm.schemas.contacts.write']);
			expect(readOnly.sim.store.objects.communications.size).toBe(0);
		} finally {
			await readOnly.sim.close();
		}
		const ticketsOnly = await startSim({ scopes: ['tickets'] });
		try {
			const r = await ticketsOnly.call('GET', OBJECTS);
			expect(r.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.contacts.read']);
		} finally {
			await ticketsOnly.sim.close();
		}
	});

	test('writing or associating a communication sends no webhook; a contact write beside it does', async () => {
		const hook = await webhookReceiver();
		try {
			ctx.sim.webhooks.configure({ targetUrl: hook.url });
			for (const type of ['contact.creation', 'contact.associationChange', 'ticket.associationChange'])
				ctx.sim.webhooks.subscribe(type);
			ctx.sim.webhooks.subscribe('contact.propertyChange', 'firstname');
			expect(() => ctx.sim.webhooks.subscribe('communication.creation')).toThrow(/unknown subscriptionType/);
			const contact = ctx.sim.ui.create('contacts', { firstname: 'Ana' });
			const ticket = ctx.sim.ui.create('tickets', { subject: 'S', hs_pipeline_stage: '1' });
			await ctx.sim.webhooks.idle();
			const before = hook.events().length;
			expect(before).toBe(2); // the contact's creation and its firstname
			await uniqueProperty(ctx.call, 'communications', 'kirim_message_id');
			const created = await ctx.call('POST', OBJECTS, { properties: whatsApp('hi') });
			await ctx.call('PATCH', `${OBJECTS}/${created.body.id}`, { properties: { hs_communication_body: 'edited' } });
			await ctx.call('POST', `${OBJECTS}/batch/upsert`, {
				inputs: [{ id: 'wamid.A', idProperty: 'kirim_message_id', properties: whatsApp('a') }],
			});
			ctx.sim.ui.create('communications', whatsApp('logged by a person'));
			const byControlRoute = await fetch(`${ctx.sim.url}/_sim/crm/communications`, {
				method: 'POST',
				body: JSON.stringify({ properties: whatsApp('logged by a person, over HTTP') }),
			});
			expect(byControlRoute.status).toBe(201);
			for (const [to, toId] of [
				['contacts', contact.id],
				['tickets', ticket.id],
			])
				await ctx.call('POST', `/crm/associations/2026-09/communications/${to}/batch/associate/default`, {
					inputs: [{ from: { id: created.body.id }, to: { id: toId } }],
				});
			await ctx.call('PUT', `/crm/objects/2026-09/contacts/${contact.id}/associations/default/tickets/${ticket.id}`);
			await ctx.sim.webhooks.idle();
			expect(ctx.sim.store.objects.communications.size).toBe(4);
			expect(
				hook
					.events()
					.slice(before)
					.map((e) => [e.subscriptionType, e.associationType]),
			).toEqual([
				['contact.associationChange', 'CONTACT_TO_TICKET'],
				['ticket.associationChange', 'TICKET_TO_CONTACT'],
			]);
		} finally {
			await hook.close();
		}
	});
});
