import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { api } from './client';

const PHONE = '106540352242922';
const OTHER = '106540352242999';
let sim: KirimSimulator;
let call: ReturnType<typeof api>;

beforeEach(async () => {
	sim = await startKirimSimulator({ tier: 'pro', phoneNumberIds: [PHONE, OTHER] });
	call = api(sim);
});
afterEach(async () => sim.close());

type TemplateItem = { id: string; object: string; name: string; language: string; status: string };

describe('Kirim simulator: templates', () => {
	test('phone-scoped list: the number’s templates with name, language and status, in the list envelope', async () => {
		const r = await call('GET', `/v1/${PHONE}/templates?limit=100`);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ has_more: false, next_cursor: null });
		expect(r.body.request_id).toMatch(/^req_/);
		const data = r.body.data as TemplateItem[];
		expect(data.length).toBe(sim.store.templatesOf(PHONE).length);
		expect(new Set(data.map((t) => t.status))).toEqual(new Set(['approved', 'pending', 'rejected']));
		for (const t of data) expect(t.id).toMatch(/^tmpl_[0-9A-HJKMNP-TV-Z]{26}$/);
		expect(
			data
				.filter((t) => t.name === 'order_update')
				.map((t) => t.language)
				.sort(),
		).toEqual(['en', 'id']);
	});

	test('org-level list holds the templates of every number; an unknown number is a 404', async () => {
		const org = await call('GET', '/v1/templates?limit=100');
		expect((org.body.data as TemplateItem[]).length).toBe(2 * sim.store.templatesOf(PHONE).length);
		expect((await call('GET', '/v1/999999999/templates')).status).toBe(404);
	});

	test('pages with limit and cursor like every Kirim list; a cursor from another number is refused', async () => {
		const first = await call('GET', `/v1/${PHONE}/templates?limit=3`);
		expect(first.body).toMatchObject({ has_more: true });
		const seen = (first.body.data as TemplateItem[]).map((t) => t.id);
		let cursor = first.body.next_cursor as string | null;
		while (cursor) {
			const next = await call('GET', `/v1/${PHONE}/templates?limit=3&cursor=${encodeURIComponent(cursor)}`);
			seen.push(...(next.body.data as TemplateItem[]).map((t) => t.id));
			cursor = next.body.next_cursor as string | null;
		}
		expect(seen).toEqual(sim.store.templatesOf(PHONE).map((t) => t.id));
		const elsewhere = await call(
			'GET',
			`/v1/${OTHER}/templates?limit=3&cursor=${encodeURIComponent(first.body.next_cursor as string)}`,
		);
		expect(elsewhere.body.error?.code).toBe('invalid_cursor');
		expect((await call('GET', `/v1/${PHONE}/templates?limit=101`)).body.error?.code).toBe('invalid_limit');
	});

	test('a template send needs an approved template in that language (invalid_template_name otherwise)', async () => {
		const send = (name: string, code: string) =>
			call('POST', `/v1/${PHONE}/messages`, {
				messaging_product: 'whatsapp',
				to: '+628999000111',
				type: 'template',
				template: { name, language: { code } },
			});
		expect((await send('order_update', 'en')).status).toBe(201);
		expect(
			(
				await call('POST', `/v1/${PHONE}/messages`, {
					to: '+628999000111',
					type: 'template',
					template: { name: 'order_update', language: 'id' },
				})
			).status,
		).toBe(201);
		for (const [name, code] of [
			['promo_july', 'id'],
			['old_offer', 'en'],
			['hello_world', 'id'],
			['no_such_template', 'en'],
		]) {
			const refused = await send(name, code);
			expect(refused.status).toBe(400);
			expect(refused.body.error).toMatchObject({ code: 'invalid_template_name', param: 'template.name' });
		}
		expect(sim.store.messages).toHaveLength(2);
	});
});
