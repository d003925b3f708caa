import type { IDataObject } from 'n8n-workflow';

import { Kirim } from '../../../nodes/Kirim/Kirim.node';
import { ulid } from '../../../simulators/common/ids';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { runKirimNode } from '../../harness/run-kirim-node';
import { listSearch, loadOptions } from './load-options';

let sim: KirimSimulator;
beforeEach(async () => {
	sim = await startKirimSimulator({ tier: 'pro' });
});
afterEach(async () => sim.close());

const phone = () => sim.phoneNumberIds[0];
const kirim = (parameters: IDataObject, input?: IDataObject[]) => runKirimNode(sim, new Kirim(), parameters, input);
const templateParams = { resource: 'message', operation: 'sendTemplate', to: '+6287770001112', phoneNumberId: '' };

describe('Kirim node: template dropdowns', () => {
	test('the template list holds approved templates only, one per name with its languages', async () => {
		const options = await loadOptions(sim, new Kirim(), 'getTemplates', templateParams);
		expect(options.map((o) => o.value)).toEqual(['hello', 'hello_world', 'order_update', 'welcome']);
		expect(options.find((o) => o.value === 'order_update')?.name).toBe('order_update (en, id)');
		expect(sim.pipeline.log.count('GET', `/v1/${phone()}/templates`)).toBe(1);
	});

	test('with organisation-level paths it reads /v1/templates', async () => {
		const options = await loadOptions(sim, new Kirim(), 'getTemplates', templateParams, 'orgLevel');
		expect(options.map((o) => o.value)).toContain('hello_world');
		expect(sim.pipeline.log.count('GET', '/v1/templates')).toBe(1);
	});

	test('the template list walks every page of templates', async () => {
		for (let i = 0; i < 130; i++)
			sim.store.addTemplate(
				{ name: `bulk_${String(i).padStart(3, '0')}`, language: 'en', status: 'approved', category: 'UTILITY' },
				phone(),
			);
		const options = await loadOptions(sim, new Kirim(), 'getTemplates', templateParams);
		expect(options).toHaveLength(134);
		expect(sim.pipeline.log.count('GET', `/v1/${phone()}/templates`)).toBe(2);
	});

	test('the language list follows the chosen template; with none chosen (or an expression) every approved language', async () => {
		const languages = async (templateName: string) =>
			(await loadOptions(sim, new Kirim(), 'getTemplateLanguages', { ...templateParams, templateName })).map(
				(o) => o.value,
			);
		expect(await languages('order_update')).toEqual(['en', 'id']);
		expect(await languages('hello_world')).toEqual(['en_US']);
		expect(await languages('')).toEqual(['en', 'en_US', 'id']);
		expect(await languages('={{ $json.template }}')).toEqual(['en', 'en_US', 'id']);
	});

	test('languages are named, with the code WhatsApp knows them by; a code without a name is shown as it is', async () => {
		sim.store.addTemplate({ name: 'odd', language: 'xx_YY', status: 'approved', category: 'UTILITY' }, phone());
		const options = await loadOptions(sim, new Kirim(), 'getTemplateLanguages', {
			...templateParams,
			templateName: '',
		});
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['English (en)', 'en'],
			['American English (en_US)', 'en_US'],
			['Indonesian (id)', 'id'],
			['xx_YY', 'xx_YY'],
		]);
	});

	test('a template picked from the lists is sent with its language', async () => {
		const picked = (await loadOptions(sim, new Kirim(), 'getTemplates', templateParams)).find(
			(o) => o.value === 'hello_world',
		);
		const [language] = await loadOptions(sim, new Kirim(), 'getTemplateLanguages', {
			...templateParams,
			templateName: picked?.value,
		});
		const sent = await kirim({
			...templateParams,
			templateName: picked?.value,
			language: language.value,
			bodyParameters: { parameter: [{ text: 'Siti' }] },
			options: {},
		});
		expect(sent.error).toBeUndefined();
		expect(sent.items[0].json).toMatchObject({ object: 'message', type: 'template', status: 'queued' });
		expect(sim.store.messages[0].body).toMatchObject({
			type: 'template',
			template: {
				name: 'hello_world',
				language: { code: 'en_US' },
				components: [{ type: 'body', parameters: [{ type: 'text', text: 'Siti' }] }],
			},
		});
	});

	test('an expression still works, a workflow saved with the old default language still sends, and a pending template is refused by Kirim', async () => {
		const byExpression = await kirim(
			{ ...templateParams, templateName: '={{ $json.template }}', language: '={{ $json.lang }}', options: {} },
			[{ template: 'order_update', lang: 'en' }],
		);
		expect(byExpression.error).toBeUndefined();
		const oldDefault = await kirim({ ...templateParams, templateName: 'welcome', options: {} });
		expect(oldDefault.error).toBeUndefined();
		expect(
			sim.store.messages.map((m) => (m.body as { template: { language: { code: string } } }).template.language.code),
		).toEqual(['en', 'id']);
		const pending = await kirim({ ...templateParams, templateName: 'promo_july', language: 'id', options: {} });
		expect(pending.error?.message).toContain('[invalid_template_name]');
	});
});

describe('Kirim node: assignee resource locator', () => {
	const user = () => `usr_${ulid(Date.now())}`;

	/** `count` conversations whose assignees cycle through `people` (null = unassigned). */
	function seedConversations(count: number, people: Array<{ id: string; name: string; email: string } | null>) {
		for (let i = 0; i < count; i++) {
			const contact = sim.store.addContact({ phone_number: `+62812${String(i).padStart(7, '0')}` }, phone());
			const conversation = sim.store.addConversation(contact, phone());
			conversation.assignee = people[i % people.length];
		}
	}

	test('From List: distinct assignees of the conversations, across conversation pages', async () => {
		const people = [
			{ id: user(), name: 'Ayu', email: 'ayu@example.com' },
			{ id: user(), name: 'Budi', email: 'budi@example.com' },
			null,
		];
		seedConversations(150, people);
		const found = await listSearch(sim, new Kirim(), 'searchAssignees', {
			resource: 'conversation',
			operation: 'update',
			phoneNumberId: '',
		});
		expect(found.results.map((r) => r.value).sort()).toEqual([people[0]!.id, people[1]!.id].sort());
		expect(found.results.find((r) => r.value === people[0]!.id)?.name).toBe('Ayu · ayu@example.com');
		expect(found.paginationToken).toBeUndefined();
		expect(sim.pipeline.log.count('GET', `/v1/${phone()}/conversations`)).toBe(2);
		const filtered = await listSearch(sim, new Kirim(), 'searchAssignees', { phoneNumberId: '' }, 'budi');
		expect(filtered.results.map((r) => r.value)).toEqual([people[1]!.id]);
	});

	test('many people come in pages, none twice', async () => {
		const people = Array.from({ length: 30 }, (_, i) => ({
			id: user(),
			name: `Agent ${i}`,
			email: `agent${i}@example.com`,
		}));
		seedConversations(90, people);
		const first = await listSearch(sim, new Kirim(), 'searchAssignees', { phoneNumberId: '' });
		expect(first.results).toHaveLength(20);
		expect(first.paginationToken).toBeDefined();
		const second = await listSearch(
			sim,
			new Kirim(),
			'searchAssignees',
			{ phoneNumberId: '' },
			undefined,
			first.paginationToken,
		);
		expect(second.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results].map((r) => r.value);
		expect(new Set(all).size).toBe(all.length);
		expect(new Set(all)).toEqual(new Set(people.map((p) => p.id)));
	});

	test('assigning from the list, by ID, and with the plain string older workflows stored', async () => {
		const [a, b, c] = [user(), user(), user()];
		seedConversations(1, [{ id: a, name: 'Ayu', email: 'ayu@example.com' }]);
		const target = sim.store.addConversation(sim.store.addContact({ phone_number: '+628555000111' }, phone()), phone());
		const [fromList] = (await listSearch(sim, new Kirim(), 'searchAssignees', { phoneNumberId: '' })).results;
		const update = (assignedTo: unknown) =>
			kirim({
				resource: 'conversation',
				operation: 'update',
				conversationId: { __rl: true, mode: 'id', value: target.id },
				updateFields: { assignedTo },
			});
		expect(
			(await update({ __rl: true, mode: 'list', value: fromList.value, cachedResultName: fromList.name })).items[0]
				.json,
		).toMatchObject({ assignee: { id: a } });
		expect((await update({ __rl: true, mode: 'id', value: b })).items[0].json).toMatchObject({ assignee: { id: b } });
		expect((await update(c)).items[0].json).toMatchObject({ assignee: { id: c } });
		const bad = await update({ __rl: true, mode: 'id', value: 'agent-7' });
		expect(bad.error?.message).toContain('is not a user ID');
		const empty = await update({ __rl: true, mode: 'list', value: '' });
		expect(empty.error?.message).toContain('Nothing to update');
		expect(sim.pipeline.log.entries.filter((e) => e.method === 'PATCH')).toHaveLength(3);
	});
});
