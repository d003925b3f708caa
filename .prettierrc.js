// The formatter settings of n8n's community-node starter (n8n-io/n8n-nodes-starter, .prettierrc.js), with one
// change: lines of up to 120 characters, the width this codebase's comments and docs were written to.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 120,
};
