import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

/**
 * Stands in for n8n's Filter node (n8n-nodes-base is not a dependency of this package) in in-process runs of the
 * example workflows. The conditions are the example's own, evaluated by n8n-workflow's filter engine
 * (`extractValue` on a `filter` parameter), the same code the real Filter node calls.
 */
export class FilterStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Filter (stand-in)',
		name: 'filter',
		group: ['transform'],
		version: [2, 2.1, 2.2],
		description: 'Keeps the items that match the conditions (tests only)',
		defaults: { name: 'Filter' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const kept: INodeExecutionData[] = [];
		this.getInputData().forEach((item, index) => {
			if (this.getNodeParameter('conditions', index, false, { extractValue: true }) === true) {
				kept.push({ ...item, pairedItem: { item: index } });
			}
		});
		return [kept];
	}
}
