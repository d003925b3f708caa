/**
 * Lints an unpacked npm tarball the way n8n's scanner lints the published artifact
 * (@n8n/scan-community-package, scanner/scanner.mjs: `analyzePackage(packageDir, ['**\/*.js', 'package.json'])`):
 * ESLint run from the package directory with inline disable comments ignored and no config file but the scanner's —
 * @n8n/eslint-plugin-community-nodes `recommended`, `no-console`, eslint-plugin-n8n-nodes-base's `community`
 * rules on package.json, and the TypeScript parser (typescript-eslint's, as eslint.config.mjs uses) for JSON. (The scanner's other leg, the attested source checkout,
 * is what `npm run lint` covers with the same rule sets.)
 *
 * Usage: node --import tsx scripts/scan-package.ts <unpacked package dir>
 * Prints one JSON object: { files, errorCount, warningCount, messages: [{ file, ruleId, severity, message, line }] }.
 * Run in its own process because the plugin is an ES module (jest's CommonJS runtime cannot load it).
 */
import { relative } from 'node:path';

import type { Linter } from 'eslint';

async function scan(packageDir: string): Promise<void> {
	const { ESLint } = await import('eslint');
	const { defineConfig } = await import('eslint/config');
	const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
	const { default: tseslint } = await import('typescript-eslint');
	const { default: n8nNodesBase } = await import('eslint-plugin-n8n-nodes-base');

	const eslint = new ESLint({
		cwd: packageDir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: defineConfig(
			n8nCommunityNodesPlugin.configs.recommended,
			{ rules: { 'no-console': 'error' } },
			{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
			{ files: ['package.json'], rules: n8nNodesBase.configs.community.rules },
			{ files: ['**/*.json'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
		),
	});
	const results = await eslint.lintFiles(['**/*.js', 'package.json']);
	const messages = results.flatMap((result) =>
		result.messages.map((m) => ({
			file: relative(packageDir, result.filePath),
			ruleId: m.ruleId,
			severity: m.severity,
			message: m.message,
			line: m.line,
		})),
	);
	const report = {
		files: results.map((result) => relative(packageDir, result.filePath)),
		errorCount: results.reduce((sum, result) => sum + result.errorCount, 0),
		warningCount: results.reduce((sum, result) => sum + result.warningCount, 0),
		messages,
	};
	process.stdout.write(`${JSON.stringify(report)}\n`);
}

const dir = process.argv[2];
if (!dir) {
	console.error('usage: node --import tsx scripts/scan-package.ts <unpacked package dir>');
	process.exit(2);
}
scan(dir).catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
