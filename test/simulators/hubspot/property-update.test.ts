import { startSim } from './helpers';

// PATCH /crm/properties/{version}/{objectType}/{name}: options replace the whole list, values outside it are refused
// on writes, keys the simulator does not model are refused rather than ignored.
let ctx: Awaited<ReturnType<typeof startSim>>;
beforeEach(async () => {
	ctx = await startSim();
});
afterEach(() => ctx.sim.close());

const path = '/crm/properties/2026-09/contacts';
const checkbox = (values: string[]) => ({
	name: 'kirim_labels',
	label: 'Kirim labels',
	type: 'enumeration',
	fieldType: 'checkbox',
	groupName: 'contactinformation',
	options: values.map((value) => ({ label: value, value })),
});

describe('HubSpot simulator: property update', () => {
	test('options replace the list; a value no longer offered is refused on write, a new one accepted', async () => {
		expect((await ctx.call('POST', path, checkbox(['VIP', 'Trial']))).status).toBe(201);
		const updated = await ctx.call('PATCH', `${path}/kirim_labels`, {
			options: [
				{ label: 'VIP', value: 'VIP' },
				{ label: 'Past due', value: 'Past due' },
			],
		});
		expect(updated.status).toBe(200);
		expect(updated.body.options.map((o: { value: string }) => o.value)).toEqual(['VIP', 'Past due']);
		const ok = await ctx.call('POST', '/crm/objects/2026-09/contacts', {
			properties: { kirim_labels: 'VIP;Past due' },
		});
		expect(ok.status).toBe(201);
		const refused = await ctx.call('POST', '/crm/objects/2026-09/contacts', { properties: { kirim_labels: 'Trial' } });
		expect(refused.status).toBe(400);
		expect(JSON.stringify(refused.body)).toContain('INVALID_OPTION');
	});

	test('unknown property 404; unmodelled keys, duplicate values, options on a text property and an empty list 400', async () => {
		expect((await ctx.call('PATCH', `${path}/nope`, { label: 'x' })).status).toBe(404);
		await ctx.call('POST', path, checkbox(['VIP']));
		expect((await ctx.call('PATCH', `${path}/kirim_labels`, { fieldType: 'select' })).status).toBe(400);
		const twice = [
			{ label: 'A', value: 'A' },
			{ label: 'A2', value: 'A' },
		];
		expect((await ctx.call('PATCH', `${path}/kirim_labels`, { options: twice })).status).toBe(400);
		expect((await ctx.call('PATCH', `${path}/kirim_labels`, { options: [] })).status).toBe(400);
		expect((await ctx.call('PATCH', `${path}/firstname`, { options: [{ label: 'A', value: 'A' }] })).status).toBe(400);
		expect((await ctx.call('PATCH', `${path}/kirim_labels`, { label: 'Labels' })).body.label).toBe('Labels');
	});
});
