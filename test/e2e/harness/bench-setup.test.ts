import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { IWebhookFunctions } from 'n8n-workflow';

import { NOOP_TRIGGER_TYPE, packBenchFixtures } from '../../../e2e/harness/bench-setup';
import { installInto } from '../../../e2e/harness/pack';

// `npm run bench:e2e` once stopped at its first step (npm pack into a folder nothing had made) and, past that, in
// n8n with "Unrecognized node type" for its baseline trigger (the fixture package held no node file). Both steps
// run here for real, without n8n itself: pack into a missing folder, install as the bench's n8n gets it, load with
// n8n's own community-package loader.
describe('bench:e2e setup', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'bench-setup-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	test('packs the fixture package into a folder that does not exist yet, and the installed package gives n8n the bench baseline trigger', async () => {
		const destination = join(dir, 'cache', 'bench');
		expect(existsSync(destination)).toBe(false);
		const tarball = packBenchFixtures(destination);
		expect(existsSync(tarball)).toBe(true);

		const userFolder = join(dir, 'n8n-user-folder');
		installInto(userFolder, tarball);
		const loader = new PackageDirectoryLoader(
			join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-e2e-fixtures'),
		);
		await loader.loadAll();
		const types = Object.keys(loader.nodeTypes).map((name) => `${loader.packageName}.${name}`);
		expect(types).toEqual([NOOP_TRIGGER_TYPE]);

		const trigger = loader.nodeTypes.noopTrigger.type;
		if ('nodeVersions' in trigger || !trigger.webhook) throw new Error('the fixture node is not a webhook trigger');
		// The bench posts to /webhook/<webhookId>/webhook (e2e/harness/workflows.ts triggerWorkflow).
		expect(trigger.description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', httpMethod: 'POST', path: 'webhook', responseMode: 'onReceived' }),
		]);
		const staticData: Record<string, unknown> = {};
		const context = (saveCharacters: number) =>
			({
				getNodeParameter: (name: string) => (name === 'saveCharacters' ? saveCharacters : undefined),
				getWorkflowStaticData: () => staticData,
			}) as unknown as IWebhookFunctions;
		const answer = await trigger.webhook.call(context(0));
		expect(answer.workflowData).toEqual([[{ json: {} }]]);
		expect(staticData).toEqual({});

		// The reference that saves static data: the write is made in webhook() and again when n8n reads the answer.
		const saving = await trigger.webhook.call(context(3000));
		expect(saving.workflowData).toEqual([[{ json: {} }]]);
		const written = staticData.state as string;
		expect(written).toHaveLength(3000);
		expect(saving.webhookResponse).toEqual({ received: true, items: 1 });
		expect(staticData.state).toHaveLength(3000);
		expect(staticData.state).not.toBe(written);
	});
});
