/** The value at a dotted path (`metadata.tier`) inside a record; undefined where a step is missing or not an object. */
export function valueAtPath(record: unknown, path: string): unknown {
	let value: unknown = record;
	for (const part of path.split('.')) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}
