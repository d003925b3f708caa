import { resourceProperties, type OperationOption } from '../../../shared/node/route';
import * as mirrorToKirim from './mirrorToKirim.operation';

export { mirrorToKirim };

/** The operations of the company resource: the router needs a route for each (OperationMap). */
export const operationOptions = [
	{
		name: 'Mirror to Kirim Contacts',
		value: 'mirrorToKirim',
		description: 'Write a company’s name and domain into the metadata of its contacts in Kirim',
		action: 'Mirror a company to its kirim contacts',
	},
] as const satisfies readonly OperationOption[];

export const description = resourceProperties('company', operationOptions, 'mirrorToKirim', [mirrorToKirim]);
