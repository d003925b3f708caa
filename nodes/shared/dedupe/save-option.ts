import type { INodeProperties } from 'n8n-workflow';

export type DedupeSave = 'everyDelivery' | 'oncePerSecond';

/**
 * How often a trigger's dedupe snapshot is written to n8n's database. Every write is one more database
 * transaction per run: restart safety costs throughput under load (README: Performance).
 */
export const dedupeSaveOption: INodeProperties = {
	displayName: 'Save Dedupe State',
	name: 'dedupeSave',
	type: 'options',
	options: [
		{
			name: 'With Every Accepted Delivery (Restart-Safe)',
			value: 'everyDelivery',
			description: 'Every acknowledged event is still known as a duplicate after n8n restarts',
		},
		{
			name: 'At Most Once per Second (Faster)',
			value: 'oncePerSecond',
			description:
				'Fewer database writes under load; events acknowledged in the last second before n8n stops may run again if redelivered',
		},
	],
	default: 'everyDelivery',
};

export function persistEveryMs(save: DedupeSave | undefined): number {
	return save === 'oncePerSecond' ? 1000 : 0;
}
