import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';

/**
 * What `npm pack` puts in the tarball n8n installs (issue: only dist/, README, LICENSE, CHANGELOG, package.json),
 * and the official community-node rules run on its JavaScript as n8n's scanner runs them (scripts/scan-package.ts).
 * It packs the current dist/: `npm test` builds it first (lint → build → jest); run alone, build first.
 */
const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
};

const ROOT_FILES = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']);
const COMPILED = /^dist\/(nodes|credentials)\/.+\.(js|d\.ts|js\.map)$/;
const CODEX = /^dist\/nodes\/[^/]+\/[^/]+\.node\.json$/;
const ICON = /^dist\/(nodes|credentials|icons)\/.+\.(svg|png)$/;
const NOT_SHIPPED_CODE =
	/(^|\/)(test|tests|__tests__|__mocks__|e2e|simulators|bench|scripts|examples|fixtures|harness)(\/|$)|\.(test|spec|bench|fuzz|e2e)\.[^/]+$/;
const SECRET_FILE =
	/(^|\/)(\.env(\.[^/]*)?|\.npmrc|\.netrc|\.pypirc|id_(rsa|dsa|ecdsa|ed25519)[^/]*)$|\.(pem|key|p12|pfx|jks|keystore)$/i;
/** Real-looking credentials (a prefix alone, as in a placeholder or a detection rule, does not match). */
const SECRET_CONTENT: Array<[string, RegExp]> = [
	['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
	['Kirim API key', /kdv_(live|test)_[A-Za-z0-9]{20,}/],
	['Kirim webhook secret', /whsec_[A-Za-z0-9_-]{20,}/],
	['HubSpot private app token', /pat-(na|eu)\d-[0-9a-f]{8}-[0-9a-f]{4}-/],
	['npm token', /npm_[A-Za-z0-9]{36}/],
	['GitHub token', /gh[pousr]_[A-Za-z0-9]{36}/],
	['AWS access key', /AKIA[0-9A-Z]{16}/],
];

/** Why each entry of a tarball listing (paths without the `package/` prefix) does not belong there. */
function unexpectedEntries(paths: string[]): string[] {
	const shipped = new Set(paths);
	const problems: string[] = [];
	for (const path of paths) {
		if (ROOT_FILES.has(path)) continue;
		if (SECRET_FILE.test(path)) problems.push(`${path}: looks like a secret`);
		else if (NOT_SHIPPED_CODE.test(path)) problems.push(`${path}: test or tooling file`);
		else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) problems.push(`${path}: TypeScript source`);
		else if (path.endsWith('.js.map') && !shipped.has(path.slice(0, -'.map'.length)))
			problems.push(`${path}: source map of code that is not shipped`);
		else if (path.endsWith('.d.ts') && !shipped.has(`${path.slice(0, -'.d.ts'.length)}.js`))
			problems.push(`${path}: declarations of code that is not shipped`);
		else if (!COMPILED.test(path) && !CODEX.test(path) && !ICON.test(path))
			problems.push(`${path}: not compiled nodes, credentials or icons`);
	}
	return problems;
}

interface ScanReport {
	files: string[];
	errorCount: number;
	warningCount: number;
	messages: Array<{ file: string; ruleId: string | null; severity: number; message: string; line: number }>;
}

function scan(dir: string): ScanReport {
	const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'scan-package.ts'), dir], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	return JSON.parse(out) as ScanReport;
}

describe('the listing rules', () => {
	test('refuse tests, simulators, sources, stray maps and secret-looking files; accept compiled code, codex, icons and the four root files', () => {
		const listing = [
			'package.json',
			'README.md',
			'LICENSE',
			'CHANGELOG.md',
			'dist/nodes/Kirim/Kirim.node.js',
			'dist/nodes/Kirim/Kirim.node.d.ts',
			'dist/nodes/Kirim/Kirim.node.js.map',
			'dist/nodes/Kirim/Kirim.node.json',
			'dist/icons/kirim.svg',
			'dist/credentials/KirimSyncApi.credentials.js',
			'dist/test/nodes/Kirim/contact.test.js',
			'dist/simulators/kirim/index.js',
			'nodes/Kirim/Kirim.node.ts',
			'dist/nodes/Kirim/Orphan.js.map',
			'dist/nodes/Kirim/helper.spec.js',
			'.env',
			'dist/.env.production',
			'dist/certs/server.pem',
			'dist/package.json',
			'tsconfig.json',
		];
		expect(unexpectedEntries(listing)).toEqual([
			'dist/test/nodes/Kirim/contact.test.js: test or tooling file',
			'dist/simulators/kirim/index.js: test or tooling file',
			'nodes/Kirim/Kirim.node.ts: TypeScript source',
			'dist/nodes/Kirim/Orphan.js.map: source map of code that is not shipped',
			'dist/nodes/Kirim/helper.spec.js: test or tooling file',
			'.env: looks like a secret',
			'dist/.env.production: looks like a secret',
			'dist/certs/server.pem: looks like a secret',
			'dist/package.json: not compiled nodes, credentials or icons',
			'tsconfig.json: not compiled nodes, credentials or icons',
		]);
	});
});

describe('npm pack', () => {
	let work: string;
	let unpacked: string;
	let listing: string[];

	beforeAll(() => {
		const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((file) => !existsSync(join(ROOT, file)));
		if (missing.length > 0)
			throw new Error(`dist/ lacks ${missing.join(', ')}: run \`npm run build\` first (\`npm test\` does)`);
		work = mkdtempSync(join(tmpdir(), 'n8n-nodes-kirim-pack-'));
		// .npmrc has ignore-scripts=true, so packing runs no lifecycle script (and the package defines none).
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
				cwd: ROOT,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		) as Array<{ filename: string; files: Array<{ path: string }> }>;
		unpacked = join(work, 'package');
		mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', join(work, packed[0].filename), '-C', unpacked, '--strip-components=1']);
		listing = execFileSync('tar', ['-tzf', join(work, packed[0].filename)], { encoding: 'utf8' })
			.split('\n')
			.filter((line) => line !== '' && !line.endsWith('/'))
			.map((line) => line.replace(/^package\//, ''))
			.sort();
		expect(listing).toEqual(packed[0].files.map((f) => f.path).sort());
	}, 60_000);

	afterAll(() => {
		if (work) rmSync(work, { recursive: true, force: true });
	});

	test('holds exactly dist/ (compiled nodes, credentials, icons), README.md, LICENSE, CHANGELOG.md and package.json', () => {
		expect(unexpectedEntries(listing)).toEqual([]);
		expect(listing.filter((path) => !path.startsWith('dist/'))).toEqual([
			'CHANGELOG.md',
			'LICENSE',
			'README.md',
			'package.json',
		]);
	});

	test("holds every node and credential package.json registers, with each node's codex file", () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(listing).toContain(file);
		for (const node of pkg.n8n.nodes) expect(listing).toContain(node.replace(/\.js$/, '.json'));
	});

	test('its source maps point only at shipped nodes/ and credentials/ sources', () => {
		const maps = listing.filter((path) => path.endsWith('.map'));
		expect(maps.length).toBeGreaterThan(0);
		for (const map of maps) {
			const { sources, sourceRoot, sourcesContent } = JSON.parse(readFileSync(join(unpacked, map), 'utf8')) as {
				sources: string[];
				sourceRoot?: string;
				sourcesContent?: unknown;
			};
			expect(sourcesContent).toBeUndefined();
			for (const source of sources) {
				const resolved = posix.normalize(posix.join(posix.dirname(map), sourceRoot ?? '', source));
				expect(`${map} → ${resolved}`).toMatch(/ → (nodes|credentials)\/[^ ]+\.ts$/);
			}
		}
	});

	test('no file in it contains a real-looking credential', () => {
		const found = listing.flatMap((path) => {
			const text = readFileSync(join(unpacked, path), 'utf8');
			return SECRET_CONTENT.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${path}: ${what}`);
		});
		expect(found).toEqual([]);
	});

	test("its JavaScript and package.json pass the official community-node rules as n8n's scanner runs them (inline disables ignored)", () => {
		const report = scan(unpacked);
		expect(report.messages).toEqual([]);
		expect(report.errorCount).toBe(0);
		const js = listing.filter((path) => path.endsWith('.js'));
		expect(report.files.sort()).toEqual([...js, 'package.json'].sort());
	}, 60_000);

	test('the same scan fails a runtime dependency, an install script, a restricted global, a runtime import and a console call, even behind an eslint-disable', () => {
		// The packed package.json, given a dependency and a postinstall script, beside one bad compiled file
		// (linting the whole package again would cost seconds).
		const tampered = join(work, 'tampered');
		mkdirSync(join(tampered, 'dist', 'nodes', 'Bad'), { recursive: true });
		const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as {
			dependencies?: object;
			scripts: object;
		};
		manifest.dependencies = { axios: '1.7.9' };
		manifest.scripts = { ...manifest.scripts, postinstall: 'node setup.js' };
		writeFileSync(join(tampered, 'package.json'), JSON.stringify(manifest, null, 2));
		writeFileSync(
			join(tampered, 'dist', 'nodes', 'Bad', 'Bad.node.js'),
			'"use strict";\n/* eslint-disable */\nconst axios = require("axios");\nsetTimeout(() => console.log(process.env.TOKEN), 10);\nexports.Bad = axios;\n',
		);
		const report = scan(tampered);
		expect(
			report.messages
				.filter((m) => m.severity === 2)
				.map((m) => `${m.file}:${m.line} ${m.ruleId}`)
				.sort(),
		).toEqual([
			'dist/nodes/Bad/Bad.node.js:3 @n8n/community-nodes/no-restricted-imports',
			'dist/nodes/Bad/Bad.node.js:4 @n8n/community-nodes/no-restricted-globals',
			'dist/nodes/Bad/Bad.node.js:4 @n8n/community-nodes/no-restricted-globals',
			'dist/nodes/Bad/Bad.node.js:4 no-console',
			expect.stringMatching(/^package\.json:\d+ @n8n\/community-nodes\/no-forbidden-lifecycle-scripts$/),
			expect.stringMatching(/^package\.json:\d+ @n8n\/community-nodes\/no-runtime-dependencies$/),
		]);
	}, 60_000);
});
