import type { INodeType } from 'n8n-workflow';

import { Kirim } from '../../../nodes/Kirim/Kirim.node';
import { KirimPollTrigger } from '../../../nodes/KirimPollTrigger/KirimPollTrigger.node';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { loadOptions } from './load-options';

let sim: KirimSimulator;
beforeEach(async () => {
	sim = await startKirimSimulator({ phoneNumberIds: ['106540352242922', '106540352242933'] });
});
afterEach(async () => sim.close());

// The editor flags an options value its dropdown does not list: the empty default must be an entry of its own.
describe.each([
	['Kirim', () => new Kirim() as INodeType],
	['Kirim Poll Trigger', () => new KirimPollTrigger() as INodeType],
])('%s: WhatsApp number dropdown', (_name, make) => {
	test('the field lists its empty default first, then every number of the organisation', async () => {
		const field = make().description.properties.find((p) => p.name === 'phoneNumberId');
		expect(field?.default).toBe('');
		const method = String(field?.typeOptions?.loadOptionsMethod);
		const options = await loadOptions(sim, make(), method, { resource: 'contact', operation: 'getAll' });
		expect(options[0]).toMatchObject({ value: field?.default, name: 'Credential’s Default Number' });
		expect(options.slice(1).map((o) => o.value)).toEqual(sim.phoneNumberIds);
	});
});
