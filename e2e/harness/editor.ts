// Drives n8n's editor in Debian's Chromium (playwright-core, no browser download): the node panel, the node
// details view (NDV), credentials, dropdowns and screenshots. Used by e2e/editor.e2e.test.ts and
// scripts/screenshots.ts. Selectors are the editor's own data-test-id attributes in n8n 2.41.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

import { chromium, selectors, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { CHROMIUM } from './chromium';

const ROOT = resolve(__dirname, '..', '..');

/** The machine notes' flags: without the background-networking ones Chromium keeps dialling Google on a closed network. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export type Theme = 'light' | 'dark';
export const THEMES: Theme[] = ['light', 'dark'];

/** n8n 2.41 reads the theme from localStorage `N8N_THEME` (what Settings › Personal › Theme writes). */
const THEME_KEY = 'N8N_THEME';

export interface PackageNode {
	/** As in package.json `n8n.nodes`. */
	file: string;
	/** Workflow node type, `<package>.<name>`. */
	type: string;
	displayName: string;
	trigger: boolean;
	/** Icon file per theme, as the description names it (`file:…`), when it is an image. */
	icons: Partial<Record<Theme, string>>;
}

function iconFile(icon: unknown): string | undefined {
	return typeof icon === 'string' && icon.startsWith('file:') ? basename(icon.slice('file:'.length)) : undefined;
}

/**
 * Every node package.json `n8n.nodes` lists (so a node added there is covered), described from its source file
 * (`dist/x/Y.node.js` → `x/Y.node.ts`): dist/ is rebuilt by whoever packs next, the source stays put.
 */
export function packageNodes(): PackageNode[] {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
		name: string;
		n8n: { nodes: string[] };
	};
	return pkg.n8n.nodes.map((file) => {
		const source = join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path read from package.json at run time
		const exported = require(existsSync(source) ? source : join(ROOT, file)) as Record<
			string,
			new () => { description?: any; baseDescription?: any }
		>;
		const NodeClass = exported[basename(file, '.node.js')] ?? Object.values(exported)[0];
		const instance = new NodeClass();
		const description = instance.description ?? instance.baseDescription;
		const icon = description.icon;
		const icons: Partial<Record<Theme, string>> =
			icon && typeof icon === 'object'
				? { light: iconFile(icon.light), dark: iconFile(icon.dark) }
				: { light: iconFile(icon), dark: iconFile(icon) };
		return {
			file,
			type: `${pkg.name}.${description.name}`,
			displayName: description.displayName,
			trigger: (description.group as string[]).includes('trigger'),
			icons,
		};
	});
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface EditorOptions {
	baseUrl: string;
	theme: Theme;
	viewport?: { width: number; height: number };
}

/** One browser (its own fresh profile) on one n8n, in one theme. */
export class Editor {
	/** Failed icon loads and failed option/list requests since the last health check. */
	private networkProblems: string[] = [];
	/** Requests to anything but n8n itself, refused (the editor asks registry.npmjs.org about community packages). */
	readonly blockedOutbound = new Set<string>();
	private inFlight = 0;

	private constructor(
		readonly page: Page,
		private readonly context: BrowserContext,
		private readonly profile: string,
		readonly options: EditorOptions,
	) {}

	static async open(options: EditorOptions): Promise<Editor> {
		selectors.setTestIdAttribute('data-test-id');
		const profile = mkdtempSync(join(tmpdir(), 'kirim-editor-chromium-'));
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: options.viewport ?? { width: 1440, height: 900 },
			colorScheme: options.theme,
			locale: 'en-US',
			timezoneId: 'UTC',
		});
		const page = context.pages()[0] ?? (await context.newPage());
		const editor = new Editor(page, context, profile, options);
		await editor.watch();
		return editor;
	}

	private async watch(): Promise<void> {
		const origin = new URL(this.options.baseUrl).origin;
		await this.context.route(
			(url) => url.origin !== origin,
			async (route) => {
				this.blockedOutbound.add(new URL(route.request().url()).origin);
				await route.abort();
			},
		);
		await this.context.addInitScript(
			([key, theme]) => (globalThis as any).localStorage.setItem(key, theme),
			[THEME_KEY, this.options.theme],
		);
		// n8n's push channel (/rest/push) stays open for the whole session: not a request to wait for.
		const counted = (url: string) => !url.includes('/rest/push');
		this.page.on('request', (request) => {
			if (counted(request.url())) this.inFlight++;
		});
		this.page.on('requestfinished', (request) => {
			if (counted(request.url())) this.inFlight--;
		});
		this.page.on('requestfailed', (request) => {
			if (counted(request.url())) this.inFlight--;
			if (request.url().startsWith(origin) && request.url().includes('/icons/')) {
				this.networkProblems.push(`icon request failed: ${request.url()} (${request.failure()?.errorText})`);
			}
		});
		this.page.on('response', async (response) => {
			const url = response.url();
			if (response.status() < 400) return;
			if (url.includes('/icons/')) this.networkProblems.push(`icon ${url} answered ${response.status()}`);
			if (url.includes('/rest/dynamic-node-parameters/')) {
				const body = await response.text().catch(() => '');
				this.networkProblems.push(`${new URL(url).pathname} answered ${response.status()}: ${body.slice(0, 300)}`);
			}
		});
	}

	/** Waits until the page has had no request in flight for `quietMs`. */
	async settle(quietMs = 400, timeoutMs = 15_000): Promise<void> {
		const started = Date.now();
		const deadline = Date.now() + timeoutMs;
		let quietSince = Date.now();
		while (Date.now() < deadline) {
			if (this.inFlight > 0) quietSince = Date.now();
			else if (Date.now() - quietSince >= quietMs) {
				if (process.env.EDITOR_DEBUG) console.log(`settled in ${Date.now() - started} ms`);
				return;
			}
			await this.page.waitForTimeout(50);
		}
		if (process.env.EDITOR_DEBUG) console.log(`not settled after ${timeoutMs} ms, ${this.inFlight} in flight`);
	}

	async login(email: string, password: string): Promise<void> {
		await this.page.goto(`${this.options.baseUrl}/signin`);
		await this.page.locator('input[name=emailOrLdapLoginId]').fill(email);
		await this.page.locator('input[name=password]').fill(password);
		await this.page.getByTestId('form-submit-button').click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}

	/** The theme n8n applied (`data-theme` on <body>; absent means light). */
	async appliedTheme(): Promise<Theme> {
		return ((await this.page.locator('body').getAttribute('data-theme')) as Theme | null) ?? 'light';
	}

	/**
	 * A new, empty workflow. The first one by URL; later ones from the sidebar's "+" menu, as a user does — a page
	 * load costs about 10 s here (the editor reads every node type, 18 MB).
	 */
	async newWorkflow(): Promise<void> {
		if (await this.ndv.isVisible()) await this.ndv.getByTestId('ndv-close-button').click();
		const before = this.page.url();
		if (!before.includes('/workflow/')) {
			await this.page.goto(`${this.options.baseUrl}/workflow/new`);
		} else {
			await this.page.getByTestId('universal-add').click();
			await this.page
				.locator('[role=menuitem]:visible')
				.filter({ hasText: /^\s*New workflow\s*$/ })
				.click();
			// Leaving before n8n's autosave (1.5 s after the last change) asks "Save changes before leaving?": save.
			const leave = this.page.getByRole('dialog', { name: 'Save changes before leaving?' });
			await this.until(
				async () => this.page.url() !== before || (await leave.isVisible()),
				'the "New workflow" menu entry did not open a workflow',
			);
			if (await leave.isVisible()) {
				await leave.getByRole('button', { name: 'Save', exact: true }).click();
				await this.until(
					async () => this.page.url() !== before,
					'the "New workflow" menu entry did not open a workflow after saving',
				);
			}
		}
		await this.page.getByTestId('canvas-plus-button').waitFor();
		await this.settle();
	}

	/** Closes the NDV and saves the workflow (Ctrl+S on the canvas), as a user does before looking elsewhere. */
	async save(): Promise<void> {
		if (await this.ndv.isVisible()) await this.ndv.getByTestId('ndv-close-button').click();
		await this.ndv.waitFor({ state: 'hidden' });
		await this.page.getByTestId('canvas-wrapper').click({ position: { x: 10, y: 10 } });
		await this.page.keyboard.press('Control+s');
		await this.settle();
	}

	/** The id of the open workflow, once n8n has saved it (new workflows are saved as soon as they change). */
	workflowId(): string | undefined {
		return /\/workflow\/([A-Za-z0-9]+)/.exec(new URL(this.page.url()).pathname)?.[1];
	}

	get ndv(): Locator {
		return this.page.getByTestId('ndv');
	}

	/**
	 * Adds a node the way a user does: the node panel, a search for its display name, its entry, then one of its
	 * actions or triggers (`action`: the text of one; default the first). n8n lists a trigger under the action node of
	 * the same name ("Kirim Trigger" under "Kirim"), so both names are accepted. Ends with the node's NDV open.
	 */
	async addNode(node: PackageNode, action?: string): Promise<void> {
		const creator = this.page.getByTestId('node-creator');
		await this.page.getByTestId('canvas-plus-button').click();
		await this.page.getByTestId('node-creator-search-bar').fill(node.displayName);
		const names = [node.displayName, node.displayName.replace(/ Trigger$/, '')].map(escapeRegExp).join('|');
		const entry = creator
			.getByTestId('item-iterator-item')
			.filter({
				has: this.page.getByTestId('node-creator-item-name').filter({ hasText: new RegExp(`^\\s*(${names})\\s*$`) }),
			})
			.first();
		try {
			await entry.waitFor({ timeout: 10_000 });
		} catch {
			const found = await creator.getByTestId('node-creator-item-name').allInnerTexts();
			throw new Error(
				`"${node.displayName}" is not in the node panel; a search for it lists: ${JSON.stringify(found)}`,
			);
		}
		await entry.click();
		// The entry either adds the node (NDV opens) or opens its panel of triggers and actions, one list of them
		// possibly collapsed.
		await this.until(
			async () => (await this.ndv.isVisible()) || (await entry.count()) === 0,
			`"${node.displayName}" does not open`,
		);
		if (!(await this.ndv.isVisible())) {
			const own = creator.locator(`[data-keyboard-nav-id^="${node.type}-"]`);
			const category = creator.locator(`[data-keyboard-nav-id="${node.trigger ? 'Triggers' : 'Actions'}"]`);
			if ((await own.count()) === 0 && (await category.count()) > 0) await category.click();
			await this.until(
				async () => (await own.count()) > 0,
				`"${node.displayName}" opens in the node panel without any entry of ${node.type}`,
			);
			// The panel renders its groups one after another (one resource's actions can arrive a moment after the
			// others), so the wanted entry is waited for rather than looked up in the first rendering.
			let entries: string[] = [];
			const listed = async (): Promise<boolean> => {
				entries = (await own.allInnerTexts()).map((text) => text.split('\n')[0].trim());
				return !action || entries.includes(action);
			};
			await this.until(
				listed,
				() => `"${node.displayName}" has no entry "${action}" in the node panel; it has ${JSON.stringify(entries)}`,
			);
			const index = action ? entries.indexOf(action) : 0;
			await own.nth(index).click();
		}
		await this.ndv.getByTestId('node-parameters').waitFor();
		await this.settle();
	}

	/** Picks, in every credential slot the NDV shows, the first credential whose name is in `names`. */
	async pickCredentials(names: string[]): Promise<string[]> {
		const slots = this.ndv.getByTestId('node-credentials-select');
		const picked: string[] = [];
		for (let i = 0; i < (await slots.count()); i++) {
			const slot = slots.nth(i);
			await slot.click();
			// Each entry reads "<name> <credential type>"; the last one creates a new credential.
			const options = this.page.locator('.el-select-dropdown__item:visible');
			await options.first().waitFor();
			const offered = (await options.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
			const name = names.find((wanted) => offered.some((text) => text.startsWith(`${wanted} `) || text === wanted));
			if (!name) throw new Error(`no credential to pick among ${JSON.stringify(offered)}`);
			await options.filter({ hasText: name }).first().click();
			const value = await slot.locator('input').first().inputValue();
			if (value !== name) throw new Error(`picked credential "${name}" but the slot shows "${value}"`);
			picked.push(name);
			await this.settle();
		}
		// What failed with the credential n8n chose by itself (a decoy, in the tests) is history now.
		this.networkProblems = [];
		return picked;
	}

	/**
	 * The entries of an options / multi-options parameter's dropdown, as the user sees them (first line each). The
	 * field is left as it was and loses focus, which is when n8n checks its value against the list.
	 */
	async dropdownOptions(parameter: string): Promise<string[]> {
		await this.settle();
		await this.ndv.getByTestId(`parameter-input-${parameter}`).click();
		const items = this.page.locator('.el-select-dropdown__item:visible');
		const texts = await this.waitForItems(items);
		await this.closePopups();
		await this.blur();
		return texts;
	}

	private async blur(): Promise<void> {
		await this.page.evaluate(() => (globalThis as any).document.activeElement?.blur());
		await this.settle();
	}

	/** Chooses one entry of an options parameter's dropdown by its label (the first line of the entry). */
	async choose(parameter: string, label: string): Promise<void> {
		await this.settle();
		await this.ndv.getByTestId(`parameter-input-${parameter}`).click();
		const items = this.page.locator('.el-select-dropdown__item:visible');
		const texts = await this.waitForItems(items);
		const index = texts.indexOf(label);
		if (index < 0) throw new Error(`"${parameter}" offers no "${label}"; it offers ${JSON.stringify(texts)}`);
		await items.nth(index).click();
		await this.closePopups();
		await this.settle();
	}

	/** The entries of a resource locator's "From list" mode. */
	async listOptions(parameter: string): Promise<string[]> {
		await this.settle();
		await this.ndv.getByTestId(`resource-locator-${parameter}`).getByTestId('rlc-input').click();
		const texts = await this.waitForItems(this.page.locator('[data-test-id=rlc-item]:visible'));
		await this.closePopups();
		return texts;
	}

	/** Chooses one entry of a resource locator's "From list" mode by its text. */
	async chooseFromList(parameter: string, label: string): Promise<void> {
		await this.settle();
		await this.ndv.getByTestId(`resource-locator-${parameter}`).getByTestId('rlc-input').click();
		const items = this.page.locator('[data-test-id=rlc-item]:visible');
		const texts = await this.waitForItems(items);
		const index = texts.indexOf(label);
		if (index < 0) throw new Error(`"${parameter}" lists no "${label}"; it lists ${JSON.stringify(texts)}`);
		await items.nth(index).click();
		await this.closePopups();
		await this.settle();
	}

	/** Adds an optional field to a collection ("Add field" / "Add option") by its label. */
	async addCollectionField(label: string): Promise<void> {
		const add = this.ndv.locator('[data-test-id=collection-parameter-add]:visible');
		for (let i = 0; i < (await add.count()); i++) {
			await add.nth(i).click();
			const options = this.page.locator('[data-test-id=collection-parameter-option]:visible');
			const texts = await this.waitForItems(options);
			const index = texts.indexOf(label);
			if (index >= 0) {
				await options.nth(index).click();
				await this.settle();
				return;
			}
			await this.closePopups();
		}
		throw new Error(`no collection offers a field "${label}"`);
	}

	/** Adds one entry to a fixed collection parameter (its "Add …" button). */
	async addFixedCollectionEntry(parameter: string): Promise<void> {
		await this.ndv.getByTestId(`fixed-collection-${parameter}`).getByTestId('fixed-collection-add').click();
		await this.settle();
	}

	/** Polls `condition` until it holds; `failure` may be a function, to describe what was seen last. */
	private async until(
		condition: () => Promise<boolean>,
		failure: string | (() => string),
		timeoutMs = 10_000,
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!(await condition())) {
			if (Date.now() > deadline) throw new Error(typeof failure === 'string' ? failure : failure());
			await this.page.waitForTimeout(100);
		}
	}

	private async waitForItems(items: Locator, timeoutMs = 10_000): Promise<string[]> {
		await this.settle();
		const deadline = Date.now() + timeoutMs;
		while ((await items.count()) === 0 && Date.now() < deadline) await this.page.waitForTimeout(100);
		return (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	}

	/** Closes an open dropdown or list with Escape — only then: Escape with nothing open closes the NDV. */
	private async closePopups(): Promise<void> {
		const open = this.page.locator(
			'.el-select-dropdown__item:visible, [data-test-id=rlc-item]:visible, [data-test-id=collection-parameter-option]:visible',
		);
		for (let i = 0; i < 3 && (await open.count()) > 0; i++) {
			await this.page.keyboard.press('Escape');
			await this.page.waitForTimeout(200);
		}
	}

	/**
	 * What is wrong in the open NDV: n8n's parameter issues, dropdowns that could not load ("Error fetching
	 * options…", list errors), error callouts and notices, error toasts, failed option requests, and node icons
	 * that did not load. Empty when all is well.
	 */
	async problems(): Promise<string[]> {
		await this.settle();
		const problems = [...this.networkProblems];
		this.networkProblems = [];
		const ndv = this.ndv;
		for (const issue of await ndv.locator('[data-test-id=parameter-issues]:visible').all()) {
			const label = await issue.evaluate(
				(el: any) =>
					el
						.closest('[data-test-id=parameter-item], .parameter-item')
						?.querySelector('label span')
						?.textContent?.trim() ?? '?',
			);
			// The issue text is a tooltip ("Issues: - …") shown on hover.
			await issue.hover();
			const tooltip = this.page.locator('[data-test-id=tooltip-content]:visible').filter({ hasText: 'Issues' });
			await tooltip
				.first()
				.waitFor({ timeout: 3000 })
				.catch(() => undefined);
			const text = (await tooltip.allInnerTexts()).join(' / ').replace(/\s+/g, ' ').trim();
			problems.push(`parameter issue on "${label}": ${text || '(no text)'}`);
			await this.page.mouse.move(0, 0);
		}
		for (const input of await ndv.locator('input[placeholder*="Error" i]:visible').all()) {
			problems.push(`dropdown shows "${await input.getAttribute('placeholder')}"`);
		}
		for (const selector of [
			'[data-test-id=rlc-error-container]',
			'[data-test-id=node-error-callout]',
			'.notice[class*="_danger_"]',
		]) {
			for (const text of await this.page.locator(`${selector}:visible`).allInnerTexts())
				problems.push(`error shown: ${text.replace(/\s+/g, ' ').trim()}`);
		}
		for (const text of await this.page
			.locator('.el-notification:visible:has(.el-notification--error)')
			.allInnerTexts()) {
			problems.push(`error toast: ${text.replace(/\s+/g, ' ').trim()}`);
		}
		const icons = await this.page
			.locator('img[src*="/icons/"]')
			.evaluateAll((imgs: any[]) =>
				imgs.map((img) => ({ src: img.getAttribute('src') as string, loaded: img.complete && img.naturalWidth > 0 })),
			);
		for (const icon of icons.filter((i) => !i.loaded)) problems.push(`icon did not load: ${icon.src}`);
		return problems;
	}

	/** The `src` of the node icon in the NDV's title bar. */
	async ndvIcon(): Promise<string | null> {
		const img = this.ndv.locator('img[src*="/icons/"]').first();
		return (await img.count()) > 0 ? await img.getAttribute('src') : null;
	}

	/**
	 * A PNG of the NDV's title bar, input side and parameters (the output side is empty before a run), popups
	 * closed, nothing focused, the pointer out of the way.
	 */
	async screenshot(path: string): Promise<void> {
		await this.closePopups();
		await this.blur();
		await this.page.mouse.move(0, 0);
		await this.settle();
		const box = await this.ndv.boundingBox();
		// The parameters column: the nearest ancestor of the parameter list that spans the NDV's height.
		const right = await this.ndv.getByTestId('node-parameters').evaluate((el: any) => {
			const top = el.closest('[data-test-id=ndv]').getBoundingClientRect();
			let panel = el;
			while (panel.parentElement && panel.getBoundingClientRect().height < top.height * 0.8)
				panel = panel.parentElement;
			return panel.getBoundingClientRect().right as number;
		});
		if (!box) throw new Error('the NDV is not on screen');
		mkdirSync(dirname(path), { recursive: true });
		await this.page.screenshot({
			path,
			animations: 'disabled',
			caret: 'hide',
			clip: { x: box.x, y: box.y, width: Math.min(right, box.x + box.width) - box.x, height: box.height },
		});
	}

	async close(): Promise<void> {
		await this.context.close();
		rmSync(this.profile, { recursive: true, force: true });
	}
}
