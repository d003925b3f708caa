import type { SimRequest } from './http';
import { BadRequest, parseJsonBody } from './pipeline';

/**
 * A control route's JSON body, refused when it holds a field the route does not read: a body it silently
 * ignored (say `{"firstname": …}` instead of `{"properties": {"firstname": …}}`) would look like it worked.
 */
export function controlBody(req: SimRequest, fields: readonly string[]): Record<string, unknown> {
	const value = req.rawBody.length ? parseJsonBody(req) : {};
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadRequest('a JSON object was expected');
	const unknown = Object.keys(value).filter((key) => !fields.includes(key));
	if (unknown.length) {
		const hint = fields.includes('properties')
			? ` (property values go under properties: {"properties": {"${unknown[0]}": …}})`
			: '';
		throw new BadRequest(
			`unknown field ${unknown.join(', ')}; this route reads ${fields.join(', ') || 'no body'}${hint}`,
		);
	}
	return value as Record<string, unknown>;
}
