import type { Router } from '../../common/router';
import { parseJsonBody } from '../../common/pipeline';
import { page } from '../cursor';
import { KirimInvalid, list, notFound, ok } from '../errors';
import type { SimContext } from '../context';
import type { Label } from '../store';
import * as v from '../validate';

export const LABEL_COLORS = [
	'gray',
	'red',
	'orange',
	'amber',
	'yellow',
	'lime',
	'green',
	'emerald',
	'teal',
	'sky',
	'blue',
	'violet',
	'pink',
];

/**
 * Labels are org-level and belong to a team; names are unique per team
 * (https://developers.kirim.chat/api/operations/labels/post/).
 */
export function labelRoutes(router: Router, ctx: SimContext): void {
	const { store } = ctx;
	const find = (id: string): Label => {
		const label = store.labels.get(id);
		if (!label) throw notFound('label');
		return label;
	};
	const checkName = (name: string, team: string, except?: string) => {
		if (name.length < 1 || name.length > 50)
			throw new KirimInvalid('invalid_field_value', 'name must be 1–50 characters.', 'name');
		if ([...store.labels.values()].some((l) => l.team_id === team && l.name === name && l.id !== except)) {
			throw new KirimInvalid('invalid_field_value', 'A label with this name already exists in the team.', 'name');
		}
	};
	const checkColor = (color: string) => {
		if (!LABEL_COLORS.includes(color))
			throw new KirimInvalid('invalid_field_value', `color must be one of ${LABEL_COLORS.join(', ')}.`, 'color');
	};

	router.add('GET', '/v1/labels', (req) => {
		const labels = [...store.labels.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
		const result = page(ctx.cursors, labels, v.limit(req.query.get('limit')), req.query.get('cursor'), {});
		return list(result.data, result.hasMore, result.nextCursor);
	});
	router.add('POST', '/v1/labels', (req) =>
		ctx.idempotency.run(req, async () => {
			const body = v.object(parseJsonBody(req));
			v.onlyKeys(body, ['team_id', 'name', 'color']);
			const team = v.optionalString(body, 'team_id', 64) ?? store.defaultTeam;
			const name = v.requiredString(body, 'name');
			checkName(name, team);
			const color = v.optionalString(body, 'color') ?? 'gray';
			checkColor(color);
			const now = store.now();
			const label: Label = {
				id: store.newId('lbl'),
				object: 'label',
				name,
				color,
				team_id: team,
				created_at: now,
				updated_at: now,
			};
			store.labels.set(label.id, label);
			return ok(label, 201);
		}),
	);
	router.add('GET', '/v1/labels/:id', (req) => ok(find(req.params.id)));
	router.add('PATCH', '/v1/labels/:id', (req) => {
		const label = find(req.params.id);
		const body = v.object(parseJsonBody(req));
		v.onlyKeys(body, ['name', 'color']);
		const name = v.optionalString(body, 'name');
		if (name !== undefined && name !== null) {
			checkName(name, label.team_id, label.id);
			label.name = name;
		}
		const color = v.optionalString(body, 'color');
		if (color) {
			checkColor(color);
			label.color = color;
		}
		label.updated_at = store.now();
		return ok(label);
	});
	router.add('DELETE', '/v1/labels/:id', (req) => {
		const label = find(req.params.id);
		store.labels.delete(label.id);
		for (const labels of store.contactLabels.values()) labels.delete(label.id);
		return ok({ id: label.id, object: 'label', deleted: true });
	});
}
