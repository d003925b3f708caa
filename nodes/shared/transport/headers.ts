/** HTTP headers as Node and n8n's request helpers give them: names in any case, a repeated header as a list. */
export type Headers = Record<string, string | string[] | undefined>;

/** Header lookup by case-insensitive name; the first value when a header repeats. */
export function headerValue(headers: Headers, name: string): string | undefined {
	const wanted = name.toLowerCase();
	// Node lower-cases incoming header names, so the direct lookup is the common case.
	const direct = headers[wanted];
	if (direct !== undefined) return Array.isArray(direct) ? direct[0] : direct;
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/** Whether the header is there with a non-empty value. */
export function hasHeader(headers: object | undefined, name: string | undefined): boolean {
	if (!headers || !name) return false;
	const value = headerValue(headers as Headers, name);
	return value !== undefined && value !== '';
}
