const path = require('path');
const { task, src, dest } = require('gulp');

/** tsc compiles code only; node and credential icons are copied beside the compiled files. */
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}'], {
		base: path.resolve('.'),
		encoding: false,
	}).pipe(dest('dist')),
);
