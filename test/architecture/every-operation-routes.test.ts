import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodeType } from 'n8n-workflow';

// Every action node routes resource → operation through one map (nodes/<Node>/actions/router.ts, the shape
// docs/architecture.md describes). This checks, for every node package.json registers, that each operation its
// panel offers has a route and each route is offered: a renamed option value or a forgotten route fails here.

const ROOT = join(__dirname, '..', '..');

interface Registered {
	name: string;
	folder: string;
	type: INodeType;
}

function registeredNodes(): Registered[] {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return pkg.n8n.nodes.map((built) => {
		// dist/nodes/Kirim/Kirim.node.js → nodes/Kirim/Kirim.node.ts
		const source = join(ROOT, built.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const exported = jest.requireActual<Record<string, new () => INodeType>>(source);
		const [name, Type] = Object.entries(exported).find(([, value]) => typeof value === 'function')!;
		return { name, folder: join(source, '..'), type: new Type() };
	});
}

function optionValues(property: INodeProperties): string[] {
	return (property.options ?? []).map((option) => String((option as { value: unknown }).value));
}

/** resource → the operations the panel offers for it. */
function offered(properties: INodeProperties[]): Record<string, string[]> {
	const resource = properties.find((p) => p.name === 'resource');
	const result: Record<string, string[]> = {};
	for (const value of resource ? optionValues(resource) : []) {
		const operations = properties.filter(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource ?? []).includes(value),
		);
		result[value] = operations.flatMap(optionValues).sort();
	}
	return result;
}

describe('every operation an action node offers is routed, and every route is offered', () => {
	const nodes = registeredNodes();
	// Triggers are the nodes in n8n's 'trigger' group (the Kirim Trigger also has an execute(), for its manual runs).
	const actionNodes = nodes.filter(
		({ type }) => typeof type.execute === 'function' && !type.description.group.includes('trigger'),
	);

	test('package.json registers the nine nodes, four of them action nodes', () => {
		expect(nodes).toHaveLength(9);
		expect(actionNodes.map(({ name }) => name).sort()).toEqual([
			'HubSpotJournal',
			'HubSpotSync',
			'Kirim',
			'KirimAdmin',
		]);
	});

	test.each(['HubSpotJournal', 'HubSpotSync', 'Kirim', 'KirimAdmin'])(
		'%s: panel options and router map agree',
		(name) => {
			const node = actionNodes.find((n) => n.name === name)!;
			const router = join(node.folder, 'actions', 'router.ts');
			expect(existsSync(router)).toBe(true);
			const { operations } = jest.requireActual<{ operations: Record<string, Record<string, unknown>> }>(router);
			const routed = Object.fromEntries(
				Object.entries(operations).map(([resource, ops]) => [resource, Object.keys(ops).sort()]),
			);
			const panel = offered(node.type.description.properties);
			expect(Object.keys(panel).length).toBeGreaterThan(0);
			expect(routed).toEqual(panel);
			for (const ops of Object.values(operations))
				for (const run of Object.values(ops)) expect(typeof run).toBe('function');
		},
	);
});
