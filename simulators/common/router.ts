import type { SimRequest, SimResponse } from './http';

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
	method: string;
	segments: string[];
	handler: Handler;
}

export type RouteMatch =
	| { kind: 'found'; handler: Handler; params: Record<string, string> }
	| { kind: 'method-not-allowed'; allowed: string[] }
	| { kind: 'not-found' };

/** Path patterns like `/v1/:phone_number_id/contacts/:id`; literal segments win over parameters. */
export class Router {
	private readonly routes: Route[] = [];

	add(method: string, pattern: string, handler: Handler): this {
		this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
		// Literal segments first, so `/contacts/bulk_label` is not taken for `/contacts/:id`.
		this.routes.sort((a, b) => specificity(b) - specificity(a));
		return this;
	}

	match(method: string, path: string): RouteMatch {
		const parts = split(path);
		const allowed: string[] = [];
		for (const route of this.routes) {
			const params = matchSegments(route.segments, parts);
			if (!params) continue;
			if (route.method === method.toUpperCase()) return { kind: 'found', handler: route.handler, params };
			allowed.push(route.method);
		}
		return allowed.length ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
	}
}

function split(path: string): string[] {
	return path.split('/').filter((s) => s.length > 0);
}

function specificity(route: Route): number {
	return route.segments.reduce((score, s) => score * 2 + (s.startsWith(':') ? 0 : 1), 1);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
	if (pattern.length !== parts.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = decodeURIComponent(parts[i]);
		else if (pattern[i] !== parts[i]) return undefined;
	}
	return params;
}
