import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

/**
 * Stands in for n8n's Manual Trigger (n8n-nodes-base is not a dependency of this package) when a saved workflow
 * that starts with "When clicking ‘Execute workflow’" is run in process: one empty item, as n8n's gives.
 */
export class ManualTriggerStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger (stand-in)',
		name: 'manualTrigger',
		group: ['trigger', 'input'],
		version: 1,
		description: 'Starts a run by hand (tests only)',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}
