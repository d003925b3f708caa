import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/** Label colours Kirim accepts (https://developers.kirim.chat/api/operations/labels/post/). */
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
export const colorField: INodeProperties = {
	displayName: 'Color',
	name: 'color',
	type: 'options',
	options: LABEL_COLORS.map((c) => ({ name: c[0].toUpperCase() + c.slice(1), value: c })),
	default: 'gray',
};
export const LABELS = '/v1/labels';

export function labelName(ctx: IExecuteFunctions, value: unknown, i: number): string {
	const name = String(value ?? '').trim();
	if (name.length < 1 || name.length > 50) {
		throw new NodeOperationError(ctx.getNode(), `A label name has 1–50 characters; this one has ${name.length}`, {
			itemIndex: i,
		});
	}
	return name;
}

export const labelPath = (ctx: IExecuteFunctions, i: number) =>
	`${LABELS}/${encodeURIComponent(String(ctx.getNodeParameter('labelId', i)))}`;
