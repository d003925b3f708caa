import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as mirrorToLabel from './mirrorToLabel.operation';

export { mirrorToLabel };

/** The operations of the list (segment) resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{
		name: 'Mirror to Kirim Label',
		value: 'mirrorToLabel',
		description: 'Give the Kirim contacts of a segment’s members a label, and take it off those that left',
		action: 'Mirror a HubSpot segment to a Kirim label',
	},
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('list', operationOptions, 'mirrorToLabel', [mirrorToLabel]);
